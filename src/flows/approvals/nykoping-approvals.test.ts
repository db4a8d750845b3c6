import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { AccountRegister } from '../../accounts';
import { AccountRequests, ApproverDirectory } from '../../requests';
import { as, execute, invokeCard, json, nykopingForm, people, UNIT } from './testing';

const TENANT = 'tenant-nyk';
const CHIEF = 'Verksamhetschef';
const COMMUNICATOR = 'Kommunikatör';

describe('approvals in Nyköping, where verksamhetschef and kommunikatör decide together', () => {
  let testBot: TestBot;
  let requests: AccountRequests;
  let register: AccountRegister;

  const channelCards = () => testBot.notifications.filter((n) => n.to.conversation !== undefined);
  const lastTo = (who: { aadObjectId: string }) => {
    const list = testBot.notifications.filter((n) => n.to.user === who.aadObjectId);
    return list[list.length - 1]?.activity as Partial<Activity>;
  };

  async function sendRequest(accountName: string): Promise<string> {
    const alex = as(testBot.conversation, people.alex, { tenantId: TENANT });
    let submitData: Record<string, unknown> = {};
    await alex
      .send(submit({ verb: 'account.preview', mode: 'new', ...nykopingForm(people.alex.aadObjectId, people.lee.aadObjectId), accountName }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain(`Beslutas av: ${CHIEF} och ${COMMUNICATOR}.`);
        submitData = cardActions(reply)['Skicka för beslut'];
      })
      .startTest();
    await alex.send(submit(submitData)).assertReply((reply) => expect(cardText(reply)).toContain('Skickad för beslut')).startTest();
    const card = channelCards()[channelCards().length - 1].activity;
    return String(cardActions(card)['Uppdatera'].requestId);
  }

  beforeAll(async () => {
    testBot = await createTestBot({ ADMIN_USERS: people.admin.aadObjectId, ORG_UNITS: UNIT, PACK_MAPPING: `${TENANT}=nykoping` });
    const db = testBot.bot.services.database.db;
    requests = new AccountRequests(db);
    register = new AccountRegister(db);
    const directory = new ApproverDirectory(db);
    await directory.add('nykoping', UNIT, { ...people.megan, role: CHIEF, teamsUserId: people.megan.userId }, 'test');
    await directory.add('nykoping', UNIT, { ...people.adele, role: COMMUNICATOR, teamsUserId: people.adele.userId }, 'test');
    // The stand-in: known to the forms as an approver of another unit, and not deciding this one (jäv).
    await directory.add('nykoping', 'Utbildningsförvaltningen', { ...people.lee, role: CHIEF }, 'test');
    await as(testBot.conversation, people.admin, { channel: true, tenantId: TENANT })
      .send(`godkännandekanal ${UNIT}`)
      .assertReply((reply) => expect(cardText(reply)).toContain('Godkännandekanal sparad'))
      .startTest();
  });
  afterAll(() => testBot.close());

  it('asks for the start-up meeting and trained editors that the routine requires', async () => {
    await as(testBot.conversation, people.alex, { tenantId: TENANT })
      .send(submit({ verb: 'account.preview', mode: 'new', ...nykopingForm(people.alex.aadObjectId, ''), startupMeetingHeld: 'false', editorsTrained: 'false' }))
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Kommunikatören bokar ett uppstartsmöte med social medieansvarig');
        expect(text).toContain('Redaktörerna ska gå utbildningen');
        expect(text).toContain('Konto i din egen roll som tjänsteperson');
      })
      .startTest();
  });

  it('shows each role and approves only when both have approved', async () => {
    const requestId = await sendRequest('Nyköpings bibliotek');
    const card = channelCards()[channelCards().length - 1].activity;
    expect(json(card)).toContain('"userIds":["29:adele","29:megan"]');

    await as(testBot.conversation, people.megan, { channel: true, tenantId: TENANT })
      .send(execute('approval.approve', { requestId, round: 1 }))
      .assertReply((reply) => {
        const text = json(invokeCard(reply));
        expect(text).toContain(`Du godkände som ${CHIEF}. Nu väntar vi på övriga roller.`);
        expect(text).toContain(`${COMMUNICATOR}: Väntar`);
      })
      .startTest();
    expect((await requests.get(requestId))?.status).toBe('pending');
    expect(cardText(lastTo(people.alex))).toContain(`Nu väntar vi på ${COMMUNICATOR}`);

    await as(testBot.conversation, people.adele, { channel: true, tenantId: TENANT })
      .send(execute('approval.approve', { requestId, round: 1 }))
      .assertReply((reply) => expect(json(invokeCard(reply))).toContain(`Du godkände som ${COMMUNICATOR}. Begäran är godkänd.`))
      .startTest();
    expect((await requests.get(requestId))?.status).toBe('approved');
    expect(cardText(lastTo(people.alex))).toContain('Ditt nya konto är godkänt');
    expect((await register.forPerson(people.alex.aadObjectId)).map((a) => a.accountName)).toContain('Nyköpings bibliotek');
  });

  it('ends the request with one rejection', async () => {
    const requestId = await sendRequest('Fritidsgården');
    await as(testBot.conversation, people.adele, { channel: true, tenantId: TENANT })
      .send(execute('approval.reject', { requestId, round: 1, comment: 'Vi har redan ett konto för fritidsgårdarna' }))
      .assertReply((reply) => expect(json(invokeCard(reply))).toContain('Du avslog begäran'))
      .startTest();
    await as(testBot.conversation, people.megan, { channel: true, tenantId: TENANT })
      .send(execute('approval.approve', { requestId, round: 1 }))
      .assertReply((reply) => expect(json(invokeCard(reply))).toContain('Begäran är redan avgjord (avslagen)'))
      .startTest();
    const told = cardText(lastTo(people.alex));
    expect(told).toContain('Din begäran avslogs');
    expect(told).toContain('Vi har redan ett konto för fritidsgårdarna');
  });

  it('sends a request back; the requester edits and sends it again as a new round', async () => {
    const requestId = await sendRequest('Kulturhuset');
    await as(testBot.conversation, people.megan, { channel: true, tenantId: TENANT })
      .send(execute('approval.return', { requestId, round: 1, comment: 'Lägg till fler mål' }))
      .assertReply((reply) => expect(json(invokeCard(reply))).toContain('Du skickade tillbaka begäran'))
      .startTest();
    const told = lastTo(people.alex);
    expect(cardText(told)).toContain('Din begäran behöver kompletteras');
    expect(cardText(told)).toContain('Lägg till fler mål');

    const alex = as(testBot.conversation, people.alex, { tenantId: TENANT });
    await alex
      .send(submit(cardActions(told)['Ändra och skicka igen']))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Komplettera ansökan');
        expect(cardText(reply)).toContain('Lägg till fler mål');
        expect(cardText(reply)).toContain('Kulturhuset');
      })
      .startTest();
    let submitData: Record<string, unknown> = {};
    await alex
      .send(submit({ verb: 'account.preview', mode: 'new', ...nykopingForm(people.alex.aadObjectId, people.lee.aadObjectId), accountName: 'Kulturhuset', goals: 'Mål 1\nMål 2\nMål 3' }))
      .assertReply((reply) => {
        submitData = cardActions(reply)['Skicka igen för beslut'];
        expect(submitData).toBeDefined();
      })
      .startTest();
    await alex.send(submit(submitData)).assertReply((reply) => expect(cardText(reply)).toContain('Skickad igen för beslut')).startTest();
    const stored = await requests.get(requestId);
    expect(stored).toMatchObject({ status: 'pending', round: 2 });
    expect((stored?.details as { goals: string[] }).goals).toEqual(['Mål 1', 'Mål 2', 'Mål 3']);

    await as(testBot.conversation, people.adele, { channel: true, tenantId: TENANT })
      .send(execute('approval.approve', { requestId, round: 1 }, 'old-card'))
      .assertReply((reply) => expect(json(invokeCard(reply))).toContain('äldre version av begäran'))
      .startTest();
  });

  it('records exactly one outcome when two approvers of the same role press at the same moment', async () => {
    await new ApproverDirectory(testBot.bot.services.database.db).add('nykoping', UNIT, { ...people.admin, role: CHIEF }, 'test');
    const requestId = await sendRequest('Simhallen');
    const replies: Partial<Activity>[] = [];
    await Promise.all([
      as(testBot.conversation, people.megan, { channel: true, tenantId: TENANT })
        .send(execute('approval.approve', { requestId, round: 1 }))
        .assertReply((reply) => void replies.push(reply))
        .startTest(),
      as(testBot.conversation, people.admin, { channel: true, tenantId: TENANT })
        .send(execute('approval.reject', { requestId, round: 1 }))
        .assertReply((reply) => void replies.push(reply))
        .startTest(),
    ]);
    const answers = await requests.answers(requestId);
    expect(answers).toHaveLength(1);
    const texts = replies.map((r) => json(invokeCard(r)));
    expect(texts.filter((t) => t.includes('hann svara som') || t.includes('redan avgjord'))).toHaveLength(1);
  });
});
