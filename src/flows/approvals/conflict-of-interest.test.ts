import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { AccountRequests, ApproverDirectory } from '../../requests';
import { as, execute, invokeCard, json, nykopingForm, people, stockholmForm, UNIT, type Who } from './testing';

const DIRECTOR = 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)';
const CHIEF = 'Verksamhetschef';
const COMMUNICATOR = 'Kommunikatör';
const NYK = 'tenant-nyk';

/** Jäv (förvaltningslagen 16 §): a requester, owner or stand-in never decides the request, in either pack. */
describe('approvals refuse anyone the request concerns', () => {
  let testBot: TestBot;
  let requests: AccountRequests;
  let directory: ApproverDirectory;

  async function sendRequest(who: Who, form: Record<string, string>, tenantId?: string): Promise<string> {
    const chat = as(testBot.conversation, who, { tenantId });
    let submitData: Record<string, unknown> = {};
    await chat
      .send(submit({ verb: 'account.preview', mode: 'new', ...form }))
      .assertReply((reply) => void (submitData = cardActions(reply)['Skicka för beslut']))
      .startTest();
    await chat.send(submit(submitData)).assertReply((reply) => expect(cardText(reply)).toContain('Skickad för beslut')).startTest();
    return String(submitData.submissionId);
  }

  async function press(who: Who, verb: string, requestId: string, tenantId?: string): Promise<string> {
    let text = '';
    await as(testBot.conversation, who, { channel: true, tenantId })
      .send(execute(verb, { requestId, round: 1 }))
      .assertReply((reply) => void (text = json(invokeCard(reply))))
      .startTest();
    return text;
  }

  const toAdmin = () => testBot.notifications.filter((n) => n.to.user === people.admin.aadObjectId);

  beforeAll(async () => {
    testBot = await createTestBot({ ADMIN_USERS: people.admin.aadObjectId, ORG_UNITS: `${UNIT},Utbildningsförvaltningen`, PACK_MAPPING: `${NYK}=nykoping` });
    requests = new AccountRequests(testBot.bot.services.database.db);
    directory = new ApproverDirectory(testBot.bot.services.database.db);
    await directory.add('stockholm', UNIT, { ...people.megan, role: DIRECTOR }, 'test');
    await directory.add('stockholm', 'Utbildningsförvaltningen', { ...people.lee, role: DIRECTOR }, 'test');
    await directory.add('nykoping', UNIT, { ...people.megan, role: CHIEF }, 'test');
    await directory.add('nykoping', UNIT, { ...people.adele, role: COMMUNICATOR }, 'test');
    await directory.add('nykoping', UNIT, { ...people.lee, role: COMMUNICATOR }, 'test');
  });
  afterAll(() => testBot.close());

  it('Stockholm: refuses the only approver\'s own request, says why and tells the admins once', async () => {
    const requestId = await sendRequest(people.megan, stockholmForm(people.megan.aadObjectId, people.lee.aadObjectId));
    for (const verb of ['approval.approve', 'approval.reject']) {
      const text = await press(people.megan, verb, requestId);
      expect(text).toContain('Du kan inte besluta om den här begäran eftersom du själv har begärt den.');
      expect(text).toContain('förvaltningslagen (16 § om jäv)');
      expect(text).toContain(`Det finns ingen annan godkännare för ${DIRECTOR} i ${UNIT}. Jag har bett administratörerna och kommunikationsenheten att utse någon.`);
      expect(text).toContain('Inget har registrerats.');
    }
    expect(await requests.answers(requestId)).toEqual([]);
    expect((await requests.get(requestId))?.status).toBe('pending');
    expect(toAdmin()).toHaveLength(1);
    const told = cardText(toAdmin()[0].activity);
    expect(told).toContain('Megan Bowen har själv begärt det och får därför inte besluta om en ansökan om nytt konto');
    expect(told).toContain('förvaltningslagen 16 §');
  });

  it('Stockholm: names the approver who can decide once there is one, who then approves', async () => {
    await directory.add('stockholm', UNIT, { ...people.adele, role: DIRECTOR }, 'admin');
    const requestId = await sendRequest(people.megan, { ...stockholmForm(people.megan.aadObjectId, people.lee.aadObjectId), accountName: 'Stadsarkivet' });
    expect(await press(people.megan, 'approval.approve', requestId)).toContain(`Adele Vance kan besluta som ${DIRECTOR}.`);
    expect(await press(people.adele, 'approval.approve', requestId)).toContain('Begäran är godkänd.');
  });

  it('Nyköping: refuses the stand-in of the account, names the other kommunikatör, and both roles still decide', async () => {
    const requestId = await sendRequest(people.alex, nykopingForm(people.alex.aadObjectId, people.adele.aadObjectId), NYK);
    const refused = await press(people.adele, 'approval.approve', requestId, NYK);
    expect(refused).toContain('eftersom du är ersättare för kontot');
    expect(refused).toContain(`Lee Gu kan besluta som ${COMMUNICATOR}.`);
    expect(await press(people.lee, 'approval.approve', requestId, NYK)).toContain(`Du godkände som ${COMMUNICATOR}. Nu väntar vi på övriga roller.`);
    expect(await press(people.megan, 'approval.approve', requestId, NYK)).toContain(`Du godkände som ${CHIEF}. Begäran är godkänd.`);
  });
});
