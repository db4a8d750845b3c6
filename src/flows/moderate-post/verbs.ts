import { registerVerbs } from '../../cards/verbs';

export const MODERATE_POST_VERBS = {
  submit: 'moderatePost.submit',
  edit: 'moderatePost.edit',
} as const;

registerVerbs(MODERATE_POST_VERBS);
