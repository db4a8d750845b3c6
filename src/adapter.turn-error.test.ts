import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockConnector } from '../bench/mock-connector';
import { localBotAdapter } from '../tests/helpers/bot-adapter';
import { TURN_ERROR_TEXT } from './adapter';

describe("the bot's adapter when a turn fails", () => {
  const connector = new MockConnector();
  const adapter = localBotAdapter();

  beforeAll(() => connector.start());
  afterAll(() => connector.stop());

  function reference(conversationId: string) {
    return {
      channelId: 'msteams',
      serviceUrl: connector.url,
      bot: { id: '28:bot', name: '' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1', isGroup: false, name: '' },
      user: { id: '29:user', name: '', aadObjectId: 'aad-user' },
    };
  }

  it('gives the failure of a proactive turn back to the caller', async () => {
    const run = adapter.continueConversationAsync('', reference('a:logic'), async () => {
      throw new Error('renderer broke');
    });
    await expect(run).rejects.toThrow('renderer broke');
  });

  it("gives the connector's answer to a proactive send back to the caller, and posts no error message", async () => {
    connector.markGone('a:gone', 403);
    const run = adapter.continueConversationAsync('', reference('a:gone'), async (context) => {
      await context.sendActivity('Dags att rapportera');
    });
    await expect(run).rejects.toMatchObject({ statusCode: 403 });
    expect(connector.stats.requests).toBe(1);
  });

  it('still answers a person whose message failed with the Swedish error text', async () => {
    const activity = {
      type: 'message',
      id: 'act-1',
      text: 'hej',
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: '29:user', aadObjectId: 'aad-user' },
      recipient: { id: '28:bot' },
      conversation: { id: 'a:inbound', conversationType: 'personal', tenantId: 'tenant-1' },
    } as Activity;
    await adapter.processActivityDirect('', activity, async () => {
      throw new Error('flow broke');
    });
    const replies = connector.deliveries.filter((d) => d.conversationId === 'a:inbound');
    expect(replies.map((d) => d.activity.text)).toEqual([TURN_ERROR_TEXT]);
  });
});
