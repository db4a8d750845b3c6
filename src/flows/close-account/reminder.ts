import type { Kysely } from 'kysely';
import type { Account } from '../../accounts';
import type { BotServices } from '../../bot/services';
import { renderCard } from '../../cards/render';
import { DEFAULT_TIME_ZONE, dueDatePlanner, ReminderJobs, type JobSpec, type Planner, type ReminderRenderer, type ProactiveActivity } from '../../reminders';
import { zonedTime } from '../../reminders/zoned-time';
import { addDays } from '../approvals/dates';
import { statusData } from '../approvals/notify';
import { workflowOf } from '../approvals/workflow';

export const CLOSING_REMINDER_KIND = 'closing-date';
/** The morning the notice should go up so it stays the pack's notice days before the decided closing date. */
export const CLOSING_NOTICE_KIND = 'closing-notice';
const HOUR = 9;

/** The same key as the closing-date planner makes, so a reminder planned twice is sent once. */
export function closingReminderKey(accountId: string, closingOn: string): string {
  return `${CLOSING_REMINDER_KIND}:${accountId}:${closingOn}`;
}

/** The pack sends the closing-date reminder (on unless the pack turns it off). */
export function remindsOnClosingDay(services: Pick<BotServices, 'packs'>, packId: string): boolean {
  return services.packs.get(packId)?.settings.reminders.closingDate !== false;
}

function morningOf(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return zonedTime(y, m, d, HOUR, timeZone);
}

/**
 * Queues the owner's reminders of an approved closure, in the pack's time zone, if the pack wants them: the day to
 * put the notice up (the pack's notice days before the closing date, when that is still ahead) and the closing date.
 * `db`: the approval's transaction, so the reminders are planned with the closure or not at all.
 */
export async function scheduleClosingReminder(services: BotServices, account: Account, db: Kysely<any> = services.database.db): Promise<void> {
  if (!account.closingOn || !remindsOnClosingDay(services, account.pack)) return;
  const settings = services.packs.get(account.pack)?.settings;
  const timeZone = settings?.timeZone ?? DEFAULT_TIME_ZONE;
  const noticeOn = settings?.closeNoticeDays ? addDays(account.closingOn, -settings.closeNoticeDays) : null;
  const target = { type: 'user' as const, aadObjectId: account.owner.aadObjectId };
  const payload = { accountId: account.id, date: account.closingOn };
  const specs: JobSpec[] = [{ idempotencyKey: closingReminderKey(account.id, account.closingOn), kind: CLOSING_REMINDER_KIND, target, payload, dueAt: morningOf(account.closingOn, timeZone) }];
  if (noticeOn && morningOf(noticeOn, timeZone) > services.clock.now()) {
    specs.push({ idempotencyKey: closingNoticeKey(account.id, account.closingOn), kind: CLOSING_NOTICE_KIND, target, payload, dueAt: morningOf(noticeOn, timeZone) });
  }
  await new ReminderJobs(db).enqueue(specs);
}

export function closingNoticeKey(accountId: string, closingOn: string): string {
  return `${CLOSING_NOTICE_KIND}:${accountId}:${closingOn}`;
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

/** The closing-date and notice reminder cards: the next step of the approved closure, and the checklist. */
export function closingReminderCard(account: Pick<Account, 'id' | 'platform' | 'accountName' | 'unit' | 'closingOn' | 'status'>, kind: string = CLOSING_REMINDER_KIND) {
  const done = account.status === 'closed';
  const name = `${account.platform} – ${account.accountName}`;
  const notice = kind === CLOSING_NOTICE_KIND;
  return renderCard(
    'account.status',
    statusData({
      title: done ? 'Kontot är redan avslutat' : notice ? 'Dags att informera om avslutet' : 'Dags att stänga kontot',
      color: done ? 'Good' : 'Warning',
      text: done
        ? `${name} är markerat som stängt i registret.`
        : notice
          ? `Avslutet av ${name} är beslutat till ${account.closingOn ?? ''}. Publicera nu informationen på kontot om att det ska avslutas och varför, så att den kan ligga kvar ett par veckor.`
          : `Avslutet av ${name} är beslutat till i dag. Gå igenom checklistan och stäng sedan kontot.`,
      facts: [
        { title: 'Verksamhet', value: account.unit },
        { title: 'Stängs', value: account.closingOn ?? '' },
      ],
      steps: done ? [] : notice ? ['Kryssa i checklistan när informationen är publicerad.'] : ['Är allt på checklistan gjort stänger du kontot på plattformen och trycker på "Jag har stängt kontot" i checklistan.'],
      closeChecklistFor: done ? '' : account.id,
    }),
  );
}

/** For the reminder sender: renders the closing reminders from the job's account id. */
export function closingReminderRenderer(services: BotServices): ReminderRenderer {
  return async (job) => {
    const accountId = String(job.payload.accountId ?? '');
    const account = await workflowOf(services).register.get(accountId);
    if (!account) throw new Error('account of the reminder no longer exists');
    const card = closingReminderCard(account, job.kind);
    const activity: ProactiveActivity = {
      type: 'message',
      summary: job.kind === CLOSING_NOTICE_KIND ? 'Dags att informera om avslutet' : 'Dags att stänga kontot',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    };
    return activity;
  };
}
