import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownVerbs } from '../../src/cards/verbs';
import { messageActivity, startHttpBot, type HttpBot } from '../helpers/http-bot';
import { RecordingConnector } from '../helpers/recording-connector';

/**
 * Thousands of random, malformed and half-valid activities and card submits: the server must answer every one
 * with a non-5xx status, never leave an unhandled rejection, and still be healthy afterwards.
 */
describe('random and malformed input', () => {
  let http: HttpBot;
  const connector = new RecordingConnector();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    await connector.start();
    http = await startHttpBot();
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await http.close();
    await connector.stop();
  });

  const anyJson = fc.jsonValue({ maxDepth: 4 });
  const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.constantFrom('hjälp', 'meny', 'får jag publicera en bild?', ''));
  const verb = fc.oneof(fc.constantFrom(...knownVerbs()), fc.string({ maxLength: 40 }), fc.integer(), fc.constant(undefined));
  const cardValue = fc.record({ verb, extra: anyJson }, { requiredKeys: [] }).chain((base) =>
    fc.dictionary(fc.string({ maxLength: 20 }), anyJson, { maxKeys: 6 }).map((fields) => ({ ...fields, ...base })),
  );
  const activityType = fc.constantFrom('message', 'invoke', 'conversationUpdate', 'event', 'installationUpdate', 'messageReaction', 'typing', 'weird');

  const halfValidActivity = fc
    .record({
      type: activityType,
      text: fc.option(text, { nil: undefined }),
      value: fc.option(cardValue, { nil: undefined }),
      name: fc.option(fc.constantFrom('adaptiveCard/action', 'task/fetch', 'composeExtension/query', 'x'), { nil: undefined }),
      membersAdded: fc.option(fc.array(fc.record({ id: fc.constantFrom('bot-id', 'someone') }), { maxLength: 3 }), { nil: undefined }),
      conversationType: fc.constantFrom('personal', 'channel', 'groupChat', undefined),
      drop: fc.subarray(['from', 'conversation', 'serviceUrl', 'channelId', 'recipient'], { maxLength: 2 }),
    })
    .map(({ drop, conversationType, ...fields }) => {
      const activity: Record<string, unknown> = messageActivity(connector.url, {
        ...fields,
        conversation: { id: `fuzz-${Math.floor(Math.random() * 20)}`, conversationType, tenantId: 'tenant-1' },
      });
      if (fields.type === 'invoke' && fields.name === 'adaptiveCard/action') activity.value = { action: { type: 'Action.Execute', verb: fields.value?.verb, data: fields.value } };
      for (const key of drop) delete activity[key];
      return JSON.stringify(activity);
    });

  const body = fc.oneof(
    { weight: 6, arbitrary: halfValidActivity },
    { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );

  it('never answers 5xx, never rejects unhandled, and stays healthy', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await http.post(payload);
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        return res.status < 500;
      }),
      { numRuns: 2000 },
    );
    expect(unhandled).toEqual([]);
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  }, 300_000);
});
