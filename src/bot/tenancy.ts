import type { TurnContext } from 'botbuilder';
import type { Tenancy } from './services';

export function tenancyOf(context: TurnContext): Tenancy {
  const activity = context.activity;
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string }; team?: { id?: string } };
  return {
    tenantId: activity.conversation?.tenantId ?? channelData.tenant?.id,
    teamId: channelData.team?.id,
  };
}

/** Set on a turn's state when the request was authenticated: people are then known by their AAD object id only. */
export const AAD_IDENTITY_ONLY = Symbol('aadIdentityOnly');

export class UnknownActorError extends Error {
  readonly code = 'actor_unknown';
  constructor() {
    super('The activity names no AAD object id');
  }
}

/**
 * The stable id of the person acting: the AAD object id Teams sends. Only in anonymous local mode (Playground,
 * tests) may the channel user id stand in for it; a Teams user id is not stable and anyone can claim one.
 */
export function actorOf(context: TurnContext): string {
  const aad = context.activity.from?.aadObjectId;
  if (aad) return aad;
  if (context.turnState.get(AAD_IDENTITY_ONLY)) throw new UnknownActorError();
  return context.activity.from?.id ?? 'unknown';
}
