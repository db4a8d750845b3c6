import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { AccountRegister, type Account } from '../../accounts';
import { ApprovalChannels, ApproverDirectory } from '../../requests';
import { FakeClock, ReminderJobs } from '../../reminders';
import { addDays } from '../approvals/dates';
import { as, CHANNEL, daysAgo, execute, people, TEAM, UNIT } from '../approvals/testing';
import { registryOf } from '../../rules';
import { closingNoticeKey, closingReminderKey, closingReminderRenderer, scheduleClosingReminder } from './reminder';

const DIRECTOR = 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)';

describe('closing an account in the policy’s order: decision, notice, archive, closing', () => {
  let testBot: TestBot;
  let register: AccountRegister;
  let account: Account;
  const today = daysAgo(0);
  const closingOn = addDays(today, 28);

  const lastTo = (aad: string) => {
    const list = testBot.notifications.filter((n) => n.to.user === aad);
    return list[list.length - 1]?.activity as Partial<Activity>;
  };
  const alex = () => as(testBot.conversation, people.alex);
  const checklist = (values: Record<string, string>) => submit({ verb: 'closeAccount.check', accountId: account.id, ...values });
  const done = { noticePosted: 'true', noticePostedOn: today, reasonGiven: 'true', referralGiven: 'false', archived: 'true' };

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

  it('asks for the decision first, with nothing to do on the account before it, and the order after it', async () => {
    let text = '';
    let submitData: Record<string, unknown> = {};
    await alex()
      .send(submit({ verb: 'closeAccount.pick', accountId: account.id }))
      .assertReply((reply) => {
        text = cardText(reply);
        submitData = cardActions(reply)['Skicka för beslut'];
      })
      .startTest();
    expect(text).toContain('beslutas avslutet först');
    expect(text).not.toContain('Jag har publicerat information');
    const order = ['1. Förvaltnings- eller bolagsdirektör', '2. Informera på kontot', '3. Arkivera innehållet', '4. Stäng kontot'].map((step) => text.indexOf(step));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(text).toContain('bör ligga kvar ett par veckor (14 dagar)');

    await alex()
      .send(submit({ ...submitData, closingReason: '', closingOn: addDays(today, -1) }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Välj varför kontot ska avslutas.');
        expect(cardText(reply)).toContain('Datumet kan inte ligga bakåt i tiden.');
      })
      .startTest();
    await alex()
      .send(submit({ ...submitData, closingReason: 'not_used', closingOn }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Skickad för beslut');
        expect(cardText(reply)).toContain(closingOn);
      })
      .startTest();
  });

  it('shows the approver the reason and the proposed date, not a checklist that is not due yet, and opens the checklist once approved', async () => {
    const card = testBot.notifications.filter((n) => n.to.conversation === CHANNEL).pop()!.activity;
    expect(cardText(card)).toContain('Kontot används inte längre');
    expect(cardText(card)).not.toContain('Inte publicerad');
    const requestId = String(cardActions(card)['Uppdatera'].requestId);
    await as(testBot.conversation, people.megan, { channel: true })
      .send(execute('approval.approve', { requestId, round: 1 }))
      .assertReply((reply) => expect(reply.type).toBe('invokeResponse'))
      .startTest();

    expect(await register.get(account.id)).toMatchObject({ status: 'closing', closingOn });
    const told = lastTo(people.alex.aadObjectId);
    expect(cardText(told)).toContain('Avslutet är godkänt');
    expect(cardActions(told)['Öppna checklistan']).toEqual({ verb: 'closeAccount.checklist', accountId: account.id });
    expect(cardActions(told)['Jag har stängt kontot']).toBeUndefined();
  });

  it('plans a reminder to put the notice up two weeks before the date, and one on the date, both opening the checklist', async () => {
    const jobs = new ReminderJobs(testBot.bot.services.database.db);
    const notice = await jobs.byKey(closingNoticeKey(account.id, closingOn));
    const closing = await jobs.byKey(closingReminderKey(account.id, closingOn));
    expect(notice).toMatchObject({ kind: 'closing-notice', target: { type: 'user', aadObjectId: people.alex.aadObjectId } });
    expect(closing).toMatchObject({ kind: 'closing-date', target: { type: 'user', aadObjectId: people.alex.aadObjectId }, payload: { accountId: account.id } });
    expect(notice!.dueAt.getTime()).toBeLessThan(closing!.dueAt.getTime());
    const render = closingReminderRenderer(testBot.bot.services);
    const noticeCard = JSON.stringify((await render(notice!, {} as never)).attachments?.[0]?.content);
    expect(noticeCard).toContain('Dags att informera om avslutet');
    const closingCard = JSON.stringify((await render(closing!, {} as never)).attachments?.[0]?.content);
    expect(closingCard).toContain('Dags att stänga kontot');
    expect(closingCard).toContain(`"verb":"closeAccount.checklist","accountId":"${account.id}"`);
  });

  it('after the decision, asks for the notice and the archive, and shows the referral and the two weeks as recommendations', async () => {
    await alex()
      .send(submit({ verb: 'closeAccount.checklist', accountId: account.id }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Efter beslutet: avsluta Facebook – Stadsbiblioteket');
        expect(cardText(reply)).toContain('Jag har publicerat information på kontot');
      })
      .startTest();
    await alex()
      .send(checklist({ ...done, archived: 'false' }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Det här behöver göras innan kontot stängs.');
        expect(cardText(reply)).toContain('Arkivera kontots innehåll');
      })
      .startTest();
    // Pressed before the checklist is done: the checklist again, nothing closed.
    await alex()
      .send(submit({ verb: 'closeAccount.confirmClosed', accountId: account.id }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Det här behöver göras innan kontot stängs.'))
      .startTest();
    await alex()
      .send(checklist(done))
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain(`Allt som ska göras före avslutet är gjort. Kontot stängs ${closingOn}`);
        expect(text).toContain('Hänvisa om möjligt till andra kontaktvägar');
        expect(text).toContain('Det är en rekommendation, inget krav.');
        expect(cardActions(reply)['Jag har stängt kontot']).toBeUndefined();
      })
      .startTest();
    expect((await register.get(account.id))?.status).toBe('closing');
  });

  it('offers "Jag har stängt kontot" under Mina konton while the account is closing', async () => {
    await alex()
      .send(submit({ verb: 'myAccounts.mine' }))
      .assertReply((reply) => expect(cardActions(reply)['Jag har stängt kontot']).toMatchObject({ verb: 'closeAccount.confirmClosed', accountId: account.id }))
      .startTest();
  });

  it('does not mark the account closed before the decided date', async () => {
    await alex()
      .send(submit({ verb: 'closeAccount.confirmClosed', accountId: account.id }))
      .assertReply((reply) => expect(cardText(reply)).toContain(`Enligt beslutet stängs kontot ${closingOn}`))
      .startTest();
    expect((await register.get(account.id))?.status).toBe('closing');
  });

  it('closes the account on the decided date once the checklist is done, though the notice has been up less than two weeks', async () => {
    const services = testBot.bot.services;
    const realClock = services.clock;
    services.clock = new FakeClock(`${closingOn}T10:00:00Z`);
    try {
      // The notice went up on the closing day itself: a recommendation not followed, not a block.
      await alex()
        .send(checklist({ ...done, noticePostedOn: closingOn, referralGiven: 'true' }))
        .assertReply((reply) => {
          expect(cardText(reply)).toContain('ligger kvar ett par veckor');
          expect(cardActions(reply)['Jag har stängt kontot']).toEqual({ verb: 'closeAccount.confirmClosed', accountId: account.id });
        })
        .startTest();
      await alex()
        .send(submit({ verb: 'closeAccount.confirmClosed', accountId: account.id }))
        .assertReply((reply) => expect(cardText(reply)).toContain('Kontot är avslutat'))
        .startTest();
      expect(await register.get(account.id)).toMatchObject({ status: 'closed', closedOn: closingOn });
    } finally {
      services.clock = realClock;
    }
  });

  it('queues no closing reminders when the pack has turned them off', async () => {
    const services = testBot.bot.services;
    const pack = services.packs.get('stockholm')!;
    const off = { ...pack, settings: { ...pack.settings, reminders: { ...pack.settings.reminders, closingDate: false } } };
    const later = addDays(today, 30);
    await scheduleClosingReminder({ ...services, packs: registryOf([off]) }, { ...account, closingOn: later });
    const jobs = new ReminderJobs(services.database.db);
    expect(await jobs.byKey(closingReminderKey(account.id, later))).toBeUndefined();
    expect(await jobs.byKey(closingNoticeKey(account.id, later))).toBeUndefined();
  });
});
