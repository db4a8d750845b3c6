import { sql } from 'kysely';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { AccountRegister } from '../../accounts';
import { AccountRequests, ApproverDirectory } from '../../requests';
import { as, CHANNEL, daysAgo, execute, invokeCard, json, people, recordUpdates, stockholmForm, UNIT } from './testing';

const DIRECTOR = 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)';

describe('an account from request to closure in Stockholm', () => {
  let testBot: TestBot;
  let register: AccountRegister;
  let requests: AccountRequests;
  let requestId = '';
  let accountId = '';

  const channelCards = () => testBot.notifications.filter((n) => n.to.conversation === CHANNEL);
  const messagesTo = (who: { aadObjectId: string }) => testBot.notifications.filter((n) => n.to.user === who.aadObjectId);
  const lastText = (list: { activity: Partial<Activity> }[]) => cardText(list[list.length - 1]?.activity);

  beforeAll(async () => {
    testBot = await createTestBot({ ADMIN_USERS: people.admin.aadObjectId, ORG_UNITS: `${UNIT},Utbildningsförvaltningen` });
    const db = testBot.bot.services.database.db;
    register = new AccountRegister(db);
    requests = new AccountRequests(db);
    await new ApproverDirectory(db).add('stockholm', UNIT, { ...people.megan, role: DIRECTOR, teamsUserId: people.megan.userId }, 'test');
    // The stand-in: known to the forms as an approver of another unit, and not deciding this one (jäv).
    await new ApproverDirectory(db).add('stockholm', 'Utbildningsförvaltningen', { ...people.lee, role: DIRECTOR }, 'test');
  });
  afterAll(() => testBot.close());

  it('refuses the approval-channel command from someone who is not an admin', async () => {
    await as(testBot.conversation, people.lee, { channel: true })
      .send(`godkännandekanal ${UNIT}`)
      .assertReply((reply) => expect(cardText(reply)).toContain('Bara administratörer kan göra det här'))
      .startTest();
  });

  it('lets an admin make a channel the approval channel of a unit', async () => {
    await as(testBot.conversation, people.admin, { channel: true })
      .send(`godkännandekanal ${UNIT.toLowerCase()}`)
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Godkännandekanal sparad');
        expect(text).toContain(`för ${UNIT} visas nu i den här kanalen`);
        expect(text).toContain('Megan Bowen');
      })
      .startTest();
  });

  it('opens the form from the menu with the units of the configuration and known people', async () => {
    await as(testBot.conversation, people.alex)
      .send(submit({ verb: 'menu.openFlow', flow: 'open-account' }))
      .assertReply((reply) => {
        const json = JSON.stringify(reply.attachments?.[0]?.content);
        expect(cardText(reply)).toContain('Starta nytt konto');
        expect(json).toContain(`"value":"${UNIT}"`);
        expect(json).toContain('"title":"Megan Bowen"');
        expect(cardActions(reply)['Förhandsgranska']).toEqual({ verb: 'account.preview', mode: 'new' });
      })
      .startTest();
  });

  it('shows what is missing beside the fields and keeps what was typed', async () => {
    const values = { ...stockholmForm(people.alex.aadObjectId, ''), purpose: '', goalsMeasurable: 'false' };
    await as(testBot.conversation, people.alex)
      .send(submit({ verb: 'account.preview', mode: 'new', ...values }))
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Några uppgifter saknas eller behöver kompletteras');
        expect(text).toContain('Beskriv kontots syfte.');
        expect(text).toContain('Utse en ersättare');
        expect(text).toContain('Kontot behöver konkreta mål som går att mäta och följa upp.');
        expect(text).toContain('Kulturskolan Stockholm');
        expect(text).toContain('500 följare före december');
      })
      .startTest();
  });

  it('refuses a password in the credentials field and never keeps it', async () => {
    const values = { ...stockholmForm(people.alex.aadObjectId, people.lee.aadObjectId), credentialsLocation: 'lösenord: Sommar2026!' };
    await as(testBot.conversation, people.alex)
      .send(submit({ verb: 'account.preview', mode: 'new', ...values }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Det här ser ut som ett lösenord');
        expect(JSON.stringify(reply)).not.toContain('Sommar2026');
      })
      .startTest();
    const stored = await sql<{ value: unknown }>`select value from bot_state`.execute(testBot.bot.services.database.db);
    expect(JSON.stringify(stored.rows)).not.toContain('Sommar2026');
  });

  it('previews a complete request, sends it for decision once and posts the card in the channel', async () => {
    const alex = as(testBot.conversation, people.alex);
    let submitData: Record<string, unknown> = {};
    await alex
      .send(submit({ verb: 'account.preview', mode: 'new', ...stockholmForm(people.alex.aadObjectId, people.lee.aadObjectId) }))
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Förhandsgranska');
        expect(text).toContain(`Beslutas av: ${DIRECTOR}.`);
        expect(text).toContain('Ansökan visas i godkännandekanalen');
        submitData = cardActions(reply)['Skicka för beslut'];
      })
      .startTest();
    await alex
      .send(submit(submitData))
      .assertReply((reply) => expect(cardText(reply)).toContain('Skickad för beslut'))
      .startTest();
    await alex
      .send(submit(submitData))
      .assertReply((reply) => expect(cardText(reply)).toContain('Det här är redan skickat'))
      .startTest();

    expect(channelCards()).toHaveLength(1);
    const card = channelCards()[0].activity;
    expect(cardText(card)).toContain('Ansökan om nytt konto: Instagram – Kulturskolan Stockholm');
    expect(cardText(card)).toContain(`Väntar på beslut: ${DIRECTOR}`);
    expect(json(card)).toContain('"userIds":["29:megan"]');
    requestId = String(cardActions(card)['Uppdatera'].requestId);
    expect((await requests.get(requestId))?.status).toBe('pending');
  });

  it('shows the buttons to the approver on refresh and only the status to everyone else', async () => {
    await as(testBot.conversation, people.megan, { channel: true })
      .send(execute('approval.refresh', { requestId, round: 1 }))
      .assertReply((reply) => expect(invokeCard(reply).actions?.map((a) => a.title)).toEqual(['Godkänn', 'Avslå', 'Skicka tillbaka med kommentar']))
      .startTest();
    await as(testBot.conversation, people.lee, { channel: true })
      .send(execute('approval.refresh', { requestId, round: 1 }))
      .assertReply((reply) => expect(invokeCard(reply).actions?.map((a) => a.title)).toEqual(['Uppdatera']))
      .startTest();
  });

  it('refuses a non-approver who presses Godkänn and logs the attempt', async () => {
    await as(testBot.conversation, people.lee, { channel: true })
      .send(execute('approval.approve', { requestId, round: 1 }))
      .assertReply((reply) => expect(json(invokeCard(reply))).toContain('du är inte godkännare för Kulturförvaltningen'))
      .startTest();
    expect((await requests.get(requestId))?.status).toBe('pending');
    expect((await requests.events(requestId)).map((e) => [e.actor, e.event])).toContainEqual([people.lee.aadObjectId, 'refused_not_approver']);
  });

  it('asks for a comment before a request is sent back', async () => {
    await as(testBot.conversation, people.megan, { channel: true })
      .send(execute('approval.return', { requestId, round: 1, comment: '  ' }))
      .assertReply((reply) => expect(json(invokeCard(reply))).toContain('Skriv en kommentar om vad som behöver ändras'))
      .startTest();
    expect(await requests.answers(requestId)).toEqual([]);
  });

  it('approves on the approver press, updates the card for everyone, tells the requester and registers the account', async () => {
    const megan = as(testBot.conversation, people.megan, { channel: true });
    const updates = recordUpdates(megan);
    await megan
      .send(execute('approval.approve', { requestId, round: 1, comment: 'Bra syfte' }))
      .assertReply((reply) => {
        const card = json(invokeCard(reply));
        expect(card).toContain('Du godkände som');
        expect(card).toContain('Godkänd');
      })
      .startTest();
    expect(updates).toHaveLength(1);
    expect(updates[0].id).toBe('approval-card-1');
    const everyone = json(updates[0]);
    expect(everyone).toContain('Godkänd');
    expect(everyone).toContain('Megan Bowen');
    expect(everyone).toContain('Bra syfte');
    expect(everyone).not.toContain('"title":"Godkänn"');

    expect(lastText(messagesTo(people.alex))).toContain('Ditt nya konto är godkänt');
    const accounts = await register.forPerson(people.alex.aadObjectId);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ accountName: 'Kulturskolan Stockholm', registeredVia: 'application', requestId, standIn: { name: 'Lee Gu' } });
    accountId = accounts[0].id;
  });

  it('gives a second press a clear message and records nothing more', async () => {
    await as(testBot.conversation, people.megan, { channel: true })
      .send(execute('approval.reject', { requestId, round: 1 }))
      .assertReply((reply) => expect(json(invokeCard(reply))).toContain('Du har redan svarat som'))
      .startTest();
    expect(await requests.answers(requestId)).toHaveLength(1);
    expect((await requests.get(requestId))?.status).toBe('approved');
  });

  it('closes the account: decision in the channel first, then the checklist, confirmation and closed in the register', async () => {
    const alex = as(testBot.conversation, people.alex);
    await alex
      .send(submit({ verb: 'menu.openFlow', flow: 'close-account' }))
      .assertReply((reply) => expect(cardActions(reply)['Nästa']).toEqual({ verb: 'closeAccount.pick' }))
      .startTest();
    let submitData: Record<string, unknown> = {};
    await alex
      .send(submit({ verb: 'closeAccount.pick', accountId }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Avsluta Instagram – Kulturskolan Stockholm');
        expect(cardText(reply)).toContain('beslutas avslutet först');
        submitData = cardActions(reply)['Skicka för beslut'];
      })
      .startTest();
    await alex
      .send(submit({ ...submitData, closingReason: 'replaced', closingOn: daysAgo(0) }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Skickad för beslut'))
      .startTest();

    const closeCard = channelCards()[channelCards().length - 1].activity;
    expect(cardText(closeCard)).toContain('Begäran om att avsluta konto: Instagram – Kulturskolan Stockholm');
    const closeId = String(cardActions(closeCard)['Uppdatera'].requestId);
    await as(testBot.conversation, people.megan, { channel: true })
      .send(execute('approval.approve', { requestId: closeId, round: 1 }, 'close-card-1'))
      .assertReply((reply) => expect(json(invokeCard(reply))).toContain('Du godkände som'))
      .startTest();
    expect((await register.get(accountId))?.status).toBe('closing');
    const approved = messagesTo(people.alex)[messagesTo(people.alex).length - 1].activity;
    expect(cardText(approved)).toContain('Avslutet är godkänt');
    expect(cardActions(approved)['Öppna checklistan']).toEqual({ verb: 'closeAccount.checklist', accountId });

    await alex
      .send(submit({ verb: 'closeAccount.check', accountId, noticePosted: 'false', reasonGiven: 'true', referralGiven: 'false', archived: 'true' }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Informera på kontot om att det ska avslutas.');
        expect(cardText(reply)).toContain('Hänvisa om möjligt till andra kontaktvägar');
      })
      .startTest();
    let confirm: Record<string, unknown> = {};
    await alex
      .send(submit({ verb: 'closeAccount.check', accountId, noticePosted: 'true', noticePostedOn: daysAgo(20), reasonGiven: 'true', referralGiven: 'true', archived: 'true' }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Allt som ska göras före avslutet är gjort.');
        confirm = cardActions(reply)['Jag har stängt kontot'];
      })
      .startTest();
    expect(confirm).toEqual({ verb: 'closeAccount.confirmClosed', accountId });
    await alex
      .send(submit(confirm))
      .assertReply((reply) => expect(cardText(reply)).toContain('Kontot är avslutat'))
      .startTest();
    const closed = await register.get(accountId);
    expect(closed).toMatchObject({ status: 'closed', closedOn: daysAgo(0) });
  });

  it('does not let someone else confirm the closure of an account', async () => {
    await as(testBot.conversation, people.adele)
      .send(submit({ verb: 'closeAccount.confirmClosed', accountId }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Jag hittar inte kontot'))
      .startTest();
  });
});
