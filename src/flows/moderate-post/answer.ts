import type { LoadedPack } from '../../rules';

/** Document first, then register, remove, police, answer, case handling: the order in which they are done. */
const ACTION_ORDER = [
  'document_screenshot',
  'register',
  'remove_immediately',
  'remove',
  'consider_police_report',
  'answer_within_deadline',
  'offer_other_channel',
  'transfer_to_case_handling',
  'keep_visible',
];

export function orderActions(actions: string[]): string[] {
  const rank = (action: string) => {
    const index = ACTION_ORDER.indexOf(action);
    return index === -1 ? ACTION_ORDER.length : index;
  };
  return actions.map((action, index) => ({ action, index })).sort((a, b) => rank(a.action) - rank(b.action) || a.index - b.index).map((x) => x.action);
}

/** The pack's answer deadline in words ("inom 24 timmar", "under kontorstid utan onödigt dröjsmål"). */
export function answerDeadline(pack: LoadedPack): string {
  const { hours, text } = pack.settings.answerDeadline;
  return text || (hours !== null ? `inom ${hours} timmar` : '');
}
