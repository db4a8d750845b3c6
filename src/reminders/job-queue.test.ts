import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../tests/helpers/databases';
import { Campaigns } from './campaigns';
import { ReminderError } from './errors';
import { ReminderJobs } from './job-queue';
import type { JobSpec } from './jobs';

const T0 = new Date('2026-02-02T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function spec(key: string, dueAt = T0, extra: Partial<JobSpec> = {}): JobSpec {
  return { idempotencyKey: key, kind: 'reporting', target: { type: 'user', aadObjectId: `aad-${key}` }, payload: { pack: 'stockholm', period: '2026-02' }, dueAt, ...extra };
}

describe.each(testDatabases())('the reminder job queue on $name', ({ open }) => {
  let close: () => Promise<void>;
  let jobs: ReminderJobs;
  let campaigns: Campaigns;

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    jobs = new ReminderJobs(database.db);
    campaigns = new Campaigns(database.db);
  });
  afterAll(() => close());

  it('enqueues a key once, however often it is enqueued', async () => {
    expect(await jobs.enqueue([spec('q1'), spec('q2')])).toBe(2);
    expect(await jobs.enqueue([spec('q1'), spec('q2'), spec('q3')])).toBe(1);
    expect((await jobs.byKey('q1'))?.target).toEqual({ type: 'user', aadObjectId: 'aad-q1' });
    // Claim and finish everything so later tests start from an empty due list.
    for (const job of await jobs.claim({ workerId: 'w', limit: 10, now: T0, leaseMs: 1000 })) await jobs.markSent(job.id, 'w', T0);
    expect(await jobs.enqueue([spec('q1')])).toBe(0);
    expect((await jobs.byKey('q1'))?.status).toBe('sent');
  });

  it('refuses payloads that are not flat ids and dates', async () => {
    await expect(jobs.enqueue([spec('bad', T0, { payload: { note: { nested: true } } as never })])).rejects.toBeInstanceOf(ReminderError);
    await expect(jobs.enqueue([spec('bad2', T0, { payload: { text: 'x'.repeat(500) } })])).rejects.toMatchObject({ code: 'invalid_payload' });
    expect(await jobs.byKey('bad')).toBeUndefined();
  });

  it('does not hand out a job before it is due', async () => {
    await jobs.enqueue([spec('later', at(60_000))]);
    expect(await jobs.claim({ workerId: 'w', limit: 10, now: T0, leaseMs: 1000 })).toEqual([]);
    const [job] = await jobs.claim({ workerId: 'w', limit: 10, now: at(60_000), leaseMs: 1000 });
    expect(job.idempotencyKey).toBe('later');
    expect(job.attempts).toBe(1);
    expect(job.lockedBy).toBe('w');
    await jobs.markSent(job.id, 'w', at(60_000));
  });

  it('gives two simultaneous claimers disjoint jobs', async () => {
    await jobs.enqueue(Array.from({ length: 40 }, (_, i) => spec(`par-${i}`, at(100_000))));
    const now = at(100_000);
    const [a, b] = await Promise.all([
      jobs.claim({ workerId: 'a', limit: 25, now, leaseMs: 10_000 }),
      jobs.claim({ workerId: 'b', limit: 25, now, leaseMs: 10_000 }),
    ]);
    const ids = [...a, ...b].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
    for (const job of a) await jobs.markSent(job.id, 'a', now);
    for (const job of b) await jobs.markSent(job.id, 'b', now);
  });

  it('claims a job again when its worker died and the lease ran out, and ignores the dead worker afterwards', async () => {
    await jobs.enqueue([spec('crash', at(200_000))]);
    const [first] = await jobs.claim({ workerId: 'dead', limit: 1, now: at(200_000), leaseMs: 5_000 });
    expect(await jobs.claim({ workerId: 'live', limit: 1, now: at(204_000), leaseMs: 5_000 })).toEqual([]);
    const [again] = await jobs.claim({ workerId: 'live', limit: 1, now: at(205_001), leaseMs: 5_000 });
    expect(again.id).toBe(first.id);
    expect(again.attempts).toBe(2);
    expect(await jobs.markSent(first.id, 'dead', at(205_002))).toBe(false);
    expect(await jobs.markSent(again.id, 'live', at(205_002))).toBe(true);
  });

  it('puts a retried job back until its next attempt, and a deferred one without counting a try', async () => {
    await jobs.enqueue([spec('retry', at(300_000)), spec('defer', at(300_000))]);
    const claimed = await jobs.claim({ workerId: 'w', limit: 2, now: at(300_000), leaseMs: 5_000 });
    const retry = claimed.find((j) => j.idempotencyKey === 'retry')!;
    const defer = claimed.find((j) => j.idempotencyKey === 'defer')!;
    await jobs.retryLater(retry.id, 'w', at(302_000), '502');
    await jobs.defer(defer.id, 'w', at(301_000));
    expect(await jobs.claim({ workerId: 'w', limit: 2, now: at(300_500), leaseMs: 5_000 })).toEqual([]);
    const [d] = await jobs.claim({ workerId: 'w', limit: 2, now: at(301_000), leaseMs: 5_000 });
    expect(d.idempotencyKey).toBe('defer');
    expect(d.attempts).toBe(1);
    const [r] = await jobs.claim({ workerId: 'w', limit: 2, now: at(302_000), leaseMs: 5_000 });
    expect(r.idempotencyKey).toBe('retry');
    expect(r.attempts).toBe(2);
    expect(r.lastError).toBe('502');
    await jobs.markFailed(r.id, 'w', '400');
    await jobs.markDead(d.id, 'w', '403');
    expect((await jobs.byKey('retry'))?.status).toBe('failed');
    expect((await jobs.byKey('defer'))?.status).toBe('dead');
  });

  it('claims one due job by its key once, and not while another worker holds it', async () => {
    await jobs.enqueue([spec('by-key', T0), spec('by-key-later', at(60_000))]);
    expect(await jobs.claimByKey('by-key-later', { workerId: 'w1', now: T0, leaseMs: 1000 })).toBeUndefined();
    const claimed = await jobs.claimByKey('by-key', { workerId: 'w1', now: T0, leaseMs: 1000 });
    expect(claimed).toMatchObject({ idempotencyKey: 'by-key', status: 'sending', lockedBy: 'w1', attempts: 1 });
    expect(await jobs.claimByKey('by-key', { workerId: 'w2', now: T0, leaseMs: 1000 })).toBeUndefined();
    expect(await jobs.markSent(claimed!.id, 'w1', T0)).toBe(true);
    expect(await jobs.claimByKey('by-key', { workerId: 'w2', now: at(5000), leaseMs: 1000 })).toBeUndefined();
    await jobs.markSent((await jobs.claimByKey('by-key-later', { workerId: 'w1', now: at(60_000), leaseMs: 1000 }))!.id, 'w1', at(60_000));
  });

  it('counts a campaign by status and confirmations, and resumes it when started again', async () => {
    const input = { kind: 'reporting', pack: 'nykoping', period: '2026-09', startedBy: 'cli', now: at(400_000) };
    const first = await campaigns.start(input, [spec('c1', at(400_000)), spec('c2', at(400_000)), spec('c3', at(400_000))]);
    expect(first.enqueued).toBe(3);
    expect(first.campaign.id).toBe('reporting:nykoping:2026-09');
    expect((await campaigns.start(input, [spec('c1', at(400_000))])).enqueued).toBe(0);
    const claimed = await jobs.claim({ workerId: 'w', limit: 2, now: at(400_000), leaseMs: 5_000 });
    for (const job of claimed) await jobs.markSent(job.id, 'w', at(400_001));
    expect(await jobs.confirm(claimed[0].idempotencyKey, at(500_000))).toBe(true);
    expect(await jobs.confirm(claimed[0].idempotencyKey, at(500_001))).toBe(false);
    const status = await campaigns.status(first.campaign.id);
    expect(status?.counts).toMatchObject({ sent: 2, pending: 1, total: 3, confirmed: 1 });
    expect(status?.done).toBe(2);
    expect(await jobs.outstanding(first.campaign.id)).toBe(1);
  });

  it('tells when the next job is due and puts failed jobs back with fresh tries, leaving dead ones dead', async () => {
    // Finish what earlier tests left behind, so that only this test's jobs are waiting.
    for (const job of await jobs.claim({ workerId: 'w', limit: 100, now: at(899_000), leaseMs: 1_000 })) await jobs.markSent(job.id, 'w', at(899_000));
    await jobs.enqueue([spec('wake-1', at(900_000)), spec('wake-2', at(900_000)), spec('wake-3', at(900_000))]);
    expect((await jobs.nextWakeAt())?.toISOString()).toBe(at(900_000).toISOString());
    const claimed = await jobs.claim({ workerId: 'w', limit: 3, now: at(900_000), leaseMs: 5_000 });
    expect((await jobs.nextWakeAt())?.toISOString()).toBe(at(905_000).toISOString());
    await jobs.markFailed(claimed[0].id, 'w', 'no_reference');
    await jobs.markFailed(claimed[1].id, 'w', '502');
    await jobs.markDead(claimed[2].id, 'w', '403');
    expect(await jobs.nextWakeAt()).toBeUndefined();
    expect(await jobs.retryFailed({ now: at(950_000) })).toBeGreaterThanOrEqual(2);
    expect(await jobs.byKey('wake-1')).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect((await jobs.byKey('wake-3'))?.status).toBe('dead');
    for (const job of await jobs.claim({ workerId: 'w', limit: 50, now: at(950_000), leaseMs: 5_000 })) await jobs.markSent(job.id, 'w', at(950_000));
  });

  it('counts live workers by heartbeat and forgets one that left', async () => {
    expect(await jobs.heartbeat('w1', T0, 3_000)).toBe(1);
    expect(await jobs.heartbeat('w2', at(1_000), 3_000)).toBe(2);
    expect(await jobs.heartbeat('w2', at(5_000), 3_000)).toBe(1);
    await jobs.leave('w2');
    expect(await jobs.heartbeat('w1', at(5_000), 3_000)).toBe(1);
  });
});
