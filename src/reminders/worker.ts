import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../log/logger';
import { realSleep, systemClock, type Clock, type Sleep } from './clock';
import type { StoredConversationReference } from '../db/conversation-references';
import type { ReminderJobs } from './job-queue';
import type { ReminderJob } from './jobs';
import type { ProactiveSender, SendOutcome } from './sender';
import { GroupCommit } from './group-commit';

export interface WorkerOptions {
  jobs: ReminderJobs;
  sender: ProactiveSender;
  /** Unique among running instances. Default: host, process id and a random part. */
  workerId?: string;
  clock?: Clock;
  sleep?: Sleep;
  /** How long a claim holds before another worker may take the job. */
  leaseMs?: number;
  /** Jobs claimed and not finished at once; about one second of sending at the tenant rate. */
  maxInFlight?: number;
  /** Wait between looks at the queue when nothing is due. */
  pollMs?: number;
  /** How often the worker says it is alive; the tenant rate is shared between live workers. */
  heartbeatMs?: number;
  logger?: Logger;
}

export interface WorkerStats {
  claimed: number;
  sent: number;
  retried: number;
  deferred: number;
  failed: number;
  dead: number;
  /** Claims that expired while the job was here (not sent by us, or sent and then taken by another worker). */
  leaseLost: number;
}

/**
 * Claims due jobs and sends them, up to `maxInFlight` at a time, applying each outcome to the queue.
 * Safe to run in several processes on one PostgreSQL database.
 */
export class ReminderWorker {
  readonly workerId: string;
  readonly stats: WorkerStats = { claimed: 0, sent: 0, retried: 0, deferred: 0, failed: 0, dead: 0, leaseLost: 0 };
  private readonly jobs: ReminderJobs;
  private readonly sender: ProactiveSender;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly leaseMs: number;
  private readonly maxInFlight: number;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly logger?: Logger;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly inFlightIds = new Set<number>();
  /** In-flight jobs whose claim could not be renewed: another worker may have them now. */
  private readonly lostIds = new Set<number>();
  /** Sent jobs are marked in one statement per round: at 50 sends a second the database keeps up and stays free. */
  private readonly sentMarks: GroupCommit<number, boolean>;
  private lastRenewal = -Infinity;
  private lastHeartbeat = -Infinity;
  private running?: Promise<void>;
  private stopping?: AbortController;

  constructor(options: WorkerOptions) {
    this.jobs = options.jobs;
    this.sender = options.sender;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 32);
    this.pollMs = options.pollMs ?? 1_000;
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.logger = options.logger?.child({ component: 'reminder-worker', workerId: this.workerId });
    this.sentMarks = new GroupCommit(async (ids) => {
      const held = await this.jobs.markSentMany(ids, this.workerId, this.clock.now());
      return ids.map((id) => held.has(id));
    });
  }

  /** Runs until stop(): sends what is due, then looks again every `pollMs`. */
  start(): void {
    if (this.running) return;
    this.stopping = new AbortController();
    this.running = this.loop(false).catch((error) => {
      this.logger?.error({ event: 'reminder_worker_crashed', err: (error as Error).message }, 'reminder worker stopped on an error');
    });
  }

  /** Stops claiming, lets the sends in flight finish, and leaves the live-worker list. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.running;
    this.running = undefined;
    await this.jobs.leave(this.workerId).catch(() => undefined);
  }

  /** Sends everything that is due now and returns when nothing more can be claimed (tests, CLI, tick()). */
  async runUntilIdle(): Promise<WorkerStats> {
    await this.loop(true);
    return { ...this.stats };
  }

  /**
   * Sends until no job (of the campaign, or at all) is pending or being sent — including jobs waiting for a retry
   * and jobs another worker claimed and may have dropped. For the CLI and benchmarks; the app uses start().
   */
  async drain(options: { campaignId?: string; onProgress?: () => void | Promise<void> } = {}): Promise<WorkerStats> {
    for (;;) {
      await this.loop(true);
      await options.onProgress?.();
      if ((await this.jobs.outstanding(options.campaignId)) === 0) break;
      // Sleep until the next retry or expiring claim is due, not a whole poll interval.
      const wake = await this.jobs.nextWakeAt().catch(() => undefined);
      const until = wake ? wake.getTime() - this.clock.now().getTime() : this.pollMs;
      await this.sleep(Math.min(this.pollMs, Math.max(5, until)));
    }
    return { ...this.stats };
  }

  private async loop(untilIdle: boolean): Promise<void> {
    const signal = () => this.stopping?.signal;
    while (!signal()?.aborted) {
      await this.heartbeat();
      await this.renewLeases();
      if (this.inFlight.size > this.maxInFlight / 2) {
        await Promise.race(this.inFlight);
        continue;
      }
      const claimed = await this.claim();
      if (claimed === 0) {
        if (this.inFlight.size > 0) await Promise.race(this.inFlight);
        else if (untilIdle) break;
        else await this.sleep(this.pollMs, signal());
      }
    }
    await Promise.all(this.inFlight);
  }

  private async claim(): Promise<number> {
    let jobs: ReminderJob[];
    try {
      jobs = await this.jobs.claim({ workerId: this.workerId, limit: this.maxInFlight - this.inFlight.size, now: this.clock.now(), leaseMs: this.leaseMs });
    } catch (error) {
      this.logger?.error({ event: 'reminder_claim_failed', err: (error as Error).message }, 'could not claim reminder jobs');
      return 0;
    }
    this.stats.claimed += jobs.length;
    // Our own claim ran out while the job was still waiting here and we took it again: one task is enough.
    const fresh = jobs.filter((job) => !this.inFlightIds.has(job.id));
    const references = await this.sender.resolveAll(fresh).catch(() => undefined);
    for (const job of fresh) {
      this.inFlightIds.add(job.id);
      const task: Promise<void> = this.handle(job, references?.get(job.id)).finally(() => {
        this.inFlight.delete(task);
        this.inFlightIds.delete(job.id);
        this.lostIds.delete(job.id);
      });
      this.inFlight.add(task);
    }
    return jobs.length;
  }

  private async handle(job: ReminderJob, reference: StoredConversationReference | null | undefined): Promise<void> {
    try {
      const outcome = await this.sender.attempt(job, { reference, isClaimed: () => !this.lostIds.has(job.id) });
      await this.apply(job, outcome);
    } catch (error) {
      // The claim stays; when its lease ends another try takes the job again.
      this.logger?.error({ event: 'reminder_job_error', jobId: job.id, err: (error as Error).message }, 'reminder job could not be processed');
    }
  }

  /** Keeps the claims of jobs waiting here alive: one query for all of them, a few times per lease. */
  private async renewLeases(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastRenewal < this.leaseMs / 3) return;
    this.lastRenewal = now;
    const ids = [...this.inFlightIds];
    if (ids.length === 0) return;
    try {
      const held = await this.jobs.renewLeases(ids, this.workerId, new Date(now + this.leaseMs));
      for (const id of ids) if (!held.has(id) && this.inFlightIds.has(id)) this.lostIds.add(id);
    } catch (error) {
      this.logger?.warn({ event: 'reminder_lease_renewal_failed', err: (error as Error).message }, 'could not renew claims');
    }
  }

  private async apply(job: ReminderJob, outcome: SendOutcome): Promise<void> {
    const me = this.workerId;
    switch (outcome.type) {
      case 'lost':
        this.stats.leaseLost++;
        this.logger?.warn({ event: 'reminder_claim_lost', jobId: job.id }, 'claim expired before the send; another worker has the job');
        return;
      case 'sent':
        if (await this.sentMarks.add(job.id)) this.stats.sent++;
        else {
          this.stats.leaseLost++;
          this.logger?.warn({ event: 'reminder_lease_lost', jobId: job.id }, 'sent after the claim expired; the worker that took it over may send it again');
        }
        return;
      case 'retry':
        this.stats.retried++;
        await this.jobs.retryLater(job.id, me, outcome.at, outcome.error);
        return;
      case 'defer':
        this.stats.deferred++;
        await this.jobs.defer(job.id, me, outcome.at);
        return;
      case 'failed':
        this.stats.failed++;
        if (await this.jobs.markFailed(job.id, me, outcome.error)) await this.sender.notifyFailed(job, outcome.error);
        this.logger?.warn({ event: 'reminder_failed', jobId: job.id, kind: job.kind, error: outcome.error }, 'reminder failed');
        return;
      case 'dead':
        this.stats.dead++;
        if ((await this.jobs.markDead(job.id, me, outcome.error)) && outcome.error !== 'reference_dead') {
          await this.sender.notifyDead(job, outcome.reference, Number(outcome.error));
        }
        this.logger?.info({ event: 'reminder_reference_dead', jobId: job.id, referenceId: outcome.reference.id, status: outcome.error }, 'conversation no longer reachable');
        return;
    }
  }

  private async heartbeat(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() - this.lastHeartbeat < this.heartbeatMs) return;
    this.lastHeartbeat = now.getTime();
    this.sender.throttle.prune(now.getTime());
    try {
      const live = await this.jobs.heartbeat(this.workerId, now, this.heartbeatMs * 3);
      this.sender.throttle.setShare(1 / live);
    } catch (error) {
      this.logger?.warn({ event: 'reminder_heartbeat_failed', err: (error as Error).message }, 'heartbeat failed');
    }
  }
}
