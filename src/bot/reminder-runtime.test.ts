import { afterEach, describe, expect, it } from 'vitest';
import { AccountRegister } from '../accounts';
import { accountInput } from '../accounts/test-fixtures';
import { ConversationReferences } from '../db/conversation-references';
import { FakeClock, ReminderJobs, TransportError, type ProactiveActivity, type ProactiveTransport } from '../reminders';
import { createTestBot, type TestBot } from '../../tests/helpers/test-bot';
import { testDatabases } from '../../tests/helpers/databases';
import type { Database } from '../db';
import { clockFromEnv, createReminderRuntime } from './reminder-runtime';

const ALEX = { aadObjectId: 'aad-alex', name: 'Alex Wilber' };

function recordingTransport(): ProactiveTransport & { sent: { to: string; activity: ProactiveActivity }[] } {
  const sent: { to: string; activity: ProactiveActivity }[] = [];
  return { sent, send: async (reference, activity) => void sent.push({ to: reference.user?.aadObjectId ?? reference.conversation.id, activity }) };
}

function summaries(transport: ReturnType<typeof recordingTransport>): string[] {
  return transport.sent.map((s) => s.activity.summary ?? '');
}

describe.each(testDatabases())('the reminder runtime on $name', ({ open }) => {
  let database: Database;
  let testBot: TestBot;

  afterEach(async () => {
    await testBot?.close();
    await database?.close();
  });

  /** A bot with Alex owning one account (started this year, so no yearly follow-up is due) and a chat with Alex. */
  async function setUp(pack = 'stockholm'): Promise<TestBot> {
    database = await open();
    testBot = await createTestBot({ COMMUNICATIONS_UNIT_USERS: 'aad-comms' }, database);
    await new AccountRegister(database.db).add(accountInput({ pack, owner: ALEX, openedOn: '2027-01-10' }), 'test');
    await new ConversationReferences(database.db).save({
      conversation: { id: 'a:alex', conversationType: 'personal', tenantId: 'tenant-1' },
      serviceUrl: 'https://smba.test.local/',
      channelId: 'msteams',
      bot: { id: '28:bot' },
      user: { id: '29:alex', aadObjectId: ALEX.aadObjectId },
    });
    return testBot;
  }

  function runtime(clock: FakeClock, transport: ProactiveTransport, workerId: string) {
    return createReminderRuntime({ services: testBot.bot.services, adapter: testBot.bot.adapter }, { clock, sleep: clock.sleep, transport, workerId, intervalMs: 1_000 });
  }

  it('plans the reporting reminder in February and sends it once, across ticks and a second instance', async () => {
    await setUp();
    const clock = new FakeClock('2027-01-31T12:00:00Z');
    const transport = recordingTransport();
    const first = runtime(clock, transport, 'instance-a');
    const second = runtime(clock, transport, 'instance-b');

    expect((await first.tick()).enqueued).toBe(0);
    expect(transport.sent).toHaveLength(0);

    clock.set('2027-02-01T08:30:00Z');
    const tick = await first.tick();
    expect(tick.enqueued).toBe(1);
    expect(tick.stats.sent).toBe(1);
    expect(summaries(transport)).toEqual(['Dags att se över dina konton']);
    expect(transport.sent[0].to).toBe('aad-alex');

    clock.advance(60_000);
    expect((await first.tick()).enqueued).toBe(0);
    expect((await second.tick()).enqueued).toBe(0);
    expect(transport.sent).toHaveLength(1);
    const job = await new ReminderJobs(database.db).byKey('reporting:stockholm:2027-02:aad-alex');
    expect(job).toMatchObject({ status: 'sent', campaignId: 'reporting:stockholm:2027-02', payload: { pack: 'stockholm', period: '2027-02' } });
  });

  it('sends nothing for reporting when the pack turns the reminder off', async () => {
    await setUp();
    testBot.bot.services.packs.get('stockholm')!.settings.reminders.reporting = false;
    const clock = new FakeClock('2027-02-01T08:30:00Z');
    const transport = recordingTransport();
    await runtime(clock, transport, 'solo').tick();
    expect(summaries(transport)).not.toContain('Dags att se över dina konton');
    expect(await new ReminderJobs(database.db).byKey('reporting:stockholm:2027-02:aad-alex')).toBeUndefined();
  });

  it('sends nothing at all for a pack whose reminders are all off but the closing date', async () => {
    await setUp('nykoping');
    const clock = new FakeClock('2027-02-01T08:30:00Z');
    const transport = recordingTransport();
    expect((await runtime(clock, transport, 'solo').tick()).enqueued).toBe(0);
    expect(transport.sent).toHaveLength(0);
  });

  it('reminds about a missing stand-in once a month, with a link to edit the account', async () => {
    await setUp();
    await new AccountRegister(database.db).add(accountInput({ accountName: 'Utan ersättare', owner: ALEX, standIn: null, openedOn: '2027-01-10' }), 'test');
    const clock = new FakeClock('2027-03-01T08:30:00Z');
    const transport = recordingTransport();
    const rt = runtime(clock, transport, 'solo');
    await rt.tick();
    clock.advance(24 * 3600_000);
    await rt.tick();
    const cards = transport.sent.map((s) => JSON.stringify(s.activity.attachments?.[0]?.content));
    expect(cards.filter((c) => c.includes('Kontot saknar en ersättare'))).toHaveLength(1);
    expect(cards.find((c) => c.includes('Kontot saknar en ersättare'))).toContain('myAccounts.edit');
  });
});

describe('a reminder that cannot be delivered any more', () => {
  it('tells the communications unit in Swedish, naming the account but not the person', async () => {
    const database = await testDatabases()[0].open();
    const testBot = await createTestBot({ COMMUNICATIONS_UNIT_USERS: 'aad-comms' }, database);
    try {
      await new AccountRegister(database.db).add(accountInput({ owner: ALEX, standIn: null, openedOn: '2027-01-10' }), 'test');
      await new ConversationReferences(database.db).save({
        conversation: { id: 'a:alex', conversationType: 'personal', tenantId: 'tenant-1' },
        serviceUrl: 'https://smba.test.local/',
        channelId: 'msteams',
        bot: { id: '28:bot' },
        user: { id: '29:alex', aadObjectId: ALEX.aadObjectId },
      });
      const clock = new FakeClock('2027-03-01T08:30:00Z');
      const gone: ProactiveTransport = { send: async () => Promise.reject(new TransportError(403)) };
      const rt = createReminderRuntime({ services: testBot.bot.services, adapter: testBot.bot.adapter }, { clock, sleep: clock.sleep, transport: gone });
      expect((await rt.tick()).stats.dead).toBe(1);
      expect(testBot.notifications).toHaveLength(1);
      expect(testBot.notifications[0].to).toEqual({ user: 'aad-comms' });
      const text = JSON.stringify(testBot.notifications[0].activity);
      expect(text).toContain('En påminnelse kom inte fram');
      expect(text).toContain('Instagram – Kulturhuset Ung');
      expect(text).not.toContain('Alex');
    } finally {
      await testBot.close();
      await database.close();
    }
  });
});

describe('CLOCK_START', () => {
  it('starts the bot clock at the given instant and lets it run forward', () => {
    let real = 1_000_000;
    const clock = clockFromEnv({ CLOCK_START: '2027-02-01T08:30:00Z' }, () => real);
    expect(clock?.now().toISOString()).toBe('2027-02-01T08:30:00.000Z');
    real += 5_000;
    expect(clock?.now().toISOString()).toBe('2027-02-01T08:30:05.000Z');
  });

  it('is not used when unset, and refuses a value that is not a date', () => {
    expect(clockFromEnv({})).toBeUndefined();
    expect(() => clockFromEnv({ CLOCK_START: 'i morgon' })).toThrow(/CLOCK_START/);
  });
});
