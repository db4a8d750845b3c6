import type { Logger } from '../log/logger';
import { realSleep, systemClock, type Clock, type Sleep } from './clock';
import type { ReminderJobs } from './job-queue';
import type { Planner } from './planners';
import type { ProactiveSender } from './sender';
import { ReminderWorker, type WorkerStats } from './worker';

export interface SchedulerOptions {
  clock?: Clock;
  sleep?: Sleep;
  /** How often planners run (and the longest the worker waits before looking at the queue again). */
  intervalMs: number;
  jobs: ReminderJobs;
  sender: ProactiveSender;
  planners: Planner[];
  workerId?: string;
  leaseMs?: number;
  maxInFlight?: number;
  pollMs?: number;
  heartbeatMs?: number;
  logger?: Logger;
}

export interface TickResult {
  enqueued: number;
  stats: WorkerStats;
}

export interface Scheduler {
  /** Runs planners every interval and keeps a worker sending what is due. */
  start(): void;
  /** Graceful: no new plans or claims, sends in flight finish. */
  stop(): Promise<void>;
  /** One round by hand (tests with a fake clock): run the planners, then send everything due now. */
  tick(): Promise<TickResult>;
  /** Runs the planners once; returns how many new jobs they added. */
  plan(): Promise<number>;
  readonly worker: ReminderWorker;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const logger = options.logger?.child({ component: 'reminder-scheduler' });
  const worker = new ReminderWorker({
    jobs: options.jobs,
    sender: options.sender,
    workerId: options.workerId,
    clock,
    sleep,
    leaseMs: options.leaseMs,
    maxInFlight: options.maxInFlight,
    pollMs: options.pollMs ?? Math.min(options.intervalMs, 1_000),
    heartbeatMs: options.heartbeatMs,
    logger: options.logger,
  });
  let stopping: AbortController | undefined;
  let planning: Promise<void> | undefined;

  async function plan(): Promise<number> {
    let enqueued = 0;
    const now = clock.now();
    for (const planner of options.planners) {
      try {
        const specs = await planner(now);
        if (specs.length > 0) enqueued += await options.jobs.enqueue(specs);
      } catch (error) {
        // One broken planner must not keep the others (or the sending) from running.
        logger?.error({ event: 'reminder_planner_failed', planner: planner.name || 'anonymous', err: (error as Error).message }, 'planner failed');
      }
    }
    if (enqueued > 0) logger?.info({ event: 'reminders_planned', enqueued }, 'reminder jobs planned');
    return enqueued;
  }

  async function planLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await plan();
      await sleep(options.intervalMs, signal);
    }
  }

  return {
    worker,
    plan,
    start() {
      if (stopping) return;
      stopping = new AbortController();
      planning = planLoop(stopping.signal);
      worker.start();
    },
    async stop() {
      stopping?.abort();
      await planning;
      await worker.stop();
      stopping = undefined;
      planning = undefined;
    },
    async tick() {
      const enqueued = await plan();
      const stats = await worker.runUntilIdle();
      return { enqueued, stats };
    },
  };
}
