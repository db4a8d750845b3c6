import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../../../tests/helpers/test-bot';
import { testDatabases } from '../../../tests/helpers/databases';
import { AccountRegister } from '../../accounts';
import { ReminderJobs } from '../../reminders';
import { AccountRequests, ApproverDirectory, type NewRequest } from '../../requests';
import { completeAnswer } from './complete';
import { as, execute, invokeCard, json, people, UNIT } from './testing';

const DIRECTOR = 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)';

function openRequest(accountName: string, audiences = ['elever']): NewRequest {
  return {
    kind: 'open',
    pack: 'stockholm',
    unit: UNIT,
    requester: people.alex,
    requiredRoles: [DIRECTOR],
    facts: { accountName },
    details: {
      platform: 'Instagram',
      accountName,
      url: null,
      accountType: 'official',
      purpose: 'Visa elevernas konserter',
      goals: ['500 följare'],
      audiences,
      owner: { aadObjectId: people.alex.aadObjectId, name: people.alex.name },
      standIn: { aadObjectId: people.lee.aadObjectId, name: people.lee.name },
      credentialsLocation: 'Lösenordshanteraren',
      endDate: null,
      openedOn: null,
    },
  };
}

/** Approval → register write → messages commit together or not at all (issue 11, item 2). */
describe.each(testDatabases())('an approval is one unit of work on $name', ({ open }) => {
  let testBot: TestBot;
  let requests: AccountRequests;
  let register: AccountRegister;
  let jobs: ReminderJobs;

  const accountsOf = async (requestId: string) =>
    (await sql<{ id: string }>`select id from accounts where request_id = ${requestId}`.execute(testBot.bot.services.database.db)).rows;
  const messagesOf = async (requestId: string) => (await jobs.list()).filter((j) => j.payload.requestId === requestId);

  beforeAll(async () => {
    testBot = await createTestBot({ ORG_UNITS: UNIT }, await open());
    const db = testBot.bot.services.database.db;
    requests = new AccountRequests(db);
    register = new AccountRegister(db);
    jobs = new ReminderJobs(db);
    await new ApproverDirectory(db).add('stockholm', UNIT, { ...people.megan, role: DIRECTOR }, 'test');
  });
  afterAll(() => testBot.close());

  it('keeps nothing when the process fails after the register write, and completes everything when pressed again', async () => {
    const request = await requests.create(openRequest('Kulturskolan'), people.alex.aadObjectId);
    const press = { requestId: request.id, round: 1, approver: people.megan, answer: 'approved' as const };
    const crash = requests.answer(press, async (trx, recorded) => {
      await completeAnswer(testBot.bot.services, trx, recorded, people.megan.aadObjectId);
      throw new Error('injected crash between the register write and the commit');
    });
    await expect(crash).rejects.toThrow('injected crash');
    expect((await requests.get(request.id))?.status).toBe('pending');
    expect(await requests.answers(request.id)).toEqual([]);
    expect(await accountsOf(request.id)).toEqual([]);
    expect(await messagesOf(request.id)).toEqual([]);

    const result = await requests.answer(press, async (trx, recorded) => void (await completeAnswer(testBot.bot.services, trx, recorded, people.megan.aadObjectId)));
    expect(result.kind).toBe('recorded');
    const [account] = await accountsOf(request.id);
    expect((await requests.get(request.id))?.accountId).toBe(account.id);
    expect((await register.get(account.id))?.accountName).toBe('Kulturskolan');
    expect((await messagesOf(request.id)).map((j) => j.target)).toEqual([{ type: 'user', aadObjectId: people.alex.aadObjectId }]);
  });

  it('refuses the approval of a value the register cannot hold and leaves the request pending, with no account', async () => {
    const request = await requests.create(openRequest('Fritidsgården', ['x'.repeat(201)]), people.alex.aadObjectId);
    let reply = '';
    await as(testBot.conversation, people.megan, { channel: true })
      .send(execute('approval.approve', { requestId: request.id, round: 1 }))
      .assertReply((activity) => void (reply = json(invokeCard(activity))))
      .startTest();
    expect(reply).toContain('uppgifterna går inte att spara i kontoregistret');
    expect(reply).toContain('Inget har registrerats.');
    expect((await requests.get(request.id))?.status).toBe('pending');
    expect(await requests.answers(request.id)).toEqual([]);
    expect(await accountsOf(request.id)).toEqual([]);
    expect(testBot.notifications.filter((n) => n.to.user === people.alex.aadObjectId)).toEqual([]);
  });

  it('sends the messages after the commit through the outbox, once', async () => {
    const request = await requests.create(openRequest('Simhallen'), people.alex.aadObjectId);
    await as(testBot.conversation, people.megan, { channel: true })
      .send(execute('approval.approve', { requestId: request.id, round: 1 }))
      .assertReply((activity) => expect(json(invokeCard(activity))).toContain('Begäran är godkänd.'))
      .startTest();
    const told = testBot.notifications.filter((n) => n.to.user === people.alex.aadObjectId);
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0].activity)).toContain('Ditt nya konto är godkänt');
    expect((await messagesOf(request.id)).map((j) => j.status)).toEqual(['sent']);
  });
});
