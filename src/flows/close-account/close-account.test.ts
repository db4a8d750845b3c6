import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { AccountRegister, type Account } from '../../accounts';
import { ApprovalChannels, ApproverDirectory } from '../../requests';
import { ReminderJobs } from '../../reminders';
import { addDays } from '../approvals/dates';
import { as, CHANNEL, daysAgo, execute, people, TEAM, UNIT } from '../approvals/testing';
import { registryOf } from '../../rules';
import { closingReminderKey, closingReminderRenderer, scheduleClosingReminder } from './reminder';

const DIRECTOR = 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)';

describe('closing an account whose notice has just been posted', () => {
  let testBot: TestBot;
  let register: AccountRegister;
  let account: Account;
  const today = daysAgo(0);
  const closingOn = addDays(today, 14);

  const lastTo = (aad: string) => {
    const list = testBot.notifications.filter((n) => n.to.user === aad);
    return list[list.length - 1]?.activity as Partial<Activity>;
  };

  beforeAll(async () => {
    testBot = await createTestBot({ ORG_UNITS: UNIT });
    const db = testBot.bot.services.database.db;
    register = new AccountRegister(db);
    await new ApproverDirectory(db).add('stockholm', UNIT, { ...people.megan, role: DIRECTOR }, 'test');
    await new ApprovalChannels(db).set('stockholm', UNIT, CHANNEL, TEAM, 'test');
    account = await register.add(
      {
        pack: 'stockholm',
        unit: UNIT,
        platform: 'Facebook',
        accountName: 'Stadsbiblioteket',
        accountType: 'official',
        purpose: 'Tipsa om evenemang',
        goals: ['1000 följare'],
        audiences: ['låntagare'],
        owner: { aadObjectId: people.alex.aadObjectId, name: people.alex.name },
        // Not Megan, who decides the closure: the stand-in of an account may not decide it (jäv).
        standIn: { aadObjectId: people.adele.aadObjectId, name: people.adele.name },
        credentialsLocation: 'Valvet',
        registeredVia: 'existing',
        openedOn: '2019-01-01',
        facts: {},
      },
      'test',
    );
  });
  afterAll(() => testBot.close());

  it('offers only the person’s own accounts and refuses someone else’s', async () => {
    await as(testBot.conversation, people.lee)
      .send(submit({ verb: 'menu.openFlow', flow: 'close-account' }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Du har inga aktiva konton i registret'))
      .startTest();
    await as(testBot.conversation, people.lee)
      .send(submit({ verb: 'closeAccount.pick', accountId: account.id }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Du har inga aktiva konton i registret'))
      .startTest();
  });

  it('lets the stand-in start the closure too', async () => {
    await as(testBot.conversation, people.adele)
      .send(submit({ verb: 'menu.openFlow', flow: 'close-account' }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Facebook – Stadsbiblioteket'))
      .startTest();
  });

  it('sends the closure for decision while the notice is up, with the end of the notice period as closing date', async () => {
    const alex = as(testBot.conversation, people.alex);
    await alex.send(submit({ verb: 'closeAccount.pick', accountId: account.id })).assertReply((reply) => expect(cardText(reply)).toContain('Avsluta Facebook – Stadsbiblioteket')).startTest();
    let submitData: Record<string, unknown> = {};
    await alex
      .send(submit({ verb: 'closeAccount.check', noticePosted: 'true', noticePostedOn: today, reasonGiven: 'true', referralGiven: 'true', archived: 'true' }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain(`Informationen behöver ligga kvar till ${closingOn}`);
        submitData = cardActions(reply)['Skicka för beslut'];
      })
      .startTest();
    await alex.send(submit(submitData)).assertReply((reply) => expect(cardText(reply)).toContain(closingOn)).startTest();

    const card = testBot.notifications.filter((n) => n.to.conversation === CHANNEL).pop()!.activity;
    const requestId = String(cardActions(card)['Uppdatera'].requestId);
    await as(testBot.conversation, people.megan, { channel: true })
      .send(execute('approval.approve', { requestId, round: 1 }))
      .assertReply((reply) => expect(reply.type).toBe('invokeResponse'))
      .startTest();

    expect(await register.get(account.id)).toMatchObject({ status: 'closing', closingOn });
    const told = lastTo(people.alex.aadObjectId);
    expect(cardText(told)).toContain('Jag påminner dig den dagen');
    expect(cardActions(told)['Jag har stängt kontot']).toBeUndefined();
  });

  it('plans the reminder for the closing date and renders it with the confirm button', async () => {
    const jobs = new ReminderJobs(testBot.bot.services.database.db);
    const job = await jobs.byKey(closingReminderKey(account.id, closingOn));
    expect(job).toMatchObject({ kind: 'closing-date', target: { type: 'user', aadObjectId: people.alex.aadObjectId }, payload: { accountId: account.id } });
    const activity = await closingReminderRenderer(testBot.bot.services)(job!, {} as never);
    const content = JSON.stringify(activity.attachments?.[0]?.content);
    expect(content).toContain('Dags att stänga kontot');
    expect(content).toContain(`"accountId":"${account.id}"`);
  });

  it('offers "Jag har stängt kontot" under Mina konton while the account is closing', async () => {
    await as(testBot.conversation, people.alex)
      .send(submit({ verb: 'myAccounts.mine' }))
      .assertReply((reply) => expect(cardActions(reply)['Jag har stängt kontot']).toMatchObject({ verb: 'closeAccount.confirmClosed', accountId: account.id }))
      .startTest();
  });

  it('queues no closing-date reminder when the pack has turned that reminder off', async () => {
    const services = testBot.bot.services;
    const pack = services.packs.get('stockholm')!;
    const off = { ...pack, settings: { ...pack.settings, reminders: { ...pack.settings.reminders, closingDate: false } } };
    const later = addDays(today, 30);
    await scheduleClosingReminder({ ...services, packs: registryOf([off]) }, { ...account, closingOn: later });
    expect(await new ReminderJobs(services.database.db).byKey(closingReminderKey(account.id, later))).toBeUndefined();
  });

  it('does not mark the account closed before the closing date', async () => {
    await as(testBot.conversation, people.alex)
      .send(submit({ verb: 'closeAccount.confirmClosed', accountId: account.id }))
      .assertReply((reply) => expect(cardText(reply)).toContain(`ska ligga kvar till ${closingOn}`))
      .startTest();
    expect((await register.get(account.id))?.status).toBe('closing');
  });
});
