import { describe, expect, it } from 'vitest';
import { answerableActivity, checkTurnInput, loggableFields } from './turn-input';

const activity = (overrides: Record<string, unknown> = {}) => ({
  type: 'message',
  text: 'Får jag publicera en bild? 👍🏽 åäö',
  from: { id: 'user-1', aadObjectId: 'aad-1', name: 'Alex' },
  recipient: { id: 'bot', name: 'Sociala medier-assistenten' },
  conversation: { id: 'conv-1', conversationType: 'personal', tenantId: 'tenant-1' },
  entities: [{ type: 'clientInfo', locale: 'sv-SE' }],
  ...overrides,
});

describe('turn input the bot can take', () => {
  it('takes ordinary text, emoji and card values', () => {
    expect(checkTurnInput(activity())).toEqual({ ok: true });
    expect(checkTurnInput(activity({ text: undefined, value: { verb: 'x', nested: [{ a: 'ok' }] } }))).toEqual({ ok: true });
    expect(checkTurnInput(activity({ text: '<at>Bot</at> meny', entities: [{ type: 'mention', mentioned: { id: 'bot', name: 'Bot' }, text: '<at>Bot</at>' }] }))).toEqual({ ok: true });
  });

  it('refuses shapes the libraries read without checking, naming only the fields', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ value: null }, 'value'],
      [{ entities: 'mention' }, 'entities'],
      [{ entities: [1] }, 'entities.0'],
      [{ entities: [{}] }, 'entities.0'],
      [{ from: { id: 'u', name: 5 } }, 'from.name'],
      [{ recipient: { id: 'b', name: { x: 1 } } }, 'recipient.name'],
      [{ conversation: { id: 'c', name: 3 } }, 'conversation.name'],
      [{ membersAdded: { id: 'bot' } }, 'membersAdded'],
      [{ entities: [{ type: 'mention', text: '<at>Bot</at>' }] }, 'entities.0'],
      [{ entities: [{ type: 'Mention', mentioned: { id: 'bot' } }] }, 'entities.0'],
      [{ text: undefined, entities: [{ type: 'mention', mentioned: { id: 'bot' }, text: '<at>Bot</at>' }] }, 'text'],
    ];
    for (const [overrides, field] of cases) {
      const check = checkTurnInput(activity(overrides));
      expect(check.ok).toBe(false);
      expect(check.ok ? [] : check.fields.map((f) => f.startsWith(field))).toEqual([true]);
    }
  });

  it('refuses NUL and lone surrogates anywhere, keys included, but not surrogate pairs', () => {
    expect(checkTurnInput(activity({ text: 'hej\u0000' }))).toEqual({ ok: false, fields: ['text'] });
    expect(checkTurnInput(activity({ text: 'a\ud83d' }))).toEqual({ ok: false, fields: ['text'] });
    expect(checkTurnInput(activity({ text: '\ude00b' }))).toEqual({ ok: false, fields: ['text'] });
    expect(checkTurnInput(activity({ value: { comment: ['ok', 'x\ud800'] } }))).toEqual({ ok: false, fields: ['value.comment'] });
    expect(checkTurnInput(activity({ value: { 'k\u0000': 1 } }))).toEqual({ ok: false, fields: ['value.k\u0000'] });
    expect(checkTurnInput(activity({ text: '\ud83d\ude00' }))).toEqual({ ok: true });
  });

  it('answers a refused activity with nothing but its addresses', () => {
    const answerable = answerableActivity(activity({ from: { id: 'u', name: 5 }, conversation: { id: 'c', name: 3, tenantId: 7 }, value: null }));
    expect(answerable).toMatchObject({ from: { id: 'u' }, conversation: { id: 'c' }, text: undefined, value: undefined, entities: undefined });
    expect(checkTurnInput(answerable)).toEqual({ ok: true });
  });

  it('logs no field name that the sender chose', () => {
    expect(loggableFields(['value.Sommar2024 lösen', 'value', 'from.name', 'text'])).toEqual(['value', 'from.name', 'text']);
  });
});
