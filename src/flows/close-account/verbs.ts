import { registerVerbs } from '../../cards/verbs';

export const CLOSE_VERBS = {
  pick: 'closeAccount.pick',
  check: 'closeAccount.check',
  checklist: 'closeAccount.checklist',
  submit: 'closeAccount.submit',
  cancel: 'closeAccount.cancel',
  confirmClosed: 'closeAccount.confirmClosed',
} as const;

registerVerbs(CLOSE_VERBS);
