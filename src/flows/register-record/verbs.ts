import { registerVerbs } from '../../cards/verbs';

export const REGISTER_RECORD_VERBS = {
  submit: 'registerRecord.submit',
  edit: 'registerRecord.edit',
} as const;

registerVerbs(REGISTER_RECORD_VERBS);
