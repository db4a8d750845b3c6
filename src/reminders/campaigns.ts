import { Kysely } from 'kysely';
import type { CoreTables } from '../db/tables';
import { ReminderJobs, type JobCounts } from './job-queue';
import type { JobSpec } from './jobs';
import type { ReminderTables } from './tables';

export interface Campaign {
  id: string;
  kind: string;
  pack: string | null;
  period: string | null;
  startedAt: Date;
  startedBy: string | null;
}

export interface StartCampaign {
  kind: string;
  pack?: string;
  /** E.g. `2026-02` for a reporting month. */
  period?: string;
  /** AAD object id of the admin, or `cli`. */
  startedBy?: string;
  now: Date;
}

export interface CampaignStatus {
  campaign: Campaign;
  counts: JobCounts;
  /** Finished jobs (sent, failed, dead) out of all. */
  done: number;
}

export function campaignId(kind: string, pack?: string, period?: string): string {
  return [kind, pack ?? '-', period ?? '-'].join(':');
}

/**
 * A campaign is a named batch of reminder jobs (e.g. "reporting, stockholm, 2026-02"). Starting the same campaign
 * again resumes it: the campaign row and every job are keyed, so nothing is added twice.
 */
export class Campaigns {
  private readonly db: Kysely<CoreTables & ReminderTables>;
  private readonly jobs: ReminderJobs;

  constructor(db: Kysely<CoreTables>) {
    this.db = db.withTables<ReminderTables>();
    this.jobs = new ReminderJobs(db);
  }

  async start(input: StartCampaign, specs: JobSpec[]): Promise<{ campaign: Campaign; enqueued: number }> {
    const id = campaignId(input.kind, input.pack, input.period);
    await this.db
      .insertInto('campaigns')
      .values({ id, kind: input.kind, pack: input.pack ?? null, period: input.period ?? null, started_at: input.now, started_by: input.startedBy ?? null })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const enqueued = await this.jobs.enqueue(specs.map((spec) => ({ ...spec, campaignId: id })));
    return { campaign: (await this.get(id))!, enqueued };
  }

  async get(id: string): Promise<Campaign | undefined> {
    const row = await this.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    return row
      ? { id: row.id, kind: row.kind, pack: row.pack, period: row.period, startedAt: new Date(row.started_at), startedBy: row.started_by }
      : undefined;
  }

  async status(id: string): Promise<CampaignStatus | undefined> {
    const campaign = await this.get(id);
    if (!campaign) return undefined;
    const counts = await this.jobs.counts(id);
    return { campaign, counts, done: counts.sent + counts.failed + counts.dead };
  }
}
