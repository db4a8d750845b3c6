import { registerVerbs } from '../../cards/verbs';

export const APPROVAL_VERBS = {
  refresh: 'approval.refresh',
  approve: 'approval.approve',
  reject: 'approval.reject',
  sendBack: 'approval.return',
} as const;

registerVerbs(APPROVAL_VERBS);
