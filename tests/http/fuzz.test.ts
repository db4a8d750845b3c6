import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TURN_ERROR_TEXT } from '../../src/adapter';
import { knownVerbs } from '../../src/cards/verbs';
import { messageActivity, startHttpBot, type HttpBot } from '../helpers/http-bot';
import { RecordingConnector } from '../helpers/recording-connector';

/**
 * Random, malformed and half-valid activities and card submits: the server must answer every one with a non-5xx
 * status, never leave an unhandled rejection, and still be healthy afterwards. Well-formed activities with odd
 * contents must in addition never get the generic error message. Each property is bounded in runs and time so
 * the file stays within about a minute.
 */
describe('random and malformed input', () => {
  let http: HttpBot;
  const connector = new RecordingConnector();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  // Every generic error message is sent by the adapter's onTurnError, which logs `turn_error` first.
  let turnErrors = 0;
  const sink = new Writable({
    write(chunk, _encoding, done) {
      turnErrors += String(chunk).split('"event":"turn_error"').length - 1;
      done();
    },
  });

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    await connector.start();
    http = await startHttpBot({}, { logger: pino({ level: 'error' }, sink) });
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
      { numRuns: 600, interruptAfterTimeLimit: 20_000 },
    );
    expect(unhandled).toEqual([]);
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  }, 120_000);

  // Well-formed activities (every field the protocol requires, of the right type) with odd contents.
  const oddString = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\ud83d\ude00', '\u202e', '', ' ', 'Sommar2024', '<b>*fet*</b> [länk](https://example.org)'),
  );
  const oddValue: fc.Arbitrary<unknown> = fc.oneof(oddString, fc.integer(), fc.boolean(), fc.constant(null), fc.array(oddString, { maxLength: 3 }), fc.dictionary(oddString, oddString, { maxKeys: 3 }));
  const oddSubmit = fc
    .record({ verb: fc.constantFrom(...knownVerbs()), fields: fc.dictionary(fc.oneof(fc.constantFrom('flow', 'rev', 'question', 'comment', 'purpose', 'name', 'id', 'accountId', 'answers'), oddString), oddValue, { maxKeys: 6 }) })
    .map(({ verb, fields }) => ({ ...fields, verb }));
  const oddActivity = fc
    .record({
      kind: fc.constantFrom('text', 'submit', 'execute'),
      text: oddString,
      submit: oddSubmit,
      value: fc.oneof(fc.constant(undefined), fc.constant(null), oddValue),
      entities: fc.oneof(fc.constant(undefined), oddValue, fc.array(fc.record({ type: fc.oneof(oddString, fc.constant('mention')) }), { maxLength: 2 })),
      name: fc.oneof(fc.constant(undefined), oddValue),
      conversationType: fc.constantFrom('personal', 'channel', 'groupChat'),
      conversation: fc.integer({ min: 0, max: 4 }),
    })
    .map(({ kind, text, submit, value, entities, name, conversationType, conversation }) => {
      const base = {
        id: `odd-${Math.random().toString(36).slice(2)}`,
        conversation: { id: `odd-${conversationType}-${conversation}`, conversationType, tenantId: 'tenant-1' },
        from: { id: 'user-odd', aadObjectId: 'aad-user-odd', ...(name === undefined ? {} : { name }) },
        ...(entities === undefined ? {} : { entities }),
      };
      if (kind === 'text') return messageActivity(connector.url, { ...base, text, ...(value === undefined ? {} : { value }) });
      if (kind === 'submit') return messageActivity(connector.url, { ...base, text: undefined, value: submit });
      return messageActivity(connector.url, { ...base, type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: submit.verb, data: submit } } });
    });

  it('answers well-formed activities with odd contents without a 5xx or the generic error message', async () => {
    const generic: string[] = [];
    await fc.assert(
      fc.asyncProperty(oddActivity, async (activity) => {
        const errorsBefore = turnErrors;
        const res = await http.post(activity);
        const body = await res.text();
        const replies = connector.replies.filter((r) => r.activity.replyToId === activity.id);
        const failed = turnErrors > errorsBefore || body.includes(TURN_ERROR_TEXT) || replies.some((r) => JSON.stringify(r.activity).includes(TURN_ERROR_TEXT));
        if (failed) generic.push(JSON.stringify(activity).slice(0, 300));
        return res.status < 500;
      }),
      { numRuns: 400, interruptAfterTimeLimit: 20_000 },
    );
    expect(generic).toEqual([]);
    expect(unhandled).toEqual([]);
  }, 120_000);
});
