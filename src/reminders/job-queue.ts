import { Kysely, sql } from 'kysely';
import type { CoreTables } from '../db/tables';
import { JOB_STATUSES, targetColumns, targetFromColumns, validateJobSpec, type JobPayload, type JobSpec, type JobStatus, type ReminderJob } from './jobs';
import type { ReminderTables } from './tables';

type Db = Kysely<CoreTables & ReminderTables>;
type Row = {
  id: number;
  idempotency_key: string;
  kind: string;
  target_type: string;
  target: string;
  payload: unknown;
  due_at: Date;
  status: JobStatus;
  attempts: number;
  next_attempt_at: Date;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  confirmed_at: Date | null;
  campaign_id: string | null;
};

export interface ClaimOptions {
  workerId: string;
  limit: number;
  now: Date;
  /** How long the claim holds; a claim not finished by then is taken again by any worker. */
  leaseMs: number;
}

export type JobCounts = Record<JobStatus, number> & { total: number; confirmed: number };

const ENQUEUE_BATCH = 500;

/**
 * The durable reminder queue, the same SQL on the embedded database and PostgreSQL.
 *
 * Claiming uses `for update skip locked`, so several instances take disjoint jobs. A claim is a lease:
 * if its worker dies, the job is claimed again after `locked_until` (never lost). Every state change after a
 * claim names the worker and only applies while that worker still holds the job.
 */
export class ReminderJobs {
  private readonly db: Db;

  constructor(db: Kysely<CoreTables>) {
    this.db = db.withTables<ReminderTables>();
  }

  /** Adds jobs; a job whose idempotency key is already there (in any state) is left as it is. Returns how many were new. */
  async enqueue(specs: JobSpec[]): Promise<number> {
    let inserted = 0;
    const valid = specs.map(validateJobSpec);
    for (let i = 0; i < valid.length; i += ENQUEUE_BATCH) {
      const rows = valid.slice(i, i + ENQUEUE_BATCH).map((spec) => ({
        idempotency_key: spec.idempotencyKey,
        kind: spec.kind,
        ...targetColumns(spec.target),
        payload: JSON.stringify(spec.payload ?? {}),
        due_at: spec.dueAt,
        next_attempt_at: spec.dueAt,
        campaign_id: spec.campaignId ?? null,
        locked_by: null,
        locked_until: null,
        last_error: null,
        sent_at: null,
        confirmed_at: null,
      }));
      const result = await this.db
        .insertInto('reminder_jobs')
        .values(rows)
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  /** Takes up to `limit` jobs that are due, or whose previous claim expired, oldest due first. */
  async claim({ workerId, limit, now, leaseMs }: ClaimOptions): Promise<ReminderJob[]> {
    if (limit <= 0) return [];
    const lockedUntil = new Date(now.getTime() + leaseMs);
    const result = await sql<Row>`
      update reminder_jobs
      set status = 'sending', locked_by = ${workerId}, locked_until = ${lockedUntil}, attempts = attempts + 1
      where id in (
        select id from reminder_jobs
        where (status = 'pending' and due_at <= ${now} and next_attempt_at <= ${now})
           or (status = 'sending' and locked_until < ${now})
        order by due_at, id
        limit ${limit}
        for update skip locked)
      returning *`.execute(this.db);
    return result.rows.map(toJob).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
  }

  /**
   * Claims one job by its key when it is due and nobody holds it: the request flows send their messages right
   * after their transaction commits, and leave whatever fails to the worker. Undefined when it is not claimable.
   */
  async claimByKey(idempotencyKey: string, { workerId, now, leaseMs }: Omit<ClaimOptions, 'limit'>): Promise<ReminderJob | undefined> {
    const lockedUntil = new Date(now.getTime() + leaseMs);
    const result = await sql<Row>`
      update reminder_jobs
      set status = 'sending', locked_by = ${workerId}, locked_until = ${lockedUntil}, attempts = attempts + 1
      where id = (
        select id from reminder_jobs
        where idempotency_key = ${idempotencyKey} and status = 'pending' and due_at <= ${now} and next_attempt_at <= ${now}
        for update skip locked)
      returning *`.execute(this.db);
    return result.rows[0] ? toJob(result.rows[0]) : undefined;
  }

  /**
   * Extends this worker's claims on jobs it is still working on. Returns the ids it still holds; a missing id was
   * finished or taken over by another worker after the claim ran out, and must not be sent.
   */
  async renewLeases(jobIds: number[], workerId: string, until: Date): Promise<Set<number>> {
    if (jobIds.length === 0) return new Set();
    const rows = await this.db
      .updateTable('reminder_jobs')
      .set({ locked_until: until })
      .where('id', 'in', jobIds)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'sending')
      .returning('id')
      .execute();
    return new Set(rows.map((r) => Number(r.id)));
  }

  async markSent(jobId: number, workerId: string, now: Date): Promise<boolean> {
    return (await this.markSentMany([jobId], workerId, now)).has(jobId);
  }

  /** Marks several sent jobs in one statement; returns the ids this worker still held (the others were taken over). */
  async markSentMany(jobIds: number[], workerId: string, now: Date): Promise<Set<number>> {
    if (jobIds.length === 0) return new Set();
    const rows = await this.db
      .updateTable('reminder_jobs')
      .set({ status: 'sent', sent_at: now, last_error: null, locked_by: null, locked_until: null })
      .where('id', 'in', jobIds)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'sending')
      .returning('id')
      .execute();
    return new Set(rows.map((row) => Number(row.id)));
  }

  /** A failed try that may succeed later: back to pending until `at`. */
  async retryLater(jobId: number, workerId: string, at: Date, error: string): Promise<boolean> {
    return this.finish(jobId, workerId, sql`status = 'pending', next_attempt_at = ${at}, last_error = ${error}`);
  }

  /** Not tried at all (rate limit, lease too short): back to pending until `at`, and the claim does not count as a try. */
  async defer(jobId: number, workerId: string, at: Date): Promise<boolean> {
    return this.finish(jobId, workerId, sql`status = 'pending', next_attempt_at = ${at}, attempts = greatest(attempts - 1, 0)`);
  }

  async markFailed(jobId: number, workerId: string, error: string): Promise<boolean> {
    return this.finish(jobId, workerId, sql`status = 'failed', last_error = ${error}`);
  }

  /** The conversation is gone (403/404): never tried again. */
  async markDead(jobId: number, workerId: string, error: string): Promise<boolean> {
    return this.finish(jobId, workerId, sql`status = 'dead', last_error = ${error}`);
  }

  /** The user pressed "confirm" on the reminder. Returns false when no sent job has that key. */
  async confirm(idempotencyKey: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('reminder_jobs')
      .set({ confirmed_at: now })
      .where('idempotency_key', '=', idempotencyKey)
      .where('status', '=', 'sent')
      .where('confirmed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async byKey(idempotencyKey: string): Promise<ReminderJob | undefined> {
    const row = await this.db.selectFrom('reminder_jobs').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    return row ? toJob(row as Row) : undefined;
  }

  async list(options: { campaignId?: string; status?: JobStatus } = {}): Promise<ReminderJob[]> {
    let query = this.db.selectFrom('reminder_jobs').selectAll().orderBy('id');
    if (options.campaignId) query = query.where('campaign_id', '=', options.campaignId);
    if (options.status) query = query.where('status', '=', options.status);
    return (await query.execute()).map((row) => toJob(row as Row));
  }

  /** Jobs by status (and how many were confirmed), for all jobs or one campaign. */
  async counts(campaignId?: string): Promise<JobCounts> {
    let query = this.db
      .selectFrom('reminder_jobs')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('confirmed_at').as('confirmed')])
      .groupBy('status');
    if (campaignId) query = query.where('campaign_id', '=', campaignId);
    const counts = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as JobCounts;
    counts.total = 0;
    counts.confirmed = 0;
    for (const row of await query.execute()) {
      counts[row.status as JobStatus] = Number(row.n);
      counts.total += Number(row.n);
      counts.confirmed += Number(row.confirmed);
    }
    return counts;
  }

  /** Jobs not finished yet (pending or being sent), whether due or not. */
  async outstanding(campaignId?: string): Promise<number> {
    let query = this.db
      .selectFrom('reminder_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['pending', 'sending']);
    if (campaignId) query = query.where('campaign_id', '=', campaignId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  /** When the next pending job becomes claimable, or a claim runs out; undefined when nothing is left. */
  async nextWakeAt(): Promise<Date | undefined> {
    const row = await sql<{ at: Date | null }>`
      select least(
        (select min(greatest(due_at, next_attempt_at)) from reminder_jobs where status = 'pending'),
        (select min(locked_until) from reminder_jobs where status = 'sending')) as at`.execute(this.db);
    const at = row.rows[0]?.at;
    return at ? new Date(at) : undefined;
  }

  /**
   * Puts failed jobs (tries used up, no conversation yet) back in the queue with fresh tries, e.g. after an outage
   * or once people have installed the bot. Dead ones (bot removed, user gone) stay dead. Returns how many.
   */
  async retryFailed(options: { now: Date; campaignId?: string; kind?: string }): Promise<number> {
    let query = this.db
      .updateTable('reminder_jobs')
      .set({ status: 'pending', attempts: 0, next_attempt_at: options.now, last_error: null })
      .where('status', '=', 'failed');
    if (options.campaignId) query = query.where('campaign_id', '=', options.campaignId);
    if (options.kind) query = query.where('kind', '=', options.kind);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Records that this worker is alive and returns how many workers are (itself included). */
  async heartbeat(workerId: string, now: Date, staleAfterMs: number): Promise<number> {
    await sql`insert into reminder_workers (worker_id, seen_at) values (${workerId}, ${now})
      on conflict (worker_id) do update set seen_at = excluded.seen_at`.execute(this.db);
    const since = new Date(now.getTime() - staleAfterMs);
    const row = await this.db
      .selectFrom('reminder_workers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seen_at', '>', since)
      .executeTakeFirstOrThrow();
    return Math.max(1, Number(row.n));
  }

  async leave(workerId: string): Promise<void> {
    await this.db.deleteFrom('reminder_workers').where('worker_id', '=', workerId).execute();
  }

  private async finish(jobId: number, workerId: string, set: ReturnType<typeof sql>): Promise<boolean> {
    const result = await sql`update reminder_jobs set ${set}, locked_by = null, locked_until = null
      where id = ${jobId} and locked_by = ${workerId} and status = 'sending'`.execute(this.db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }
}

function toJob(row: Row): ReminderJob {
  return {
    id: Number(row.id),
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    target: targetFromColumns(row.target_type, row.target),
    payload: (row.payload ?? {}) as JobPayload,
    dueAt: new Date(row.due_at),
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(row.next_attempt_at),
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
    lastError: row.last_error,
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
    confirmedAt: row.confirmed_at ? new Date(row.confirmed_at) : null,
    campaignId: row.campaign_id,
  };
}
