import type { TurnContext } from 'botbuilder';
import { sendCard } from '../../bot/send';
import type { BotServices } from '../../bot/services';
import { actorOf } from '../../bot/tenancy';
import { FactsError, type DecisionName, type DecisionOutput, type LoadedPack } from '../../rules';
import { actionLabel, factLabel as packFactLabel, outcomeLabel } from '../../rules/labels';
import { containerStyle, toneOf, type Tone } from './tone';

export { containerStyle, toneOf, type Tone } from './tone';

export const ANSWER_TEMPLATE = 'decision.answer';

export interface SummaryLine {
  title: string;
  value: string;
}

export interface DecisionAnswerOptions {
  /** The question the user asked, as the card's heading, e.g. "Kan jag publicera den här bilden?". */
  title: string;
  /** Verb and data of "Ändra svar"; the data should let the flow bring back the filled-in card. */
  edit: { verb: string; data?: Record<string, unknown> };
  /** Flow id for "Ny fråga" (opened through the menu verb). */
  againFlow: string;
  /** The answers the decision was made from, shown folded under "Visa dina svar". */
  summary?: SummaryLine[];
  /** The card's question for a fact the decision reports as missing; the pack's fact label otherwise. */
  factLabel?: (fact: string) => string | undefined;
  /** E.g. the pack's answer deadline, shown as its own line under the verdict. */
  deadline?: string;
  /** Actions in the order they should be done; by default the decision's order. */
  orderActions?: (actions: string[]) => string[];
  /** One short line under the verdict, e.g. that the comment text is not stored. */
  note?: string;
}

/** "Policy för …, avsnittet ”Personuppgifter …”" – every reason shows where it comes from. */
export function citationText(source: { document: string; section: string }): string {
  const section = source.section?.trim();
  return section ? `${source.document}, avsnittet ”${section}”` : source.document;
}

export function decisionReference(decisionId: string): string {
  return decisionId.replace(/-/g, '').slice(0, 8);
}

function verdictColor(tone: Tone): Tone {
  return tone === 'Warning' || tone === 'Good' ? 'Default' : tone;
}

/** The data of `adaptive-cards/decision.answer.json` for one decision. Pure: no Teams, no database. */
export function decisionAnswerData(decision: DecisionOutput, pack: LoadedPack, options: DecisionAnswerOptions) {
  const actions = options.orderActions ? options.orderActions([...decision.actions]) : decision.actions;
  const label = (fact: string) => options.factLabel?.(fact) ?? packFactLabel(fact, pack);
  return {
    title: options.title,
    verdict: outcomeLabel(decision.decision as DecisionName, decision.outcome),
    tone: toneOf(decision.outcome),
    // Yellow or light green text on its own background is hard to read; the background carries the tone there.
    verdictColor: verdictColor(toneOf(decision.outcome)),
    verdictStyle: containerStyle(toneOf(decision.outcome)),
    deadline: options.deadline ?? '',
    note: options.note ?? '',
    reasons: decision.reasons.map((reason) => ({ text: reason.text, source: citationText(reason.source) })),
    steps: actions.map((action, index) => ({ id: `step${index + 1}`, text: actionLabel(pack, action) })),
    missing: decision.missing.map((fact) => ({ text: label(fact) })),
    summary: options.summary ?? [],
    packName: pack.name,
    reference: decisionReference(decision.decisionId),
    decisionId: decision.decisionId,
    editVerb: options.edit.verb,
    editData: options.edit.data ?? {},
    againFlow: options.againFlow,
  };
}

export async function sendDecisionAnswer(context: TurnContext, decision: DecisionOutput, pack: LoadedPack, options: DecisionAnswerOptions): Promise<void> {
  await sendCard(context, ANSWER_TEMPLATE, decisionAnswerData(decision, pack, options));
}

export type DecideResult = { ok: true; decision: DecisionOutput } | { ok: false; error: FactsError };

/** A logged decision for the person in this conversation; facts the core refuses come back as data, not a throw. */
export async function decideFor(
  context: TurnContext,
  services: BotServices,
  pack: LoadedPack,
  name: DecisionName,
  facts: Record<string, unknown>,
): Promise<DecideResult> {
  try {
    const decision = await services.decisions.decide(pack.id, name, facts, {
      actor: actorOf(context),
      conversationId: context.activity.conversation?.id,
    });
    services.logger.info({ event: 'decision', decision: name, pack: pack.id, outcome: decision.outcome, ref: decisionReference(decision.decisionId) }, 'decision answered');
    return { ok: true, decision };
  } catch (error) {
    if (error instanceof FactsError || (error as { code?: unknown })?.code === 'facts_invalid') {
      const fields = ((error as FactsError).issues ?? []).map((issue) => issue.field);
      services.logger.warn({ event: 'facts_invalid', decision: name, pack: pack.id, fields }, 'decision facts refused');
      return { ok: false, error: error as FactsError };
    }
    throw error;
  }
}
