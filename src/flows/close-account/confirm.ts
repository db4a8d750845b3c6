import type { TurnContext } from 'botbuilder';
import { sendCard, sendNotice } from '../../bot/send';
import type { BotServices } from '../../bot/services';
import { actorOf } from '../../bot/tenancy';
import { ReminderJobs } from '../../reminders';
import { isoDay } from '../approvals/dates';
import { CLOSE_WITHOUT_REMINDER_TEXT, statusData } from '../approvals/notify';
import { workflowOf } from '../approvals/workflow';
import { evaluateChecklist, sendChecklist } from './checklist-flow';
import { valuesFromFacts } from './checklist-values';
import { canManage } from './common';
import { ClosingProgress } from './progress';
import { closingReminderKey, remindsOnClosingDay } from './reminder';

/**
 * "Jag har stängt kontot": the register marks the account closed with today's date, once the decided date has come
 * and the decision on the checklist says the steps before closing are done.
 */
export async function onConfirmClosed(context: TurnContext, services: BotServices, accountId: string): Promise<void> {
  const workflow = workflowOf(services);
  const account = accountId ? await workflow.register.get(accountId) : undefined;
  const actor = actorOf(context);
  if (!account || !canManage(account, actor)) {
    return sendNotice(context, 'Jag hittar inte kontot', 'Bara den ansvariga eller ersättaren kan bekräfta att ett konto är stängt.', 'Warning');
  }
  const today = isoDay(services.clock.now());
  if (account.status === 'closed') {
    return sendNotice(context, 'Kontot är redan avslutat', `Det markerades som stängt ${account.closedOn ?? ''}.`.trim(), 'Good');
  }
  if (account.status !== 'closing' || !account.closingOn) {
    return sendNotice(context, 'Avslutet är inte godkänt ännu', 'Kontot kan markeras som stängt först när avslutet är godkänt.', 'Warning');
  }
  const values = valuesFromFacts(await new ClosingProgress(services.database.db).get(account.id));
  const { check } = await evaluateChecklist(context, services, account, values, true);
  if (!check.closable) return sendChecklist(context, services, account, values, check);
  if (account.closingOn > today) {
    const then = remindsOnClosingDay(services, account.pack) ? 'Jag påminner dig den dagen.' : CLOSE_WITHOUT_REMINDER_TEXT;
    return sendNotice(context, 'Vänta lite till', `Enligt beslutet stängs kontot ${account.closingOn}. ${then}`, 'Warning');
  }
  const closed = await workflow.register.markClosed(account.id, today, actor);
  await new ReminderJobs(services.database.db).confirm(closingReminderKey(account.id, account.closingOn), services.clock.now());
  services.logger.info({ event: 'account_closed', accountId: account.id }, 'account marked closed');
  await sendCard(context, 'account.status', statusData({
    title: 'Kontot är avslutat',
    color: 'Good',
    text: `${closed.platform} – ${closed.accountName} är markerat som stängt i kontoregistret.`,
    facts: [
      { title: 'Verksamhet', value: closed.unit },
      { title: 'Stängt', value: closed.closedOn ?? today },
    ],
    showMyAccounts: true,
  }));
}
