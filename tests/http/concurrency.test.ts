import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TURN_ERROR_TEXT } from '../../src/adapter';
import { buildBot, type Bot } from '../../src/bootstrap';
import { VERBS } from '../../src/cards/verbs';
import { loadConfig } from '../../src/config';
import { openDatabase, type Database } from '../../src/db';
import { createLogger } from '../../src/log/logger';
import { DatabaseStorage } from '../../src/bot/state-storage';
import { withSearchPath } from '../helpers/databases';
import { messageActivity, startHttpBot, type HttpBot } from '../helpers/http-bot';
import { RecordingConnector } from '../helpers/recording-connector';

/**
 * A slow database: every state read takes 100 ms more, so turns that run at the same time all read the same
 * version of the conversation's state, as they would under load. Without serialization all but one would fail.
 */
function slowStateReads(): void {
  const read = DatabaseStorage.prototype.read;
  vi.spyOn(DatabaseStorage.prototype, 'read').mockImplementation(async function (this: DatabaseStorage, keys: string[]) {
    const items = await read.call(this, keys);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return items;
  });
}

/**
 * Card submits (which change the conversation's state) and text, interleaved, after one submit that gives the
 * conversation a stored state (a conversation without one is written without a version check).
 */
function turns(serviceUrl: string, count: number, conversation: Record<string, unknown>, person: (i: number) => Record<string, unknown>) {
  return Array.from({ length: count + 1 }, (_, i) =>
    messageActivity(serviceUrl, {
      id: `turn-${randomUUID()}`,
      conversation,
      from: person(i),
      ...(i % 2 === 0 ? { text: undefined, value: { verb: VERBS.openFlow, flow: 'publish-image' } } : { text: 'meny' }),
    }),
  );
}

/** Every turn answered exactly once (typing indicators aside), and none with the error message. */
function expectEachAnsweredOnce(connector: RecordingConnector, sent: Record<string, unknown>[]) {
  const ids = new Set(sent.map((a) => a.id as string));
  const replies = connector.replies.filter((r) => r.activity.type === 'message' && ids.has(r.activity.replyToId as string));
  const perTurn = new Map<string, number>();
  for (const reply of replies) perTurn.set(reply.activity.replyToId as string, (perTurn.get(reply.activity.replyToId as string) ?? 0) + 1);
  expect(replies.filter((r) => JSON.stringify(r.activity).includes(TURN_ERROR_TEXT.slice(0, 20)))).toEqual([]);
  expect([...ids].map((id) => perTurn.get(id) ?? 0)).toEqual([...ids].map(() => 1));
}

describe('simultaneous turns in one instance', () => {
  let http: HttpBot;
  const connector = new RecordingConnector();
  beforeAll(async () => {
    slowStateReads();
    await connector.start();
    http = await startHttpBot();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await http.close();
    await connector.stop();
  });

  it('answers 10 simultaneous turns in one personal chat, each once', async () => {
    const conversation = { id: `conv-${randomUUID()}`, conversationType: 'personal', tenantId: 'tenant-1' };
    const sent = turns(connector.url, 10, conversation, () => ({ id: 'user-1', aadObjectId: 'aad-user-1' }));
    expect((await http.post(sent[0])).status).toBe(200);
    const statuses = await Promise.all(sent.slice(1).map((activity) => http.post(activity).then((res) => res.status)));
    expect(statuses).toEqual(sent.slice(1).map(() => 200));
    expectEachAnsweredOnce(connector, sent);
  });

  it('answers 10 people writing at once in one channel, each once', async () => {
    const conversation = { id: `19:${randomUUID()}@thread.tacv2;messageid=1`, conversationType: 'channel', tenantId: 'tenant-1' };
    const sent = turns(connector.url, 10, conversation, (i) => ({ id: `user-${i}`, aadObjectId: `aad-person-${i}` }));
    expect((await http.post(sent[0])).status).toBe(200);
    const statuses = await Promise.all(sent.slice(1).map((activity) => http.post(activity).then((res) => res.status)));
    expect(statuses).toEqual(sent.slice(1).map(() => 200));
    expectEachAnsweredOnce(connector, sent);
  });
});

const postgresUrl = process.env.TEST_DATABASE_URL;

describe.runIf(postgresUrl)('simultaneous turns in two instances on one PostgreSQL database', () => {
  const connector = new RecordingConnector();
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const instances: { bot: Bot; url: string; database: Database }[] = [];

  beforeAll(async () => {
    slowStateReads();
    await connector.start();
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false' });
    for (let i = 0; i < 2; i++) {
      const database = await openDatabase({ databaseUrl: withSearchPath(postgresUrl!, schema), dataDir: '' });
      const bot = await buildBot(config, { logger: createLogger('silent'), database });
      await new Promise<void>((resolve) => bot.server.listen(0, '127.0.0.1', resolve));
      instances.push({ bot, database, url: `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}` });
    }
  });
  afterAll(async () => {
    for (const instance of instances) {
      await instance.bot.close();
      await instance.database.close();
    }
    vi.restoreAllMocks();
    await connector.stop();
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  it('answers 10 simultaneous turns of one chat spread over both instances, each once', async () => {
    const conversation = { id: `conv-${randomUUID()}`, conversationType: 'personal', tenantId: 'tenant-1' };
    const sent = turns(connector.url, 10, conversation, () => ({ id: 'user-1', aadObjectId: 'aad-user-1' }));
    // Submits and text alternate, so pairs alternate between the instances: each gets both kinds.
    const post = (activity: Record<string, unknown>, i: number) =>
      fetch(`${instances[Math.floor(i / 2) % 2].url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }).then(
        (res) => res.status,
      );
    expect(await post(sent[0], 0)).toBe(200);
    const statuses = await Promise.all(sent.slice(1).map((activity, i) => post(activity, i)));
    expect(statuses).toEqual(sent.slice(1).map(() => 200));
    expectEachAnsweredOnce(connector, sent);
  });
});
