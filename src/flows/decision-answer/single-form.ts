import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { sendCard } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { tenancyOf } from '../../bot/tenancy';
import type { AppTurnState } from '../../bot/turn-state';
import type { DecisionName, DecisionOutput, LoadedPack } from '../../rules';
import { factsErrorText } from '../../rules/labels';
import { asRecord, type FieldSet } from './card-fields';
import { editPayloadOf, isRepeatOfAnswered, loadFormDraft, revOf, saveFormDraft, sendAlreadyAnswered, type FormDraft } from './form-draft';
import { decideFor, sendDecisionAnswer, type DecisionAnswerOptions, type SummaryLine } from './index';

export interface FormCardOptions {
  errors: Record<string, string>;
  notice: string;
  noticeColor: 'Default' | 'Warning' | 'Attention' | 'Good';
  /** A line under the heading, e.g. that some choices were made from the user's words. */
  intro: string;
}

/**
 * A conversation of one question card and one answer card (moderation, registration). The card holds every
 * question, so a complete submit is answered even from an old card or after the draft is gone; an incomplete one
 * comes back with the fields marked, keeping what was chosen.
 */
export interface SingleFormFlow {
  flowId: string;
  decision: DecisionName;
  title: string;
  template: string;
  verbs: { submit: string; edit: string };
  /** The stored answers, typed (what the draft and "Ändra svar" carry). */
  fields: FieldSet;
  /** Answers and Swedish errors from a card submit. */
  read(data: Record<string, unknown>): { answers: Record<string, unknown>; errors: Record<string, string> };
  cardData(draft: FormDraft, pack: LoadedPack, options: FormCardOptions): object;
  toFacts(answers: Record<string, unknown>): Record<string, unknown>;
  summary(answers: Record<string, unknown>): SummaryLine[];
  factLabel(fact: string): string | undefined;
  answerOptions?(decision: DecisionOutput, pack: LoadedPack): Partial<DecisionAnswerOptions>;
}

const NO_OPTIONS: FormCardOptions = { errors: {}, notice: '', noticeColor: 'Warning', intro: '' };

async function sendForm(context: TurnContext, state: AppTurnState, services: BotServices, flow: SingleFormFlow, draft: FormDraft, options: Partial<FormCardOptions>) {
  const pack = packFor(services, tenancyOf(context));
  saveFormDraft(state, flow.flowId, 'asking', draft);
  await sendCard(context, flow.template, flow.cardData(draft, pack, { ...NO_OPTIONS, ...options }));
}

function nextRev(services: BotServices, draft?: FormDraft): number {
  return draft ? draft.rev + 1 : services.clock.now().getTime();
}

export async function startSingleForm(
  context: TurnContext,
  state: AppTurnState,
  services: BotServices,
  flow: SingleFormFlow,
  answers: Record<string, unknown> = {},
  intro = '',
): Promise<void> {
  const previous = loadFormDraft(state, flow.flowId, flow.fields);
  const rev = Math.max(services.clock.now().getTime(), (previous?.rev ?? 0) + 1);
  services.logger.info({ event: 'flow_start', flow: flow.flowId }, 'flow started');
  await sendForm(context, state, services, flow, { rev, answers, ask: ['form'], picture: false }, { intro });
}

async function onSubmit(context: TurnContext, state: AppTurnState, services: BotServices, flow: SingleFormFlow, data: Record<string, unknown>) {
  const draft = loadFormDraft(state, flow.flowId, flow.fields);
  const stale = !draft || revOf(data) !== draft.rev;
  const { answers, errors } = flow.read(data);
  if (draft && isRepeatOfAnswered(state, flow.flowId, draft, revOf(data), answers)) return sendAlreadyAnswered(context, services, flow.flowId);
  const kept = { ...(draft?.answers ?? {}), ...answers };
  if (Object.keys(errors).length > 0) {
    services.logger.warn({ event: 'card_invalid', flow: flow.flowId, stale, fields: Object.keys(errors) }, 'card submit incomplete');
    const notice = stale ? 'Kortet var gammalt eller ofullständigt. Jag har tagit med det du valde – fyll i det som saknas och skicka igen.' : '';
    await sendForm(context, state, services, flow, { rev: nextRev(services, draft), answers: kept, ask: ['form'], picture: false }, { errors, notice });
    return;
  }
  if (stale) services.logger.info({ event: 'card_stale_complete', flow: flow.flowId }, 'complete answers from an older card');

  const pack = packFor(services, tenancyOf(context));
  const result = await decideFor(context, services, pack, flow.decision, flow.toFacts(answers));
  const answered: FormDraft = { rev: nextRev(services, draft), answers, ask: ['form'], picture: false };
  if (!result.ok) {
    const fieldErrors = Object.fromEntries(result.error.issues.filter((i) => i.field in flow.fields).map((i) => [i.field, 'Kontrollera svaret.']));
    await sendForm(context, state, services, flow, answered, { errors: fieldErrors, notice: factsErrorText(result.error, pack), noticeColor: 'Attention' });
    return;
  }
  saveFormDraft(state, flow.flowId, 'answered', answered);
  await sendDecisionAnswer(context, result.decision, pack, {
    title: flow.title,
    edit: { verb: flow.verbs.edit, data: { rev: answered.rev, answers } },
    againFlow: flow.flowId,
    summary: flow.summary(answers),
    factLabel: flow.factLabel,
    ...flow.answerOptions?.(result.decision, pack),
  });
}

async function onEdit(context: TurnContext, state: AppTurnState, services: BotServices, flow: SingleFormFlow, data: Record<string, unknown>) {
  const draft = loadFormDraft(state, flow.flowId, flow.fields);
  const payload = editPayloadOf(data, flow.fields);
  let answers: Record<string, unknown> = {};
  let notice = '';
  if (draft && payload?.rev !== undefined && payload.rev === draft.rev) answers = draft.answers;
  else if (payload && Object.keys(payload.answers).length > 0) answers = payload.answers;
  else if (draft) {
    answers = draft.answers;
    notice = 'Det kortet var äldre. Här är dina senaste svar.';
  } else notice = 'Jag hittar inte de svaren längre. Fyll i kortet igen, så svarar jag.';
  if (notice) services.logger.warn({ event: 'card_stale', flow: flow.flowId, hasDraft: Boolean(draft) }, 'edit from an old card');
  await sendForm(context, state, services, flow, { rev: nextRev(services, draft), answers, ask: ['form'], picture: false }, { notice });
}

export function registerSingleForm(app: Application<AppTurnState>, services: BotServices, flow: SingleFormFlow): void {
  app.adaptiveCards.actionSubmit(flow.verbs.submit, (context, state, data) => onSubmit(context, state, services, flow, asRecord(data)));
  app.adaptiveCards.actionSubmit(flow.verbs.edit, (context, state, data) => onEdit(context, state, services, flow, asRecord(data)));
}
