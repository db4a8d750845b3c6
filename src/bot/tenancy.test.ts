import { TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { AAD_IDENTITY_ONLY, UnknownActorError, actorOf } from './tenancy';

function contextFrom(from: Record<string, string>, aadOnly = false): TurnContext {
  const context = new TurnContext(new TestAdapter(), { type: 'message', from: from as never, conversation: { id: 'c' } as never });
  if (aadOnly) context.turnState.set(AAD_IDENTITY_ONLY, true);
  return context;
}

describe('who is acting', () => {
  it('is the AAD object id', () => {
    expect(actorOf(contextFrom({ id: '29:teams-id', aadObjectId: 'aad-1' }, true))).toBe('aad-1');
  });

  it('never falls back to the Teams user id in an authenticated turn', () => {
    expect(() => actorOf(contextFrom({ id: '29:teams-id' }, true))).toThrow(UnknownActorError);
  });

  it('may use the channel user id in anonymous local mode', () => {
    expect(actorOf(contextFrom({ id: 'playground-user' }))).toBe('playground-user');
  });
});
