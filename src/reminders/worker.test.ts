import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../tests/helpers/databases';
import { ConversationReferences, type ConversationReferenceData } from '../db/conversation-references';
import { FakeClock } from './clock';
import { ReminderJobs } from './job-queue';
import type { JobSpec } from './jobs';
import { ProactiveThrottle } from './rate-limiter';
import { ProactiveSender, type DeadReferenceEvent, type FailedJobEvent } from './sender';
import { IDEMPOTENCY_KEY_FIELD, TransportError, type ProactiveActivity, type ProactiveTransport } from './transport';
import { ReminderWorker } from './worker';

/** Answers each conversation from a script of statuses (200 when the script is empty) and records deliveries. */
class ScriptedTransport implements ProactiveTransport {
  readonly delivered: Array<{ conversationId: string; key: unknown; at: number }> = [];
  readonly calls: Array<{ conversationId: string; at: number }> = [];
  private readonly scripts = new Map<string, Array<number | [number, number]>>();

  constructor(private readonly clock: FakeClock) {}

  script(conversationId: string, answers: Array<number | [number, number]>): void {
    this.scripts.set(conversationId, answers);
  }

  async send(reference: ConversationReferenceData, activity: ProactiveActivity): Promise<void> {
    const at = this.clock.now().getTime();
    this.calls.push({ conversationId: reference.conversation.id, at });
    const next = this.scripts.get(reference.conversation.id)?.shift();
    if (next !== undefined) {
      const [status, retryAfterMs] = Array.isArray(next) ? next : [next, undefined];
      if (status >= 300) throw new TransportError(status, retryAfterMs);
    }
    this.delivered.push({ conversationId: reference.conversation.id, key: activity.channelData?.[IDEMPOTENCY_KEY_FIELD], at });
  }
}

function ref(n: string): ConversationReferenceData {
  return {
    conversation: { id: `a:${n}`, conversationType: 'personal', tenantId: 'tenant-1' },
    serviceUrl: 'https://smba.example/',
    channelId: 'msteams',
    bot: { id: '28:bot' },
    user: { id: `29:${n}`, aadObjectId: `aad-${n}` },
  };
}

describe.each(testDatabases())('the reminder worker and proactive sender on $name', ({ open }) => {
  let close: () => Promise<void>;
  let jobs: ReminderJobs;
  let refs: ConversationReferences;
  let clock: FakeClock;
  let transport: ScriptedTransport;
  let dead: DeadReferenceEvent[];
  let failed: FailedJobEvent[];
  let worker: ReminderWorker;
  let sender: ProactiveSender;

  function job(key: string, user: string, extra: Partial<JobSpec> = {}): JobSpec {
    return { idempotencyKey: key, kind: 'reporting', target: { type: 'user', aadObjectId: `aad-${user}` }, dueAt: clock.now(), ...extra };
  }

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    jobs = new ReminderJobs(database.db);
    refs = new ConversationReferences(database.db);
    clock = new FakeClock('2026-02-02T08:00:00Z');
    transport = new ScriptedTransport(clock);
    dead = [];
    failed = [];
    sender = new ProactiveSender({
      transport,
      references: refs,
      renderers: { reporting: (j) => ({ type: 'message', text: `Dags att rapportera för ${j.payload.period ?? 'perioden'}.` }) },
      throttle: new ProactiveThrottle(),
      clock,
      sleep: clock.sleep,
      random: () => 0.5,
      retry: { maxTries: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 },
      onDeadReference: (event) => void dead.push(event),
      onFailed: (event) => void failed.push(event),
    });
    worker = new ReminderWorker({ jobs, sender, workerId: 'worker-1', clock, sleep: clock.sleep, leaseMs: 60_000 });
    for (const n of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']) await refs.save(ref(n));
  });
  afterAll(() => close());

  it('sends a due reminder once, with its idempotency key, and marks it sent', async () => {
    await jobs.enqueue([job('k-sent', 'u1', { payload: { period: '2026-02' } })]);
    await worker.runUntilIdle();
    await worker.runUntilIdle();
    expect(transport.delivered.filter((d) => d.key === 'k-sent')).toHaveLength(1);
    expect((await jobs.byKey('k-sent'))?.status).toBe('sent');
  });

  it('waits out the Retry-After of a 429 before trying again', async () => {
    transport.script('a:u2', [[429, 5_000]]);
    await jobs.enqueue([job('k-429', 'u2')]);
    const start = clock.now().getTime();
    await worker.runUntilIdle();
    const after429 = await jobs.byKey('k-429');
    expect(after429).toMatchObject({ status: 'pending', lastError: '429', attempts: 1 });
    expect(after429!.nextAttemptAt.getTime() - start).toBeGreaterThanOrEqual(5_000);
    clock.set(after429!.nextAttemptAt);
    await worker.runUntilIdle();
    expect((await jobs.byKey('k-429'))?.status).toBe('sent');
    const [first, second] = transport.calls.filter((c) => c.conversationId === 'a:u2');
    expect(second.at - first.at).toBeGreaterThanOrEqual(5_000);
  });

  it('retries 502, 503, 504 and 412 with growing backoff and then delivers', async () => {
    transport.script('a:u3', [502, 503, 504]);
    await jobs.enqueue([job('k-5xx', 'u3')]);
    const gaps: number[] = [];
    let last = clock.now().getTime();
    for (let i = 0; i < 4; i++) {
      await worker.runUntilIdle();
      const current = await jobs.byKey('k-5xx');
      if (current?.status === 'sent') break;
      gaps.push(current!.nextAttemptAt.getTime() - last);
      last = current!.nextAttemptAt.getTime();
      clock.set(current!.nextAttemptAt);
    }
    expect((await jobs.byKey('k-5xx'))?.status).toBe('sent');
    expect(gaps).toHaveLength(3);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(gaps[2]).toBeGreaterThan(gaps[1]);
  });

  it('gives up after the last try and reports the job as failed', async () => {
    transport.script('a:u4', [412, 412, 412, 412, 412]);
    await jobs.enqueue([job('k-fail', 'u4')]);
    for (let i = 0; i < 6; i++) {
      await worker.runUntilIdle();
      const current = await jobs.byKey('k-fail');
      if (current?.status !== 'pending') break;
      clock.set(current.nextAttemptAt);
    }
    expect(await jobs.byKey('k-fail')).toMatchObject({ status: 'failed', attempts: 4, lastError: '412' });
    expect(transport.calls.filter((c) => c.conversationId === 'a:u4')).toHaveLength(4);
    expect(failed.map((f) => f.error)).toContain('412');
  });

  it('marks the conversation dead on 403, tells the app once, and does not retry', async () => {
    transport.script('a:u5', [403]);
    await jobs.enqueue([job('k-403', 'u5'), job('k-404', 'u6')]);
    transport.script('a:u6', [404]);
    await worker.runUntilIdle();
    expect((await jobs.byKey('k-403'))).toMatchObject({ status: 'dead', lastError: '403' });
    expect((await jobs.byKey('k-404'))).toMatchObject({ status: 'dead', lastError: '404' });
    expect(dead.map((d) => d.status).sort()).toEqual([403, 404]);
    expect(dead.find((d) => d.status === 403)?.userAadObjectId).toBe('aad-u5');
    expect(await refs.personalFor('aad-u5')).toBeUndefined();
    // A later reminder for the same person finds no live conversation and fails without a send.
    const callsBefore = transport.calls.length;
    await jobs.enqueue([job('k-after-403', 'u5')]);
    await worker.runUntilIdle();
    expect(await jobs.byKey('k-after-403')).toMatchObject({ status: 'failed', lastError: 'no_reference' });
    expect(transport.calls.length).toBe(callsBefore);
  });

  it('fails a job of a kind nobody can render, and one for a person the bot never talked to', async () => {
    await jobs.enqueue([job('k-kind', 'u1', { kind: 'unknown-kind' }), job('k-nobody', 'nobody')]);
    await worker.runUntilIdle();
    expect((await jobs.byKey('k-kind'))?.lastError).toBe('unknown_kind');
    expect((await jobs.byKey('k-nobody'))?.lastError).toBe('no_reference');
  });

  it('keeps a conversation within 7 messages a second by giving jobs back to the queue', async () => {
    const many = Array.from({ length: 20 }, (_, i) => job(`k-burst-${i}`, 'u1'));
    await jobs.enqueue(many);
    // One job at a time: with virtual time, concurrent sleepers would move the clock under each other's feet.
    const single = new ReminderWorker({ jobs, sender, workerId: 'worker-2', clock, sleep: clock.sleep, maxInFlight: 1 });
    for (let i = 0; i < 40 && (await jobs.outstanding()) > 0; i++) {
      await single.runUntilIdle();
      clock.advance(1_000);
    }
    const sends = transport.delivered.filter((d) => String(d.key).startsWith('k-burst-')).map((d) => d.at).sort((a, b) => a - b);
    expect(sends).toHaveLength(20);
    for (let i = 7; i < sends.length; i++) expect(sends[i] - sends[i - 7]).toBeGreaterThanOrEqual(1_000);
    for (let i = 8; i < sends.length; i++) expect(sends[i] - sends[i - 8]).toBeGreaterThanOrEqual(2_000);
  });
});
