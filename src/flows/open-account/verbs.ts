import { registerVerbs } from '../../cards/verbs';

export const ACCOUNT_VERBS = {
  preview: 'account.preview',
  edit: 'account.edit',
  submit: 'account.submit',
  cancel: 'account.cancel',
  resume: 'account.resume',
  withdraw: 'account.withdraw',
} as const;

registerVerbs(ACCOUNT_VERBS);
