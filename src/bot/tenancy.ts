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

/** The stable id of the person acting: the AAD object id Teams sends, else the channel user id. */
export function actorOf(context: TurnContext): string {
  return context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown';
}
