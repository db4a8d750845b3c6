import type { BotServices } from '../../bot/services';
import { FactsError, type DecisionOutput, type LoadedPack } from '../../rules';
import { actionsOfReason } from '../approvals/pack-settings';
import { CHECKLIST_FIELDS, type ChecklistErrors, type ChecklistField } from './checklist-values';

const ACTION_FIELD: Record<string, ChecklistField> = {
  post_closing_notice: 'noticePosted',
  explain_why_closing: 'reasonGiven',
  refer_to_other_channels: 'referralGiven',
  archive_content: 'archived',
  register_content: 'contentRegistered',
};

export interface CloseCheck {
  /** The decision says the account may be closed now (recommendations may remain). */
  closable: boolean;
  errors: ChecklistErrors;
  /** What still blocks the closing without a box of its own. */
  reasons: { text: string; section: string }[];
  /** What the pack recommends without blocking ("bör", "i de fall det är möjligt"). */
  advice: { text: string; section: string }[];
  decision?: DecisionOutput;
}

function ruleOutcome(pack: LoadedPack, rule: string): string | undefined {
  return pack.compiled?.['close-account']?.rules.find((r) => r.id === rule)?.outcome;
}

function isField(name: string): name is ChecklistField {
  return (CHECKLIST_FIELDS as readonly string[]).includes(name);
}

/**
 * The close-account decision on the after-approval checklist. Blocking reasons mark their boxes; reasons of rules
 * whose outcome is `ready_to_close` are the pack's recommendations, shown but never in the way.
 */
export async function checkClose(
  services: BotServices,
  pack: LoadedPack,
  facts: Record<string, unknown>,
  localErrors: ChecklistErrors,
  ctx: { actor: string; conversationId?: string; log: boolean },
): Promise<CloseCheck> {
  let decision: DecisionOutput;
  try {
    decision = await services.decisions.decide(pack.id, 'close-account', facts, ctx);
  } catch (error) {
    if (!(error instanceof FactsError)) throw error;
    const errors: ChecklistErrors = { ...localErrors };
    for (const issue of error.issues) if (isField(issue.field)) errors[issue.field] ??= 'Kontrollera det här.';
    return { closable: false, errors, reasons: [], advice: [] };
  }
  const errors: ChecklistErrors = {};
  const reasons: CloseCheck['reasons'] = [];
  const advice: CloseCheck['advice'] = [];
  for (const reason of decision.reasons) {
    const actions = actionsOfReason(pack, 'close-account', reason);
    if (actions.length === 0) continue;
    const cited = { text: reason.text, section: `${reason.source.document}, ${reason.source.section}` };
    if (ruleOutcome(pack, reason.rule) === 'ready_to_close') {
      advice.push(cited);
      continue;
    }
    const fields = actions.map((action) => ACTION_FIELD[action]).filter((f): f is ChecklistField => Boolean(f));
    for (const field of fields) errors[field] ??= reason.text;
    if (fields.length === 0) reasons.push(cited);
  }
  const blocking = decision.outcome !== 'ready_to_close';
  const closable = !blocking && Object.keys(localErrors).length === 0;
  return { closable, errors: { ...errors, ...localErrors }, reasons, advice, decision };
}
