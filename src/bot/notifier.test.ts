import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockConnector } from '../../bench/mock-connector';
import { localBotAdapter } from '../../tests/helpers/bot-adapter';
import type { StoredConversationReference } from '../db/conversation-references';
import { createLogger } from '../log/logger';
import { AdapterNotifier, type NotifierReferences } from './notifier';
import { createBotFrameworkTransport } from './proactive-transport';
import { cardActivity } from './send';

describe("the notifier on the bot's adapter against a mock connector", () => {
  const connector = new MockConnector();
  const stored = new Map<string, StoredConversationReference>();
  const markedDead: { id: number; reason: string }[] = [];
  const references: NotifierReferences = {
    personalFor: async (aadObjectId) => [...stored.values()].find((r) => r.userAadObjectId === aadObjectId && !r.deadAt),
    byConversationId: async (conversationId) => stored.get(conversationId),
    markDead: async (id, reason) => {
      markedDead.push({ id, reason });
    },
  };
  // Without the connector client's own retries, so each scripted answer is the one the notifier sees.
  const notifier = new AdapterNotifier({
    transport: createBotFrameworkTransport({ adapter: localBotAdapter(), botAppId: '' }),
    references,
    logger: createLogger('silent'),
  });
  const card = cardActivity({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Begäran är godkänd' }] });

  function person(aad: string, serviceUrl = connector.url): string {
    const conversationId = `a:${aad}`;
    stored.set(conversationId, {
      id: stored.size + 1,
      conversationId,
      conversationType: 'personal',
      tenantId: 'tenant-1',
      userAadObjectId: aad,
      teamId: null,
      channelId: null,
      serviceUrl,
      botId: '28:bot',
      deadAt: null,
      deadReason: null,
      updatedAt: new Date(),
      reference: {
        conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
        serviceUrl,
        channelId: 'msteams',
        bot: { id: '28:bot' },
        user: { id: `29:${aad}`, aadObjectId: aad },
      },
    });
    return conversationId;
  }

  beforeAll(() => connector.start());
  afterAll(() => connector.stop());

  it('reports a delivered card, and the card arrives', async () => {
    const conversationId = person('aad-delivered');
    expect(await notifier.sendToUser('aad-delivered', card)).toEqual({ status: 'delivered' });
    const delivery = connector.deliveries.find((d) => d.conversationId === conversationId);
    expect((delivery?.activity.attachments as { contentType: string }[])[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('reports a person without a chat with the bot, and sends nothing', async () => {
    const before = connector.stats.requests;
    expect(await notifier.sendToUser('aad-stranger', card)).toEqual({ status: 'no_conversation' });
    expect(connector.stats.requests).toBe(before);
  });

  it('reports 429 as retry with the Retry-After of the answer', async () => {
    connector.script(person('aad-throttled'), [429]);
    expect(await notifier.sendToUser('aad-throttled', card)).toEqual({ status: 'retry', httpStatus: 429, retryAfterMs: 1000 });
  });

  it('reports a 502 as retry', async () => {
    connector.script(person('aad-bad-gateway'), [502]);
    expect(await notifier.sendToUser('aad-bad-gateway', card)).toMatchObject({ status: 'retry', httpStatus: 502 });
  });

  it('reports a lost connection as retry with status 0', async () => {
    person('aad-offline', 'http://127.0.0.1:1/');
    expect(await notifier.sendToUser('aad-offline', card)).toMatchObject({ status: 'retry', httpStatus: 0 });
  });

  it('reports 403 and 404 as dead and marks the conversation dead, as the reminders do', async () => {
    const removed = person('aad-removed');
    const gone = person('aad-gone');
    connector.markGone(removed, 403);
    connector.markGone(gone, 404);
    expect(await notifier.sendToUser('aad-removed', card)).toEqual({ status: 'dead', httpStatus: 403 });
    expect(await notifier.sendToConversation(gone, card)).toEqual({ status: 'dead', httpStatus: 404 });
    expect(markedDead).toEqual([
      { id: stored.get(removed)!.id, reason: '403' },
      { id: stored.get(gone)!.id, reason: '404' },
    ]);
  });

  it('sends nothing to a conversation already marked dead', async () => {
    const conversationId = person('aad-dead-channel');
    stored.set(conversationId, { ...stored.get(conversationId)!, deadAt: new Date() });
    const before = connector.stats.requests;
    expect(await notifier.sendToConversation(`${conversationId};messageid=123`, card)).toEqual({ status: 'no_conversation' });
    expect(connector.stats.requests).toBe(before);
  });
});
