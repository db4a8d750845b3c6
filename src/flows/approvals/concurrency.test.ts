import type { Activity } from 'botbuilder';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresSchema, testDatabases, withSearchPath } from '../../../tests/helpers/databases';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { AccountRegister } from '../../accounts';
import { openDatabase, type Database } from '../../db';
import { AccountRequests, ApprovalChannels, ApproverDirectory } from '../../requests';
import { as, CHANNEL, execute, invokeCard, json, people, stockholmForm, TEAM, UNIT } from './testing';

const DIRECTOR = 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)';

/** Two bot instances on one database, as behind a load balancer (on PGlite: one process, one database). */
async function twoInstances(name: string): Promise<{ a: Database; b: Database; close: () => Promise<void> }> {
  if (name === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { a: db, b: db, close: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const a = await openPostgresSchema(url);
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(a.db)).rows[0].schema;
  const b = await openDatabase({ databaseUrl: withSearchPath(url, schema), dataDir: '' });
  return { a, b, close: async () => { await b.close(); await a.close(); } };
}

describe.each(testDatabases())('presses on the same approval card at the same moment, through two bot instances on $name', ({ name }) => {
  let one: TestBot;
  let two: TestBot;
  let close: () => Promise<void>;
  let requests: AccountRequests;

  beforeAll(async () => {
    const dbs = await twoInstances(name);
    close = dbs.close;
    one = await createTestBot({ ORG_UNITS: UNIT }, dbs.a);
    two = await createTestBot({ ORG_UNITS: UNIT }, dbs.b);
    const directory = new ApproverDirectory(dbs.a.db);
    await directory.add('stockholm', UNIT, { ...people.megan, role: DIRECTOR }, 'test');
    await directory.add('stockholm', UNIT, { ...people.adele, role: DIRECTOR }, 'test');
    // The stand-in: known to the forms as an approver of another unit, and not deciding this one (jäv).
    await directory.add('stockholm', 'Utbildningsförvaltningen', { ...people.lee, role: DIRECTOR }, 'test');
    await new ApprovalChannels(dbs.a.db).set('stockholm', UNIT, CHANNEL, TEAM, 'test');
    requests = new AccountRequests(dbs.a.db);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await close?.();
  });

  async function newRequest(accountName: string): Promise<string> {
    const alex = as(one.conversation, people.alex);
    let submitData: Record<string, unknown> = {};
    await alex
      .send(submit({ verb: 'account.preview', mode: 'new', ...stockholmForm(people.alex.aadObjectId, people.lee.aadObjectId), accountName }))
      .assertReply((reply) => void (submitData = cardActions(reply)['Skicka för beslut']))
      .startTest();
    await alex.send(submit(submitData)).assertReply((reply) => expect(cardText(reply)).toContain('Skickad för beslut')).startTest();
    const card = one.notifications.filter((n) => n.to.conversation === CHANNEL).pop()!.activity;
    return String(cardActions(card)['Uppdatera'].requestId);
  }

  function press(bot: TestBot, who: typeof people.megan, verb: string, requestId: string, replies: Partial<Activity>[]) {
    return as(bot.conversation, who, { channel: true })
      .send(execute(verb, { requestId, round: 1 }))
      .assertReply((reply) => void replies.push(reply))
      .startTest();
  }

  it('records one answer for a double click on two instances and tells the second press so', async () => {
    const requestId = await newRequest('Dubbelklick');
    const replies: Partial<Activity>[] = [];
    await Promise.all([press(one, people.megan, 'approval.approve', requestId, replies), press(two, people.megan, 'approval.approve', requestId, replies)]);
    expect(await requests.answers(requestId)).toHaveLength(1);
    const texts = replies.map((r) => json(invokeCard(r)));
    expect(texts.filter((t) => t.includes('Du godkände som'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Du har redan svarat som'))).toHaveLength(1);
    const accounts = await new AccountRegister(one.bot.services.database.db).search({ text: 'Dubbelklick' });
    expect(accounts).toHaveLength(1);
  });

  it('keeps exactly one outcome when two approvers of the same role answer differently at once', async () => {
    const requestId = await newRequest('Samtidigt');
    const replies: Partial<Activity>[] = [];
    await Promise.all([press(one, people.megan, 'approval.approve', requestId, replies), press(two, people.adele, 'approval.reject', requestId, replies)]);
    const answers = await requests.answers(requestId);
    expect(answers).toHaveLength(1);
    const stored = await requests.get(requestId);
    expect(stored?.status).toBe(answers[0].answer);
    const accounts = await new AccountRegister(one.bot.services.database.db).search({ text: 'Samtidigt' });
    expect(accounts).toHaveLength(stored?.status === 'approved' ? 1 : 0);
    const texts = replies.map((r) => json(invokeCard(r)));
    expect(texts.filter((t) => t.includes('redan avgjord'))).toHaveLength(1);
  });
});
