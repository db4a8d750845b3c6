import { registerVerbs } from '../../cards/verbs';

export const ADMIN_VERBS = {
  setChannel: 'admin.setChannel',
  saveApprovers: 'admin.saveApprovers',
} as const;

registerVerbs(ADMIN_VERBS);
