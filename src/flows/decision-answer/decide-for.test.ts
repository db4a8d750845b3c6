import type { TurnContext } from 'botbuilder';
import { describe, expect, it, vi } from 'vitest';
import type { BotServices } from '../../bot/services';
import { createLogger } from '../../log/logger';
import { FactsError, type DecisionOutput, type LoadedPack } from '../../rules';
import { decideFor } from './index';

const context = { activity: { from: { id: 'u1', aadObjectId: 'aad-1' }, conversation: { id: 'conv-1' } } } as unknown as TurnContext;
const pack = { id: 'stockholm' } as LoadedPack;

function servicesWith(decide: (...args: unknown[]) => Promise<DecisionOutput>): BotServices {
  return { decisions: { decide: vi.fn(decide) }, logger: createLogger('silent') } as unknown as BotServices;
}

describe('deciding for a person in a conversation', () => {
  it('logs the decision with the person\'s AAD object id and the conversation', async () => {
    const output = { decisionId: 'abc', outcome: 'allowed' } as DecisionOutput;
    const services = servicesWith(async () => output);
    const result = await decideFor(context, services, pack, 'publish-image', { identifiablePeople: false });
    expect(result).toEqual({ ok: true, decision: output });
    expect(services.decisions.decide).toHaveBeenCalledWith('stockholm', 'publish-image', { identifiablePeople: false }, { actor: 'aad-1', conversationId: 'conv-1' });
  });

  it('returns refused facts as data so the card can show them', async () => {
    const error = new FactsError('publish-image', [{ field: 'youngestAge', message: 'too big', kind: 'too_big' }]);
    const result = await decideFor(context, servicesWith(async () => Promise.reject(error)), pack, 'publish-image', {});
    expect(result).toEqual({ ok: false, error });
  });

  it('lets other failures through to the turn error handler', async () => {
    await expect(decideFor(context, servicesWith(async () => Promise.reject(new Error('database down'))), pack, 'publish-image', {})).rejects.toThrow('database down');
  });
});
