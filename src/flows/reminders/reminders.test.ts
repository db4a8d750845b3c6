import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRegister } from '../../accounts';
import { accountInput } from '../../accounts/test-fixtures';
import { createReminderRuntime, type ReminderRuntime } from '../../bot/reminder-runtime';
import { FakeClock, ReminderJobs, type ProactiveActivity, type ProactiveTransport } from '../../reminders';
import { cardActions, cardOf, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { registryOf } from '../../rules';
import { reportingCard } from './renderers';

/** Stockholm asks whether the accounts are still used: the confirmation is the "Ja". */
const CONFIRM = 'Ja, de används och stämmer – bekräfta';
const ALEX = { aadObjectId: 'aad-alex', name: 'Alex Wilber' };
const MEGAN = { aadObjectId: 'aad-megan', name: 'Megan Bowen' };

/** Records what would go to Teams, by the user of the stored conversation. */
function recordingTransport(): ProactiveTransport & { sent: { to: string; activity: ProactiveActivity }[] } {
  const sent: { to: string; activity: ProactiveActivity }[] = [];
  return { sent, send: async (reference, activity) => void sent.push({ to: reference.user?.aadObjectId ?? reference.conversation.id, activity }) };
}

async function replies(testBot: TestBot, user: string, activity: Partial<Activity> | string, count = 1): Promise<Partial<Activity>[]> {
  const got: Partial<Activity>[] = [];
  let flow = testBot.conversation({ userId: user, aadObjectId: `aad-${user}` }).send(activity);
  for (let i = 0; i < count; i++) flow = flow.assertReply((reply) => void got.push(reply));
  await flow.startTest();
  return got;
}

describe('reporting reminders, their buttons and the Rapportering card', () => {
  let testBot: TestBot;
  let runtime: ReminderRuntime;
  let transport: ReturnType<typeof recordingTransport>;
  const clock = new FakeClock('2027-02-01T08:30:00Z');

  beforeAll(async () => {
    testBot = await createTestBot({ COMMUNICATIONS_UNIT_USERS: 'aad-comms', ADMIN_USERS: 'aad-admin' });
    testBot.bot.services.clock = clock;
    await new AccountRegister(testBot.bot.services.database.db).add(accountInput({ owner: ALEX, standIn: MEGAN }), 'test');
    transport = recordingTransport();
    runtime = createReminderRuntime({ services: testBot.bot.services, adapter: testBot.bot.adapter }, { clock, sleep: clock.sleep, transport, intervalMs: 1_000 });
    // Alex has talked to the bot (a stored personal chat); Megan has not yet.
    await replies(testBot, 'alex', 'hej');
  });
  afterAll(() => testBot.close());

  function lastTo(person: string): Partial<Activity> {
    const found = transport.sent.filter((s) => s.to === person).at(-1);
    if (!found) throw new Error(`nothing sent to ${person}`);
    return found.activity as Partial<Activity>;
  }

  it('sends the owner a Swedish reporting card listing the account, with confirm, edit and close buttons', async () => {
    const { stats } = await runtime.tick();
    expect(stats.sent).toBe(1);
    const card = lastTo('aad-alex');
    expect(cardText(card)).toContain('Dags att se över dina konton');
    expect(cardText(card)).toContain('rapporteringsmånad (februari 2027)');
    expect(cardText(card)).toContain('Kulturhuset Ung · Instagram');
    const actions = cardActions(card);
    expect(actions[CONFIRM]).toEqual({ verb: 'reminder.confirm', reminderKey: 'reporting:stockholm:2027-02:aad-alex' });
    expect(actions['Ändra']).toMatchObject({ verb: 'myAccounts.edit' });
  });

  it('asks whether each account is still used, citing the policy, and "Nej" opens the closing request for that account', async () => {
    const card = lastTo('aad-alex');
    expect(cardText(card)).toContain('Används kontot fortfarande?');
    expect(cardText(card)).toContain('Avsluta ett konto: ”När ett konto inte längre används ska det avslutas.”');
    const no = cardActions(card)['Nej – avsluta kontot'];
    expect(no).toMatchObject({ verb: 'closeAccount.pick', closingReason: 'not_used' });
    expect(cardActions(card)['Börja avsluta']).toBeUndefined();
    const [request] = await replies(testBot, 'alex', submit(no));
    expect(cardText(request)).toContain('Avsluta Instagram – Kulturhuset Ung');
    expect(cardText(request)).toContain('beslutas avslutet först');
    const reason = JSON.stringify(cardOf(request)).match(/"id":"closingReason"[^}]*"value":"([a-z_]*)"/);
    expect(reason?.[1]).toBe('not_used');
  });

  it('does not ask the question where the pack does not (Nyköping): the plain confirmation and "Börja avsluta"', async () => {
    const services = testBot.bot.services;
    const nykoping = services.packs.get('nykoping')!;
    expect(nykoping.settings.reminders.stillUsedQuestion).toBe(false);
    const stockholm = services.packs.get('stockholm')!;
    const silent = { ...stockholm, settings: { ...stockholm.settings, reminders: { ...stockholm.settings.reminders, stillUsedQuestion: false as const } } };
    const card = await reportingCard({ ...services, packs: registryOf([silent, nykoping]) }, { idempotencyKey: 'k', payload: { pack: 'stockholm', period: '2027-02' }, target: { type: 'user', aadObjectId: 'aad-alex' } });
    const activity = { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
    expect(cardText(activity)).not.toContain('Används kontot fortfarande?');
    expect(cardActions(activity)['Stämmer – bekräfta']).toMatchObject({ verb: 'reminder.confirm' });
    expect(cardActions(activity)['Börja avsluta']).toMatchObject({ verb: 'closeAccount.pick' });
  });

  it('records the confirmation when the owner answers that the accounts are used, and says so once', async () => {
    const data = cardActions(lastTo('aad-alex'))[CONFIRM];
    const [answer] = await replies(testBot, 'alex', submit(data));
    expect(cardText(answer)).toContain('Tack! Dina konton är bekräftade');
    const job = await new ReminderJobs(testBot.bot.services.database.db).byKey(String(data.reminderKey));
    expect(job?.confirmedAt?.toISOString()).toBe(clock.now().toISOString());
    const [again] = await replies(testBot, 'alex', submit(data));
    expect(cardText(again)).toContain('Redan bekräftat');
  });

  it('refuses a confirmation from someone the reminder was not sent to', async () => {
    const [answer] = await replies(testBot, 'megan', submit({ verb: 'reminder.confirm', reminderKey: 'reporting:stockholm:2027-02:aad-alex' }));
    expect(cardText(answer)).toContain('Jag hittar inte den påminnelsen');
  });

  it('reminds the stand-in once they have a chat with the bot, and the "Ändra" button opens the edit card', async () => {
    await runtime.tick();
    expect(transport.sent.filter((s) => s.to === 'aad-megan')).toHaveLength(1);
    const [edit] = await replies(testBot, 'megan', submit(cardActions(lastTo('aad-megan'))['Ändra']));
    expect(cardText(edit)).toContain('Kulturhuset Ung');
    await runtime.tick();
    expect(transport.sent.filter((s) => s.to === 'aad-megan')).toHaveLength(1);
  });

  it('shows the communications unit sent, confirmed, outstanding and failed', async () => {
    const [card] = await replies(testBot, 'comms', 'Rapportering');
    const text = cardText(card);
    expect(text).toContain('Rapporteringen för februari 2027');
    expect(text).toMatch(/Skickade\n2\nBekräftade\n1\nUtestående\n1\nMisslyckade\n0/);
    expect(cardActions(card)['Påminn de som inte svarat']).toEqual({ verb: 'reminder.remindAgain', campaignId: 'reporting:stockholm:2027-02' });
  });

  it('finds the same card from the words of the communications unit', async () => {
    const [card] = await replies(testBot, 'comms', 'hur går det med rapporteringen?');
    expect(cardText(card)).toContain('Rapporteringen för februari 2027');
  });

  it('reminds those who have not answered again with a new key, and only once per press', async () => {
    const remind = { verb: 'reminder.remindAgain', campaignId: 'reporting:stockholm:2027-02' };
    const [first] = await replies(testBot, 'comms', submit(remind));
    expect(cardText(first)).toContain('1 nya påminnelser är på väg.');
    const [second] = await replies(testBot, 'comms', submit(remind));
    expect(cardText(second)).toContain('Alla som inte svarat har redan en påminnelse på väg.');
    await runtime.tick();
    const toMegan = transport.sent.filter((s) => s.to === 'aad-megan');
    expect(toMegan).toHaveLength(2);
    expect(cardText(toMegan[1].activity as Partial<Activity>)).toContain('Påminnelse: bekräfta dina konton');
    expect(cardActions(toMegan[1].activity as Partial<Activity>)[CONFIRM].reminderKey).toBe('reporting:stockholm:2027-02:aad-megan:again-2');
    // Confirming the second reminder confirms the person for the campaign.
    await replies(testBot, 'megan', submit(cardActions(toMegan[1].activity as Partial<Activity>)[CONFIRM]));
    const [card] = await replies(testBot, 'comms', submit({ verb: 'reminder.campaign' }));
    expect(cardText(card)).toMatch(/Skickade\n2\nBekräftade\n2\nUtestående\n0/);
  });

  it('tells anyone outside the communications unit that the card is not for them, in Swedish', async () => {
    for (const value of ['Rapportering', submit({ verb: 'reminder.startNow' }), submit({ verb: 'reminder.remindAgain', campaignId: 'reporting:stockholm:2027-02' })]) {
      const [answer] = await replies(testBot, 'alex', value);
      expect(cardText(answer)).toContain('Rapporteringen sköts av kommunikationsenheten');
    }
  });

  it('lets an admin start the reporting now from the card', async () => {
    clock.set('2027-03-03T10:00:00Z');
    const [before] = await replies(testBot, 'admin', 'Rapportering');
    expect(cardActions(before)['Starta rapportering nu']).toEqual({ verb: 'reminder.startNow' });
    const [started] = await replies(testBot, 'admin', submit({ verb: 'reminder.startNow' }));
    expect(cardText(started)).toContain('Rapporteringen är startad: 2 påminnelser är på väg.');
    expect(cardText(started)).toContain('Rapporteringen för mars 2027');
    await runtime.tick();
    const reporting = transport.sent.filter((s) => s.to === 'aad-alex' && cardText(s.activity as Partial<Activity>).includes('Dags att se över dina konton'));
    expect(reporting).toHaveLength(2);
  });
});
