import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db';
import { ConversationReferences } from '../db/conversation-references';
import { FakeClock, realSleep, type Sleep } from './clock';
import { ReminderJobs } from './job-queue';
import { dueDatePlanner, reportingMonthPlanner } from './planners';
import { createScheduler } from './scheduler';
import { ProactiveSender } from './sender';
import type { ProactiveTransport } from './transport';
import { zonedTime } from './zoned-time';

describe('the reminder scheduler with a fake clock', () => {
  let database: Database;
  let jobs: ReminderJobs;
  const clock = new FakeClock('2026-01-31T12:00:00Z');
  const sent: string[] = [];
  const owners = ['aad-anna', 'aad-bo', 'aad-cia'];

  const transport: ProactiveTransport = {
    async send(reference) {
      sent.push(reference.conversation.id);
    },
  };

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    jobs = new ReminderJobs(database.db);
    const refs = new ConversationReferences(database.db);
    for (const aad of owners) {
      await refs.save({
        conversation: { id: `a:${aad}`, conversationType: 'personal', tenantId: 't' },
        serviceUrl: 'https://smba.example/',
        channelId: 'msteams',
        bot: { id: '28:bot' },
        user: { id: `29:${aad}`, aadObjectId: aad },
      });
    }
  });
  afterAll(() => database.close());

  function scheduler(planners: Parameters<typeof createScheduler>[0]['planners'], sleep: Sleep = clock.sleep) {
    const sender = new ProactiveSender({
      transport,
      references: new ConversationReferences(database.db),
      renderers: {
        reporting: () => ({ type: 'message', text: 'Nu är det dags att rapportera dina konton.' }),
        'closing-date': () => ({ type: 'message', text: 'I dag stängs kontot.' }),
      },
      clock,
      sleep,
    });
    return createScheduler({ clock, sleep, intervalMs: 60_000, jobs, sender, planners });
  }

  it('sends the reporting reminder to every owner on the first day of a reporting month at nine, once', async () => {
    const s = scheduler([reportingMonthPlanner({ pack: 'stockholm', reportingMonths: [2, 9], owners: async () => owners })]);
    expect((await s.tick()).enqueued).toBe(0);

    // 1 February 08:59 in Stockholm (07:59 UTC): not yet.
    clock.set('2026-02-01T07:59:00Z');
    expect((await s.tick()).enqueued).toBe(0);
    expect(sent).toEqual([]);

    clock.set('2026-02-01T08:00:00Z');
    const first = await s.tick();
    expect(first.enqueued).toBe(3);
    expect(sent.sort()).toEqual(owners.map((o) => `a:${o}`));
    expect((await jobs.byKey('reporting:stockholm:2026-02:aad-anna'))?.status).toBe('sent');

    // Later the same month, and after a restart: nothing is sent twice.
    clock.set('2026-02-14T10:00:00Z');
    expect((await s.tick()).enqueued).toBe(0);
    expect(sent).toHaveLength(3);

    // March is not a reporting month.
    clock.set('2026-03-01T09:00:00Z');
    expect((await s.tick()).enqueued).toBe(0);
    expect(sent).toHaveLength(3);
  });

  it('reminds on a closing date and keeps other planners running when one fails', async () => {
    sent.length = 0;
    const broken = async function broken(): Promise<never> {
      throw new Error('register unavailable');
    };
    const s = scheduler([
      broken,
      dueDatePlanner({
        kind: 'closing-date',
        items: async () => [{ key: 'account-7', target: { type: 'user', aadObjectId: 'aad-bo' }, date: '2026-03-10', payload: { accountId: 'account-7' } }],
      }),
    ]);
    clock.set('2026-03-09T12:00:00Z');
    expect((await s.tick()).enqueued).toBe(0);
    clock.set('2026-03-10T08:00:00Z');
    expect((await s.tick()).enqueued).toBe(1);
    expect(sent).toEqual(['a:aad-bo']);
    expect((await jobs.byKey('closing-date:account-7:2026-03-10'))?.payload).toEqual({ accountId: 'account-7', date: '2026-03-10' });
  });

  it('runs planners and sends on its own once started, and stops gracefully', async () => {
    sent.length = 0;
    clock.set('2026-09-01T07:00:00Z');
    const s = scheduler([reportingMonthPlanner({ pack: 'stockholm', reportingMonths: [9], owners: async () => owners })], realSleep);
    s.start();
    for (let i = 0; i < 200 && sent.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await s.stop();
    expect(sent.sort()).toEqual(owners.map((o) => `a:${o}`));
    expect((await jobs.counts()).sending).toBe(0);
  });
});

describe('zoned time', () => {
  it('puts nine in the morning in Stockholm at 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(zonedTime(2026, 2, 1, 9, 'Europe/Stockholm').toISOString()).toBe('2026-02-01T08:00:00.000Z');
    expect(zonedTime(2026, 9, 1, 9, 'Europe/Stockholm').toISOString()).toBe('2026-09-01T07:00:00.000Z');
  });
});
