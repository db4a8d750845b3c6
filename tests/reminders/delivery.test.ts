import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockConnector } from '../../bench/mock-connector';
import { createBotFrameworkTransport } from '../../src/bot/proactive-transport';
import { openDatabase, type Database } from '../../src/db';
import { ConversationReferences } from '../../src/db/conversation-references';
import { ReminderJobs } from '../../src/reminders/job-queue';
import type { JobSpec } from '../../src/reminders/jobs';
import { ProactiveThrottle } from '../../src/reminders/rate-limiter';
import { ProactiveSender } from '../../src/reminders/sender';
import { withIdempotencyKey } from '../../src/reminders/transport';
import { ReminderWorker } from '../../src/reminders/worker';
import { localBotAdapter } from '../helpers/bot-adapter';
import { withSearchPath } from '../helpers/databases';

const FAST_TENANT = [{ limit: 200, windowMs: 1_000 }];
const JOBS = 60;

interface Shared {
  name: string;
  /** Two connections to one database, as two instances would have. */
  open(): Promise<{ first: Database; second: Database; close(): Promise<void> }>;
}

function sharedDatabases(): Shared[] {
  const list: Shared[] = [
    {
      name: 'pglite',
      async open() {
        const db = await openDatabase({ dataDir: 'memory://' });
        return { first: db, second: db, close: () => db.close() };
      },
    },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      async open() {
        const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`create schema ${schema}`);
        const first = await openDatabase({ databaseUrl: withSearchPath(url, schema), dataDir: '' });
        const second = await openDatabase({ databaseUrl: withSearchPath(url, schema), dataDir: '' });
        return {
          first,
          second,
          async close() {
            await first.close();
            await second.close();
            await admin.query(`drop schema ${schema} cascade`);
            await admin.end();
          },
        };
      },
    });
  }
  return list;
}

describe.each(sharedDatabases())("reminder delivery through the bot's adapter to a mock connector on $name", ({ open }) => {
  let shared: Awaited<ReturnType<Shared['open']>>;
  const transport = createBotFrameworkTransport({ adapter: localBotAdapter(), botAppId: '' });

  beforeAll(async () => {
    shared = await open();
  });
  afterAll(() => shared.close());

  async function setUp(prefix: string, connector: MockConnector): Promise<string[]> {
    const refs = new ConversationReferences(shared.first.db);
    const specs: JobSpec[] = [];
    for (let i = 0; i < JOBS; i++) {
      const aad = `${prefix}-user-${i}`;
      await refs.save({
        conversation: { id: `a:${aad}`, conversationType: 'personal', tenantId: 'tenant-1' },
        serviceUrl: connector.url,
        channelId: 'msteams',
        bot: { id: '28:bot' },
        user: { id: `29:${aad}`, aadObjectId: aad },
      });
      specs.push({ idempotencyKey: `reporting:stockholm:2026-02:${aad}`, kind: 'reporting', target: { type: 'user', aadObjectId: aad }, dueAt: new Date(Date.now() - 1_000) });
    }
    await new ReminderJobs(shared.first.db).enqueue(specs);
    return specs.map((s) => s.idempotencyKey);
  }

  function worker(database: Database, id: string, leaseMs = 5_000): ReminderWorker {
    const sender = new ProactiveSender({
      transport,
      references: new ConversationReferences(database.db),
      renderers: { reporting: () => ({ type: 'message', text: 'Dags att rapportera dina konton för perioden.' }) },
      throttle: new ProactiveThrottle({ tenantRules: FAST_TENANT }),
      retry: { maxTries: 8, baseDelayMs: 20, maxDelayMs: 200 },
    });
    return new ReminderWorker({ jobs: new ReminderJobs(database.db), sender, workerId: id, leaseMs, pollMs: 20, heartbeatMs: 200 });
  }

  it('delivers every reminder exactly once with 502s injected, on one worker', async () => {
    const connector = new MockConnector({ tenantRules: FAST_TENANT, failureRate: 0.1, seed: 7 });
    await connector.start();
    try {
      const keys = await setUp('one', connector);
      await worker(shared.first, 'solo').drain();
      expect(connector.lostKeys(keys)).toEqual([]);
      expect(connector.duplicatedKeys()).toEqual([]);
      expect(connector.stats.injected502).toBeGreaterThan(0);
      expect(await new ReminderJobs(shared.first.db).outstanding()).toBe(0);
    } finally {
      await connector.stop();
    }
  });

  it('delivers every reminder exactly once when two workers share the queue', async () => {
    const connector = new MockConnector({ tenantRules: FAST_TENANT, failureRate: 0.05, seed: 11 });
    await connector.start();
    try {
      const keys = await setUp('two', connector);
      const a = worker(shared.first, 'instance-a');
      const b = worker(shared.second, 'instance-b');
      await Promise.all([a.drain(), b.drain()]);
      expect(connector.lostKeys(keys)).toEqual([]);
      expect(connector.duplicatedKeys()).toEqual([]);
      expect(a.stats.sent + b.stats.sent).toBe(JOBS);
    } finally {
      await connector.stop();
    }
  });

  it('loses nothing when a worker dies mid-batch, and sends again only what it had sent without an answer', async () => {
    const connector = new MockConnector({ tenantRules: FAST_TENANT, dedupe: true });
    await connector.start();
    try {
      const keys = await setUp('crash', connector);
      const jobs = new ReminderJobs(shared.first.db);
      const refs = new ConversationReferences(shared.first.db);
      // The crashed instance claimed 10 jobs, delivered 4 and died before writing "sent" for any of them.
      const claimed = await jobs.claim({ workerId: 'crashed', limit: 10, now: new Date(), leaseMs: 300 });
      for (const job of claimed.slice(0, 4)) {
        const ref = await refs.personalFor((job.target as { aadObjectId: string }).aadObjectId);
        await transport.send(ref!.reference, withIdempotencyKey({ type: 'message', text: 'Påminnelse' }, job.idempotencyKey));
      }
      const survivor = worker(shared.second, 'survivor');
      await survivor.drain();

      expect(connector.lostKeys(keys)).toEqual([]);
      // The at-least-once window: exactly the 4 sends without a recorded answer went out again; a receiver that
      // deduplicates by key (as this mock does) shows them once, Teams would show them twice.
      expect(connector.duplicatedKeys().sort()).toEqual(claimed.slice(0, 4).map((j) => j.idempotencyKey).sort());
      expect(connector.deliveries).toHaveLength(JOBS);
      expect((await jobs.counts()).sent).toBeGreaterThanOrEqual(JOBS);
      expect(await jobs.markSent(claimed[0].id, 'crashed', new Date())).toBe(false);
    } finally {
      await connector.stop();
    }
  });
});
