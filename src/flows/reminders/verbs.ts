import { registerVerbs } from '../../cards/verbs';

export const REMINDER_VERBS = {
  confirm: 'reminder.confirm',
  campaign: 'reminder.campaign',
  remindAgain: 'reminder.remindAgain',
  startNow: 'reminder.startNow',
} as const;

registerVerbs(REMINDER_VERBS);
