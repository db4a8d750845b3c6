import type { ConversationReferences, StoredConversationReference } from '../db/conversation-references';
import type { Logger } from '../log/logger';
import { realSleep, systemClock, type Clock, type Sleep } from './clock';
import type { ReminderJob } from './jobs';
import { ProactiveThrottle } from './rate-limiter';
import { backoffDelay, classifyStatus, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { TransportError, withIdempotencyKey, type ProactiveActivity, type ProactiveTransport } from './transport';

/** How long before its slot a request is prepared: a few times what the connector client takes to make one. */
const PREPARE_AHEAD_MS = 25;

/** Stops a prepared send before its request leaves (the claim went elsewhere, or too little of it is left). */
class SendCancelled extends Error {
  constructor(readonly outcome: SendOutcome) {
    super('send cancelled before the request left');
  }
}

/** Turns a job (ids and dates) into the message; Swedish text and cards are made here, at send time. */
export type ReminderRenderer = (job: ReminderJob, reference: StoredConversationReference) => ProactiveActivity | Promise<ProactiveActivity>;

export type ReferenceDirectory = Pick<
  ConversationReferences,
  'personalFor' | 'byConversationId' | 'personalForMany' | 'byConversationIds' | 'markDead'
>;

export type SendOutcome =
  | { type: 'sent'; reference: StoredConversationReference }
  /** Tried and failed for now; try again at `at`. */
  | { type: 'retry'; at: Date; error: string }
  /** Not tried (throttled locally, lease too short); the claim does not count as a try. */
  | { type: 'defer'; at: Date }
  | { type: 'failed'; error: string }
  | { type: 'dead'; error: string; reference: StoredConversationReference }
  /** The claim passed to another worker before the send; nothing was sent and nothing is to be written. */
  | { type: 'lost' };

export interface AttemptHooks {
  /** False once the worker knows its claim on the job is gone (lease renewal failed): do not send. */
  isClaimed?: () => boolean;
  /** The job's conversation, looked up beforehand with `resolveAll`; null = looked up, none. */
  reference?: StoredConversationReference | null;
}

export interface DeadReferenceEvent {
  jobId: number;
  kind: string;
  referenceId: number;
  conversationId: string;
  conversationType: StoredConversationReference['conversationType'];
  userAadObjectId: string | null;
  /** 403 (bot removed or blocked) or 404 (conversation or user gone). */
  status: number;
}

export interface FailedJobEvent {
  jobId: number;
  kind: string;
  error: string;
}

export interface ProactiveSenderOptions {
  transport: ProactiveTransport;
  references: ReferenceDirectory;
  renderers: Record<string, ReminderRenderer>;
  throttle?: ProactiveThrottle;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** A local rate-limit wait longer than this gives the job back to the queue instead of holding it. */
  maxInlineWaitMs?: number;
  /** Do not start a send when the claim has less than this left (the worker renews claims well before that). */
  leaseSafetyMs?: number;
  /** The bot can no longer write there (403/404). The app tells the communications unit. */
  onDeadReference?: (event: DeadReferenceEvent) => void | Promise<void>;
  /** A job ended as 'failed' (no conversation with the user, tries used up, rejected request). */
  onFailed?: (event: FailedJobEvent) => void | Promise<void>;
  logger?: Logger;
}

/**
 * Makes one delivery attempt for a claimed job: find the conversation, render, wait for a slot within Teams'
 * limits, send, and classify the result. It does not touch the job row; the worker applies the outcome.
 */
export class ProactiveSender {
  readonly throttle: ProactiveThrottle;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly maxInlineWaitMs: number;
  private readonly leaseSafetyMs: number;

  constructor(private readonly options: ProactiveSenderOptions) {
    this.throttle = options.throttle ?? new ProactiveThrottle();
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.maxInlineWaitMs = options.maxInlineWaitMs ?? 2_000;
    this.leaseSafetyMs = options.leaseSafetyMs ?? 2_000;
  }

  async attempt(job: ReminderJob, hooks: AttemptHooks = {}): Promise<SendOutcome> {
    if (job.attempts > this.retry.maxTries) return { type: 'failed', error: 'too_many_attempts' };
    const reference = hooks.reference !== undefined ? hooks.reference : await this.resolve(job);
    if (!reference) return { type: 'failed', error: 'no_reference' };
    if (reference.deadAt) return { type: 'dead', error: 'reference_dead', reference };
    const render = this.options.renderers[job.kind];
    if (!render) return { type: 'failed', error: 'unknown_kind' };
    let activity: ProactiveActivity;
    try {
      activity = withIdempotencyKey(await render(job, reference), job.idempotencyKey);
    } catch (error) {
      this.options.logger?.error({ event: 'reminder_render_failed', jobId: job.id, kind: job.kind, err: (error as Error).message }, 'reminder could not be rendered');
      return { type: 'failed', error: 'render_error' };
    }

    if (hooks.isClaimed && !hooks.isClaimed()) return { type: 'lost' };
    const slot = await this.bookSlot(reference);
    if (typeof slot !== 'number') return slot;

    // The request is made ready (connector client, pipeline) shortly before its slot; at the slot only the write is
    // left, so requests leave when they were booked. Not earlier: requests prepared all at once hold each other up.
    const prepareIn = slot - PREPARE_AHEAD_MS - this.clock.now().getTime();
    if (prepareIn > 0) await this.sleep(prepareIn);

    const tenantKey = reference.tenantId ?? 'default';
    let sentAt: number | undefined;
    const beforeRequest = async () => {
      const wait = slot - this.clock.now().getTime();
      if (wait > 0) await this.sleep(wait);
      if (hooks.isClaimed && !hooks.isClaimed()) throw new SendCancelled({ type: 'lost' });
      if (!hooks.isClaimed && job.lockedUntil && job.lockedUntil.getTime() - this.clock.now().getTime() < this.leaseSafetyMs) {
        throw new SendCancelled({ type: 'defer', at: this.clock.now() });
      }
      sentAt = await this.dispatch(reference.conversationId, tenantKey);
    };
    const settle = () => {
      if (sentAt !== undefined) this.throttle.settle(reference.conversationId, tenantKey, sentAt, this.clock.now().getTime());
    };
    try {
      if (this.options.transport.callsBeforeRequest) {
        await this.options.transport.send(reference.reference, activity, { beforeRequest });
      } else {
        await beforeRequest();
        await this.options.transport.send(reference.reference, activity);
      }
      settle();
      return { type: 'sent', reference };
    } catch (error) {
      const cancelled = error instanceof SendCancelled ? error : (error as { cause?: unknown } | undefined)?.cause;
      if (cancelled instanceof SendCancelled) return cancelled.outcome;
      settle();
      return this.failure(job, reference, error);
    }
  }

  /** Looks up the conversations of a claimed batch in two queries instead of one per job. */
  async resolveAll(jobs: ReminderJob[]): Promise<Map<number, StoredConversationReference | null>> {
    const users = jobs.flatMap((j) => (j.target.type === 'user' ? [j.target.aadObjectId] : []));
    const conversations = jobs.flatMap((j) => (j.target.type === 'conversation' ? [j.target.conversationId] : []));
    const [byUser, byConversation] = await Promise.all([
      this.options.references.personalForMany(users),
      this.options.references.byConversationIds(conversations),
    ]);
    return new Map(
      jobs.map((j) => [j.id, (j.target.type === 'user' ? byUser.get(j.target.aadObjectId) : byConversation.get(j.target.conversationId)) ?? null]),
    );
  }

  async notifyDead(job: ReminderJob, reference: StoredConversationReference, status: number): Promise<void> {
    if (!this.options.onDeadReference) return;
    try {
      await this.options.onDeadReference({
        jobId: job.id,
        kind: job.kind,
        referenceId: reference.id,
        conversationId: reference.conversationId,
        conversationType: reference.conversationType,
        userAadObjectId: reference.userAadObjectId,
        status,
      });
    } catch (error) {
      this.options.logger?.error({ event: 'dead_reference_hook_failed', jobId: job.id, err: (error as Error).message }, 'dead reference hook failed');
    }
  }

  async notifyFailed(job: ReminderJob, error: string): Promise<void> {
    if (!this.options.onFailed) return;
    try {
      await this.options.onFailed({ jobId: job.id, kind: job.kind, error });
    } catch (hookError) {
      this.options.logger?.error({ event: 'failed_job_hook_failed', jobId: job.id, err: (hookError as Error).message }, 'failed job hook failed');
    }
  }

  private resolve(job: ReminderJob): Promise<StoredConversationReference | undefined> {
    return job.target.type === 'user'
      ? this.options.references.personalFor(job.target.aadObjectId)
      : this.options.references.byConversationId(job.target.conversationId);
  }

  /** Books the next slot and returns its moment; a defer outcome when the conversation is blocked for long. */
  private async bookSlot(reference: StoredConversationReference): Promise<number | SendOutcome> {
    for (;;) {
      const now = this.clock.now().getTime();
      const booking = this.throttle.reserve(reference.conversationId, reference.tenantId ?? 'default', now);
      if (booking.reserved) return booking.atMs;
      if (booking.waitMs > this.maxInlineWaitMs) return { type: 'defer', at: new Date(now + booking.waitMs) };
      await this.sleep(booking.waitMs);
    }
  }

  /**
   * The last check against the moments requests really left; waits when an earlier request left late. Returns the
   * moment this request was let go.
   */
  private async dispatch(conversationKey: string, tenantKey: string): Promise<number> {
    for (;;) {
      const now = this.clock.now().getTime();
      const wait = this.throttle.dispatch(conversationKey, tenantKey, now);
      if (wait === 0) return now;
      await this.sleep(wait);
    }
  }

  private async failure(job: ReminderJob, reference: StoredConversationReference, error: unknown): Promise<SendOutcome> {
    const status = error instanceof TransportError ? error.status : 0;
    const code = String(status);
    const now = this.clock.now().getTime();
    const kind = classifyStatus(status);
    this.options.logger?.warn({ event: 'reminder_send_failed', jobId: job.id, kind: job.kind, status, attempt: job.attempts }, 'proactive send failed');
    if (kind === 'gone') {
      await this.options.references.markDead(reference.id, code);
      return { type: 'dead', error: code, reference };
    }
    if (kind === 'permanent' || job.attempts >= this.retry.maxTries) return { type: 'failed', error: code };
    let delay: number;
    if (kind === 'throttled') {
      const retryAfter = error instanceof TransportError && error.retryAfterMs !== undefined ? error.retryAfterMs : undefined;
      delay = retryAfter !== undefined ? retryAfter + Math.round(this.random() * Math.min(1_000, retryAfter * 0.1)) : backoffDelay(job.attempts, this.retry, this.random);
      this.throttle.penalize(reference.conversationId, reference.tenantId ?? 'default', retryAfter ?? delay, now);
    } else {
      delay = backoffDelay(job.attempts, this.retry, this.random);
    }
    return { type: 'retry', at: new Date(now + delay), error: code };
  }
}
