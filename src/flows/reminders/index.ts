import type { FlowDefinition } from '../types';
import { onConfirm, onRemindAgain, onStartNow, sendCampaignCard } from './handlers';
import { REMINDER_VERBS } from './verbs';

export { reminderPlanners, GOAL_FOLLOW_UP_KIND, MISSING_STAND_IN_KIND, PEDAGOGICAL_END_KIND } from './planners';
export { reminderRenderers } from './renderers';
export { startReporting, campaignProgress, remindOutstanding, reportingKey, reportingCampaignId, currentPeriod, REPORTING_KIND } from './reporting';
export { mayRunCampaigns, tellCommunicationsUnit } from './handlers';

/** The manifest command and what a person may type for the reporting card. */
const REPORTING_COMMAND = /^\s*rapportering\s*[.!?]?\s*$/i;

/**
 * "Rapportering": the communications unit follows the reporting campaign and reminds those who have not answered.
 * The reminders themselves are sent by the reminder runtime (src/bot/reminder-runtime.ts); their buttons land here.
 */
export const remindersFlow: FlowDefinition = {
  id: 'reporting',
  intent: 'reporting',
  title: 'Rapportering',
  description: 'För kommunikationsenheten: följ rapporteringen av kontona och påminn de som inte svarat.',
  button: 'Visa rapporteringen',
  scope: 'personal',
  async start(context, state, services) {
    if (state.conversation.flow?.id === 'reporting') state.conversation.flow = undefined;
    await sendCampaignCard(context, services);
  },
  register(app, services) {
    app.message(REPORTING_COMMAND, async (context) => sendCampaignCard(context, services));
    app.adaptiveCards.actionSubmit(REMINDER_VERBS.confirm, async (context, _state, data) => onConfirm(context, services, data));
    app.adaptiveCards.actionSubmit(REMINDER_VERBS.campaign, async (context) => sendCampaignCard(context, services));
    app.adaptiveCards.actionSubmit(REMINDER_VERBS.remindAgain, async (context, _state, data) => onRemindAgain(context, services, data));
    app.adaptiveCards.actionSubmit(REMINDER_VERBS.startNow, async (context) => onStartNow(context, services));
  },
};
