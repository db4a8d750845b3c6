import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, startHttpBot, type HttpBot } from '../helpers/http-bot';
import { RecordingConnector } from '../helpers/recording-connector';
import { TURN_ERROR_TEXT } from '../../src/adapter';
import { UNREADABLE_INPUT_TEXT } from '../../src/bot/turn-input';
import { isLoopbackPeer } from '../../src/server';

describe('the HTTP server in anonymous local mode', () => {
  let http: HttpBot;
  const connector = new RecordingConnector();

  beforeAll(async () => {
    await connector.start();
    http = await startHttpBot();
  });
  afterAll(async () => {
    await http.close();
    await connector.stop();
  });

  it('shows only the status to a caller that is not on this machine', async () => {
    const res = await fetch(`${http.url}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(['10.0.0.5', '::ffff:10.0.0.5', '2001:db8::1', undefined].map(isLoopbackPeer)).toEqual([false, false, false, false]);
    expect(['127.0.0.1', '::ffff:127.0.0.1', '::1'].map(isLoopbackPeer)).toEqual([true, true, true]);
  });

  it('answers unexpected shapes and unreadable characters with the Swedish validation message, not the error message', async () => {
    const cases: Record<string, unknown>[] = [
      { value: null },
      { entities: 'mention' },
      { entities: [{ text: 'no type' }] },
      { text: 'hej\u0000då' },
      { text: 'hej\ud800' },
      { text: undefined, value: { verb: 'menu.openFlow', flow: 'publish-image', comment: 'x\udc00' } },
      { from: { id: 'user-odd', aadObjectId: 'aad-odd', name: 42 } },
    ];
    for (const [i, overrides] of cases.entries()) {
      const conversation = { id: `conv-odd-${i}`, conversationType: 'personal', tenantId: 'tenant-1' };
      const res = await http.post(messageActivity(connector.url, { conversation, ...overrides }));
      expect(res.status).toBe(200);
      const replies = connector.replies.filter((r) => r.conversationId === conversation.id).map((r) => r.activity.text);
      expect(replies).toEqual([UNREADABLE_INPUT_TEXT]);
    }
    const invoke = await http.post(
      messageActivity(connector.url, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x', data: { note: '\u0000' } } } }),
    );
    expect(JSON.stringify(await invoke.json())).toContain('Jag kunde inte läsa det du skickade');
    expect(connector.replies.filter((r) => r.activity.text === TURN_ERROR_TEXT)).toEqual([]);
  });

  it('reports health with version, database and packs', async () => {
    const res = await fetch(`${http.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', version: expect.any(String), database: { kind: 'pglite', ok: true } });
    expect(body.packs.map((p: { id: string }) => p.id).sort()).toEqual(['nykoping', 'stockholm']);
    expect(body.packs[0].version).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a message through the connector', async () => {
    const res = await http.post(messageActivity(connector.url));
    expect(res.status).toBe(200);
    const reply = connector.replies.find((r) => r.conversationId === 'conv-http-1');
    expect(JSON.stringify(reply?.activity)).toContain('Vad vill du göra?');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await http.post('{"type": "message", ');
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('refuses an activity without from or conversation with 400', async () => {
    const { from: _from, ...noFrom } = messageActivity(connector.url);
    const { conversation: _conversation, ...noConversation } = messageActivity(connector.url);
    expect((await http.post(noFrom)).status).toBe(400);
    expect((await http.post(noConversation)).status).toBe(400);
  });

  it('refuses a body over the size limit with 413 and keeps serving', async () => {
    const res = await http.post(messageActivity(connector.url, { text: 'x'.repeat(1024 * 1024) }));
    expect(res.status).toBe(413);
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
  });

  it('answers an unknown invoke with a 4xx, not a crash', async () => {
    const res = await http.post(messageActivity(connector.url, { type: 'invoke', name: 'something/unknown', value: {} }));
    expect(res.status).toBe(400);
  });

  it('answers an Action.Execute with an unknown verb with a Swedish message', async () => {
    const res = await http.post(
      messageActivity(connector.url, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'nope', data: {} } } }),
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('Jag känner inte igen den knappen');
  });
});

describe('the HTTP server with Bot Framework authentication', () => {
  let http: HttpBot;
  beforeAll(async () => {
    http = await startHttpBot({ BOT_ID: '00000000-0000-0000-0000-000000000001', BOT_PASSWORD: 'test-secret' });
  });
  afterAll(() => http.close());

  it('refuses a request without a token with 401', async () => {
    const res = await http.post(messageActivity('http://127.0.0.1:9/'));
    expect(res.status).toBe(401);
  });

  it('refuses a request with a forged token with 401', async () => {
    const forged = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDEifQ.c2ln';
    const res = await http.post(messageActivity('http://127.0.0.1:9/'), { authorization: `Bearer ${forged}` });
    expect(res.status).toBe(401);
  });
});

describe('health when the database is gone', () => {
  // Started in a hook: under load start-up alone can outlast a test's time limit.
  let http: HttpBot;
  beforeAll(async () => {
    http = await startHttpBot();
  });

  it('answers 503', async () => {
    try {
      await http.bot.services.database.close();
      const res = await fetch(`${http.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'degraded', database: { ok: false } });
    } finally {
      http.bot.server.close();
    }
  });
});
