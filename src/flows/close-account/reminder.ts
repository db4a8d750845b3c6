import type { Kysely } from 'kysely';
import type { Account } from '../../accounts';
import type { BotServices } from '../../bot/services';
import { renderCard } from '../../cards/render';
import { DEFAULT_TIME_ZONE, dueDatePlanner, ReminderJobs, type Planner, type ReminderRenderer, type ProactiveActivity } from '../../reminders';
import { zonedTime } from '../../reminders/zoned-time';
import { statusData } from '../approvals/notify';
import { workflowOf } from '../approvals/workflow';

export const CLOSING_REMINDER_KIND = 'closing-date';
const HOUR = 9;

/** The same key as the closing-date planner makes, so a reminder planned twice is sent once. */
export function closingReminderKey(accountId: string, closingOn: string): string {
  return `${CLOSING_REMINDER_KIND}:${accountId}:${closingOn}`;
}

/** The pack sends the closing-date reminder (on unless the pack turns it off). */
export function remindsOnClosingDay(services: Pick<BotServices, 'packs'>, packId: string): boolean {
  return services.packs.get(packId)?.settings.reminders.closingDate !== false;
}

/**
 * Queues the owner's reminder for the morning of the closing date, in the pack's time zone, if the pack wants it.
 * `db`: the approval's transaction, so the reminder is planned with the closure or not at all.
 */
export async function scheduleClosingReminder(services: BotServices, account: Account, db: Kysely<any> = services.database.db): Promise<void> {
  if (!account.closingOn || !remindsOnClosingDay(services, account.pack)) return;
  const settings = services.packs.get(account.pack)?.settings;
  const [y, m, d] = account.closingOn.split('-').map(Number);
  await new ReminderJobs(db).enqueue([
    {
      idempotencyKey: closingReminderKey(account.id, account.closingOn),
      kind: CLOSING_REMINDER_KIND,
      target: { type: 'user', aadObjectId: account.owner.aadObjectId },
      payload: { accountId: account.id, date: account.closingOn },
      dueAt: zonedTime(y, m, d, HOUR, settings?.timeZone ?? DEFAULT_TIME_ZONE),
    },
  ]);
}

/** For the scheduler: every account whose closure is approved gets its reminder on the closing date. */
export function closingDatePlanner(services: BotServices): Planner {
  return dueDatePlanner({
    kind: CLOSING_REMINDER_KIND,
    hour: HOUR,
    timeZone: DEFAULT_TIME_ZONE,
    items: async () => {
      const closing = await workflowOf(services).register.search({ status: 'closing' });
      return closing
        .filter((a) => a.closingOn)
        .map((a) => ({ key: a.id, target: { type: 'user' as const, aadObjectId: a.owner.aadObjectId }, date: a.closingOn as string, payload: { accountId: a.id } }));
    },
  });
}

/** The closing-date reminder card: close the account on the platform, then confirm here. */
export function closingReminderCard(account: Pick<Account, 'id' | 'platform' | 'accountName' | 'unit' | 'closingOn' | 'status'>) {
  const done = account.status === 'closed';
  return renderCard(
    'account.status',
    statusData({
      title: done ? 'Kontot är redan avslutat' : 'Dags att stänga kontot',
      color: done ? 'Good' : 'Warning',
      text: done
        ? `${account.platform} – ${account.accountName} är markerat som stängt i registret.`
        : `Avslutet av ${account.platform} – ${account.accountName} är godkänt och informationen har legat ute tillräckligt länge. Stäng kontot på plattformen nu.`,
      facts: [
        { title: 'Verksamhet', value: account.unit },
        { title: 'Stängs', value: account.closingOn ?? '' },
      ],
      steps: done ? [] : ['Arkivera det sista innehållet enligt arkivets vägledning om det inte redan är gjort.', 'Stäng kontot och tryck sedan på "Jag har stängt kontot".'],
      confirmClosedFor: done ? '' : account.id,
    }),
  );
}

/** For the reminder sender: renders the closing-date reminder from the job's account id. */
export function closingReminderRenderer(services: BotServices): ReminderRenderer {
  return async (job) => {
    const accountId = String(job.payload.accountId ?? '');
    const account = await workflowOf(services).register.get(accountId);
    if (!account) throw new Error('account of the reminder no longer exists');
    const card = closingReminderCard(account);
    const activity: ProactiveActivity = {
      type: 'message',
      summary: 'Dags att stänga kontot',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    };
    return activity;
  };
}
