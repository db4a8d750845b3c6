import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockConnector } from '../../bench/mock-connector';
import { localBotAdapter } from '../../tests/helpers/bot-adapter';
import type { ConversationReferenceData } from '../db/conversation-references';
import { IDEMPOTENCY_KEY_FIELD, TransportError, withIdempotencyKey } from '../reminders/transport';
import { createBotFrameworkTransport } from './proactive-transport';

describe("the Bot Framework proactive transport on the bot's adapter against a mock connector", () => {
  const connector = new MockConnector();
  const adapter = localBotAdapter();
  const transport = createBotFrameworkTransport({ adapter, botAppId: '' });

  function reference(conversationId: string): ConversationReferenceData {
    return {
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
      serviceUrl: connector.url,
      channelId: 'msteams',
      bot: { id: '28:bot' },
      user: { id: '29:user', aadObjectId: 'aad-user' },
    };
  }

  async function failure(conversationId: string): Promise<TransportError> {
    try {
      await transport.send(reference(conversationId), { type: 'message', text: 'Påminnelse' });
    } catch (error) {
      return error as TransportError;
    }
    throw new Error('expected the send to fail');
  }

  beforeAll(() => connector.start());
  afterAll(() => connector.stop());

  it('posts the activity with its idempotency key into the stored conversation', async () => {
    await transport.send(reference('a:conv-ok'), withIdempotencyKey({ type: 'message', text: 'Dags att rapportera' }, 'reporting:x:1'));
    const delivery = connector.deliveries.find((d) => d.conversationId === 'a:conv-ok');
    expect(delivery?.key).toBe('reporting:x:1');
    expect(delivery?.activity.text).toBe('Dags att rapportera');
    expect((delivery?.activity.channelData as Record<string, unknown>)[IDEMPOTENCY_KEY_FIELD]).toBe('reporting:x:1');
    expect((delivery?.activity.conversation as { tenantId?: string }).tenantId).toBe('tenant-1');
  });

  it('lets the rate limiter hold each request until right before it leaves, once per request', async () => {
    const order: string[] = [];
    const stop = connector.onDelivery((d) => d.conversationId === 'a:conv-gate' && order.push('arrived'));
    await transport.send(reference('a:conv-gate'), { type: 'message', text: 'x' }, {
      beforeRequest: async () => {
        order.push('gate');
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push('released');
      },
    });
    stop();
    expect(order).toEqual(['gate', 'released', 'arrived']);
    expect(transport.callsBeforeRequest).toBe(true);
  });

  it('reports 429 with the Retry-After of the answer', async () => {
    connector.script('a:conv-429', [429]);
    const error = await failure('a:conv-429');
    expect(error).toBeInstanceOf(TransportError);
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(1000);
  });

  it('reports a 502 after exactly one request, leaving retries to the reminder sender', async () => {
    connector.script('a:conv-502', [502]);
    const before = connector.stats.requests;
    const error = await failure('a:conv-502');
    expect(error.status).toBe(502);
    expect(connector.stats.requests - before).toBe(1);
  });

  it('reports 403 and 404 when the bot was removed or the conversation is gone', async () => {
    connector.markGone('a:conv-403', 403);
    connector.markGone('a:conv-404', 404);
    expect((await failure('a:conv-403')).status).toBe(403);
    expect((await failure('a:conv-404')).status).toBe(404);
  });

  it('reports status 0 when nothing answers', async () => {
    const closed = createBotFrameworkTransport({ adapter, botAppId: '' });
    const error = await closed
      .send({ ...reference('a:conv-x'), serviceUrl: 'http://127.0.0.1:1/' }, { type: 'message', text: 'x' })
      .then(() => undefined, (e: unknown) => e as TransportError);
    expect(error).toBeInstanceOf(TransportError);
    expect(error?.status).toBe(0);
  });
});
