import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger';
import type { TurnLeases } from '../db/turn-leases';
import { KeyedQueue } from './turn-queue';

export class TurnBusyError extends Error {
  readonly code = 'turn_busy';
  constructor() {
    super('Another turn held this conversation for too long');
  }
}

export interface TurnRunnerOptions {
  leases: Pick<TurnLeases, 'claim' | 'release'>;
  logger: Logger;
  /** How long a lease lasts without renewal; a turn renews it every third of this while it runs. */
  leaseMs?: number;
  /** How long a turn waits for another instance's turn in the same conversation before it gives up. */
  maxWaitMs?: number;
}

/**
 * Runs a conversation's turns one at a time, in this instance and across instances.
 *
 * Conversation state is saved with an eTag at the end of a turn, after the turn has already sent its replies and
 * logged its decisions. A conflict found at that point cannot be retried without doing those things twice. So the
 * conflict is settled before anything happens instead: turns of one conversation wait in a queue in this
 * instance, and each takes a lease on the conversation in the database (a conditional write, like the eTag
 * check) before botbuilder reads the state. A claim that another instance holds is retried with backoff; the
 * turn only starts, and so only reads state, once it holds the lease, and then no other turn can write that
 * state until it is done. A lease expires after `leaseMs` without renewal, so a crashed instance blocks a
 * conversation for at most that long.
 */
export class TurnRunner {
  private readonly queue = new KeyedQueue();
  private readonly instance = randomUUID();
  private sequence = 0;
  private readonly leaseMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: TurnRunnerOptions) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
  }

  run<T>(conversationKey: string, turn: () => Promise<T>): Promise<T> {
    return this.queue.run(conversationKey, async () => {
      const owner = `${this.instance}:${++this.sequence}`;
      await this.acquire(conversationKey, owner);
      const renewal = setInterval(() => void this.renew(conversationKey, owner), Math.max(10, Math.floor(this.leaseMs / 3)));
      try {
        return await turn();
      } finally {
        clearInterval(renewal);
        await this.options.leases.release(conversationKey, owner).catch((error: Error) => {
          // The lease then simply expires; the next turn waits at most leaseMs.
          this.options.logger.warn({ event: 'turn_lease_release_failed', message: error.message }, 'could not release a turn lease');
        });
      }
    });
  }

  private async acquire(key: string, owner: string): Promise<void> {
    const deadline = Date.now() + this.maxWaitMs;
    for (let attempt = 0; ; attempt++) {
      if (await this.options.leases.claim(key, owner, this.leaseMs)) {
        if (attempt > 0) this.options.logger.debug({ event: 'turn_lease_waited', attempts: attempt }, 'turn waited for another instance');
        return;
      }
      if (Date.now() >= deadline) {
        this.options.logger.warn({ event: 'turn_busy', attempts: attempt + 1 }, 'conversation busy in another instance');
        throw new TurnBusyError();
      }
      const backoff = Math.min(250, 10 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * (backoff / 2)));
    }
  }

  private async renew(key: string, owner: string): Promise<void> {
    try {
      if (!(await this.options.leases.claim(key, owner, this.leaseMs))) {
        this.options.logger.warn({ event: 'turn_lease_lost' }, 'a turn outlived its lease');
      }
    } catch (error) {
      this.options.logger.warn({ event: 'turn_lease_renew_failed', message: (error as Error).message }, 'could not renew a turn lease');
    }
  }
}

/** The conversation a turn belongs to, as the queue and the lease name it. */
export function conversationKey(activity: { channelId?: string; conversation?: { id?: string } }): string {
  return `${activity.channelId ?? ''}/${activity.conversation?.id ?? ''}`;
}
