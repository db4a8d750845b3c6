import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRegister } from '../../accounts';
import { accountInput } from '../../accounts/test-fixtures';
import { createReminderRuntime, type ReminderRuntime } from '../../bot/reminder-runtime';
import { FakeClock, ReminderJobs, type ProactiveActivity, type ProactiveTransport } from '../../reminders';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';

const HOLIDAY = 'Berätta om lägre publiceringstakt under ledigheterna';

function recordingTransport(): ProactiveTransport & { sent: { to: string; activity: ProactiveActivity }[] } {
  const sent: { to: string; activity: ProactiveActivity }[] = [];
  return { sent, send: async (reference, activity) => void sent.push({ to: reference.user?.aadObjectId ?? reference.conversation.id, activity }) };
}

async function reply(testBot: TestBot, user: string, activity: Partial<Activity> | string): Promise<Partial<Activity>> {
  let got: Partial<Activity> = {};
  await testBot
    .conversation({ userId: user, aadObjectId: `aad-${user}` })
    .send(activity)
    .assertReply((r) => void (got = r))
    .startTest();
  return got;
}

describe('the holiday reminder: announce a lower posting pace before summer and Christmas', () => {
  let testBot: TestBot;
  let runtime: ReminderRuntime;
  let transport: ReturnType<typeof recordingTransport>;
  const clock = new FakeClock('2027-05-31T08:00:00Z');
  const holidayCards = (to: string) => transport.sent.filter((s) => s.to === to && s.activity.summary === HOLIDAY).map((s) => s.activity as Partial<Activity>);

  beforeAll(async () => {
    testBot = await createTestBot({});
    testBot.bot.services.clock = clock;
    const register = new AccountRegister(testBot.bot.services.database.db);
    await register.add(accountInput({ openedOn: '2027-01-10' }), 'test');
    await register.add(accountInput({ pack: 'nykoping', accountName: 'Biblioteket Nyköping', owner: { aadObjectId: 'aad-lee', name: 'Lee Gu' }, standIn: null, openedOn: '2027-01-10' }), 'test');
    transport = recordingTransport();
    runtime = createReminderRuntime({ services: testBot.bot.services, adapter: testBot.bot.adapter }, { clock, sleep: clock.sleep, transport, intervalMs: 1_000 });
    // Every owner and the stand-in have a chat with the bot.
    for (const user of ['alex', 'megan', 'lee']) await reply(testBot, user, 'hej');
  });
  afterAll(() => testBot.close());

  it('sends nothing before the pack’s date', async () => {
    await runtime.tick();
    expect(holidayCards('aad-alex')).toHaveLength(0);
  });

  it('reminds the Stockholm owner at nine in the morning Swedish time on 1 June, once, quoting the policy', async () => {
    clock.set('2027-06-01T06:59:00Z');
    await runtime.tick();
    expect(holidayCards('aad-alex')).toHaveLength(0);
    clock.set('2027-06-01T07:00:00Z');
    await runtime.tick();
    clock.advance(3_600_000);
    await runtime.tick();
    const cards = holidayCards('aad-alex');
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]);
    expect(text).toContain('Sommaren närmar sig');
    expect(text).toContain('Instagram – Kulturhuset Ung');
    expect(text).toContain('Publiceringsfrekvens: ”Vid semester och helgdagar kan publiceringsfrekvensen vara lägre än vanligt, vilket ska meddelas via ett inlägg på respektive konto.”');
    const job = await new ReminderJobs(testBot.bot.services.database.db).byKey('holiday-pace:stockholm:summer:aad-alex:2027-06-01');
    expect(job?.dueAt.toISOString()).toBe('2027-06-01T07:00:00.000Z');
  });

  it('reminds owners only, and nobody in a pack that has the reminder off (Nyköping)', async () => {
    expect(holidayCards('aad-megan')).toHaveLength(0);
    expect(holidayCards('aad-lee')).toHaveLength(0);
    const jobs = await new ReminderJobs(testBot.bot.services.database.db).list();
    expect(jobs.filter((j) => j.kind === 'holiday-pace').map((j) => j.idempotencyKey)).toEqual(['holiday-pace:stockholm:summer:aad-alex:2027-06-01']);
  });

  it('records "Inlägget är publicerat"', async () => {
    const confirm = cardActions(holidayCards('aad-alex')[0])['Inlägget är publicerat'];
    expect(confirm).toEqual({ verb: 'reminder.confirm', reminderKey: 'holiday-pace:stockholm:summer:aad-alex:2027-06-01' });
    expect(cardText(await reply(testBot, 'alex', submit(confirm)))).toContain('Tack! Påminnelsen är bekräftad');
  });

  it('plans nothing for the summer after June', async () => {
    clock.set('2027-08-15T08:00:00Z');
    await runtime.tick();
    expect(holidayCards('aad-alex')).toHaveLength(1);
  });

  it('reminds again before Christmas, at nine Swedish winter time on 1 December', async () => {
    clock.set('2027-12-01T08:00:00Z');
    await runtime.tick();
    const cards = holidayCards('aad-alex');
    expect(cards).toHaveLength(2);
    expect(cardText(cards[1])).toContain('Julen närmar sig');
    expect(cardText(cards[1])).toContain('jul och nyår');
    const job = await new ReminderJobs(testBot.bot.services.database.db).byKey('holiday-pace:stockholm:christmas:aad-alex:2027-12-01');
    expect(job?.dueAt.toISOString()).toBe('2027-12-01T08:00:00.000Z');
  });
});
