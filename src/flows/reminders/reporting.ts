import type { Kysely } from 'kysely';
import type { CoreTables } from '../../db/tables';
import { Campaigns, campaignId, DEFAULT_TIME_ZONE, ReminderJobs, type JobSpec, type ReminderJob } from '../../reminders';
import type { ReminderTables } from '../../reminders/tables';
import { zonedMonth } from '../../reminders/zoned-time';
import type { LoadedPack } from '../../rules';
import { reportingPeople, splitReachable } from './people';

export const REPORTING_KIND = 'reporting';

/** The same key as `reportingMonthPlanner` makes for round 1, so planned and manual starts never send twice. */
export function reportingKey(pack: string, period: string, aadObjectId: string, round = 1): string {
  const base = `${REPORTING_KIND}:${pack}:${period}:${aadObjectId}`;
  return round > 1 ? `${base}:again-${round}` : base;
}

export function reportingCampaignId(pack: string, period: string): string {
  return campaignId(REPORTING_KIND, pack, period);
}

export function currentPeriod(pack: LoadedPack, now: Date): string {
  return zonedMonth(now, pack.settings.timeZone || DEFAULT_TIME_ZONE);
}

export function reportingSpec(pack: string, period: string, aadObjectId: string, dueAt: Date, round = 1): JobSpec {
  return {
    idempotencyKey: reportingKey(pack, period, aadObjectId, round),
    kind: REPORTING_KIND,
    target: { type: 'user', aadObjectId },
    payload: round > 1 ? { pack, period, round } : { pack, period },
    dueAt,
    campaignId: reportingCampaignId(pack, period),
  };
}

export interface ReportingPlan {
  specs: JobSpec[];
  /** People who report but have no chat with the bot yet. */
  unreachable: number;
}

/** One reminder for every reachable owner and stand-in of the pack's open accounts. */
export async function planReporting(db: Kysely<CoreTables>, pack: string, period: string, dueAt: Date): Promise<ReportingPlan> {
  const { reachable, unreachable } = await splitReachable(db, await reportingPeople(db, pack));
  return { specs: reachable.map((aad) => reportingSpec(pack, period, aad, dueAt)), unreachable: unreachable.length };
}

/** Starts (or resumes) the pack's reporting campaign for a period; returns how many reminders were new. */
export async function startReporting(
  db: Kysely<CoreTables>,
  input: { pack: string; period: string; startedBy: string; now: Date },
): Promise<{ campaignId: string; enqueued: number; unreachable: number }> {
  const plan = await planReporting(db, input.pack, input.period, input.now);
  const { campaign, enqueued } = await new Campaigns(db).start(
    { kind: REPORTING_KIND, pack: input.pack, period: input.period, startedBy: input.startedBy, now: input.now },
    plan.specs,
  );
  return { campaignId: campaign.id, enqueued, unreachable: plan.unreachable };
}

export interface CampaignProgress {
  /** Counted per person: a second reminder to the same person is still one person. */
  sent: number;
  confirmed: number;
  /** Not confirmed yet: reminded and waiting, or waiting to be sent. */
  outstanding: number;
  /** Nothing reached the person (no chat, bot removed, tries used up). */
  failed: number;
  /** The latest job of each person who was reminded, has not confirmed and has nothing waiting to be sent. */
  remindable: ReminderJob[];
}

export async function campaignProgress(db: Kysely<CoreTables>, id: string): Promise<CampaignProgress> {
  const byPerson = new Map<string, ReminderJob[]>();
  for (const job of await new ReminderJobs(db).list({ campaignId: id })) {
    const who = job.target.type === 'user' ? job.target.aadObjectId : job.target.conversationId;
    byPerson.set(who, [...(byPerson.get(who) ?? []), job]);
  }
  const progress: CampaignProgress = { sent: 0, confirmed: 0, outstanding: 0, failed: 0, remindable: [] };
  for (const jobs of byPerson.values()) {
    const sent = jobs.some((j) => j.status === 'sent');
    const confirmed = jobs.some((j) => j.confirmedAt !== null);
    const waiting = jobs.some((j) => j.status === 'pending' || j.status === 'sending');
    if (sent) progress.sent++;
    if (confirmed) progress.confirmed++;
    else if (sent || waiting) progress.outstanding++;
    else progress.failed++;
    if (sent && !confirmed && !waiting) progress.remindable.push(jobs[jobs.length - 1]);
  }
  return progress;
}

/** New reminders, with new keys, for everyone reminded who has not confirmed. Pressing twice adds nothing more. */
export async function remindOutstanding(db: Kysely<CoreTables>, id: string, now: Date): Promise<number> {
  const progress = await campaignProgress(db, id);
  const jobs = new ReminderJobs(db);
  const all = await jobs.list({ campaignId: id });
  const specs = progress.remindable.flatMap((job) => {
    const pack = String(job.payload.pack ?? '');
    const period = String(job.payload.period ?? '');
    if (!pack || !period || job.target.type !== 'user') return [];
    const target = job.target.aadObjectId;
    const round = all.filter((j) => j.target.type === 'user' && j.target.aadObjectId === target).length + 1;
    return [reportingSpec(pack, period, target, now, round)];
  });
  return specs.length > 0 ? jobs.enqueue(specs) : 0;
}

/** Marks the person's reminders of the campaign as confirmed (all rounds). Returns false when there was nothing to confirm. */
export async function confirmReporting(db: Kysely<CoreTables>, id: string, aadObjectId: string, now: Date): Promise<boolean> {
  const jobs = new ReminderJobs(db);
  let confirmed = false;
  for (const job of await jobs.list({ campaignId: id, status: 'sent' })) {
    if (job.target.type === 'user' && job.target.aadObjectId === aadObjectId && (await jobs.confirm(job.idempotencyKey, now))) confirmed = true;
  }
  return confirmed;
}

/** The pack's newest reporting campaign, if any. */
export async function latestCampaignId(db: Kysely<CoreTables>, pack: string): Promise<string | undefined> {
  const row = await db
    .withTables<ReminderTables>()
    .selectFrom('campaigns')
    .select('id')
    .where('kind', '=', REPORTING_KIND)
    .where('pack', '=', pack)
    .orderBy('period', 'desc')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}
