import type { BotServices } from '../../bot/services';
import { FactsError, type DecisionOutput, type LoadedPack } from '../../rules';
import { actionsOfReason } from '../approvals/pack-settings';
import { CHECKLIST_FIELDS, type ChecklistErrors, type ChecklistField } from './checklist-values';

const ACTION_FIELD: Record<string, [ChecklistField, string]> = {
  post_closing_notice: ['noticePosted', 'Publicera först information på kontot om att det ska avslutas.'],
  explain_why_closing: ['reasonGiven', 'Berätta i informationen varför kontot avslutas.'],
  refer_to_other_channels: ['referralGiven', 'Hänvisa till andra kontaktvägar eller konton.'],
  archive_content: ['archived', 'Arkivera innehållet innan kontot stängs.'],
  register_content: ['contentRegistered', 'Dokumentera och diarieför innehållet innan kontot stängs.'],
};

export interface CloseCheck {
  /** Everything on the checklist is done; only the notice period may remain. */
  submittable: boolean;
  /** The earliest day the account may be closed. */
  closingOn: string;
  errors: ChecklistErrors;
  summary: string;
  reasons: { text: string; section: string }[];
  decision?: DecisionOutput;
}

function isField(name: string): name is ChecklistField {
  return (CHECKLIST_FIELDS as readonly string[]).includes(name);
}

/**
 * The close-account decision on the checklist. A closure may be sent for approval while the notice is still up:
 * if the same facts are ready on the earliest closing date, only time is missing, and that date becomes the
 * closing date the approvers decide on.
 */
export async function checkClose(
  services: BotServices,
  pack: LoadedPack,
  facts: Record<string, unknown>,
  localErrors: ChecklistErrors,
  ctx: { actor: string; conversationId?: string; log: boolean },
): Promise<CloseCheck> {
  const today = String(facts.today);
  let decision: DecisionOutput;
  try {
    decision = await services.decisions.decide(pack.id, 'close-account', facts, ctx);
  } catch (error) {
    if (!(error instanceof FactsError)) throw error;
    const errors: ChecklistErrors = { ...localErrors };
    for (const issue of error.issues) if (isField(issue.field)) errors[issue.field] ??= 'Kontrollera det här.';
    return { submittable: false, closingOn: today, errors, summary: 'Några uppgifter behöver rättas.', reasons: [] };
  }
  const earliest = decision.earliestCloseDate && decision.earliestCloseDate > today ? decision.earliestCloseDate : today;
  let submittable = decision.outcome === 'ready_to_close';
  if (!submittable && earliest > today) {
    const later = await services.decisions.decide(pack.id, 'close-account', { ...facts, today: earliest }, { ...ctx, log: false });
    submittable = later.outcome === 'ready_to_close';
  }
  const errors: ChecklistErrors = {};
  const reasons: CloseCheck['reasons'] = [];
  if (!submittable) {
    for (const reason of decision.reasons) {
      const fields = actionsOfReason(pack, 'close-account', reason)
        .map((action) => ACTION_FIELD[action]?.[0])
        .filter((f): f is ChecklistField => Boolean(f));
      for (const field of fields) errors[field] ??= reason.text;
      // The notice period is not a task: it becomes the closing date once the rest is done.
      const waiting = actionsOfReason(pack, 'close-account', reason).includes('wait_for_notice_period');
      if (fields.length === 0 && !waiting) reasons.push({ text: reason.text, section: `${reason.source.document}, ${reason.source.section}` });
    }
    for (const action of decision.actions) {
      const entry = ACTION_FIELD[action];
      if (entry) errors[entry[0]] ??= entry[1];
    }
  }
  const ok = submittable && Object.keys(localErrors).length === 0;
  return {
    submittable: ok,
    closingOn: earliest,
    errors: { ...errors, ...localErrors },
    summary: ok ? '' : 'Det här behöver göras innan avslutet kan skickas för beslut.',
    reasons,
    decision,
  };
}
