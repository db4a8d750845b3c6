import { TurnContext } from 'botbuilder';
import type { ConversationReferences } from '../db/conversation-references';

const RESAVE_AFTER_MS = 10 * 60 * 1000;
const MAX_REMEMBERED = 10_000;
const savedAt = new Map<string, number>();

/**
 * Remembers where the bot can write to this person or channel later (proactive messages). The same reference is
 * written at most every few minutes per instance: saving is an idempotent upsert, so the cache only spares the database.
 */
export async function rememberConversation(context: TurnContext, references: ConversationReferences, now = Date.now()): Promise<void> {
  const activity = context.activity;
  if (!activity.conversation?.id || !activity.serviceUrl || !activity.recipient?.id) return;
  const cacheKey = `${activity.conversation.id}|${activity.serviceUrl}|${activity.from?.aadObjectId ?? ''}`;
  const last = savedAt.get(cacheKey);
  // Installs and membership changes always write: they are rare and may bring a dead reference back.
  const routine = activity.type === 'message' || activity.type === 'invoke';
  if (routine && last !== undefined && now - last < RESAVE_AFTER_MS) return;
  const reference = TurnContext.getConversationReference(activity);
  const channelData = (activity.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string } };
  await references.save(
    {
      conversation: {
        id: activity.conversation.id,
        conversationType: activity.conversation.conversationType,
        tenantId: activity.conversation.tenantId,
      },
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId,
      bot: { id: activity.recipient.id, name: activity.recipient.name },
      user: reference.user ? { id: reference.user.id, aadObjectId: activity.from?.aadObjectId } : undefined,
    },
    { teamId: channelData.team?.id, teamsChannelId: channelData.channel?.id },
  );
  if (savedAt.size >= MAX_REMEMBERED) savedAt.clear();
  savedAt.set(cacheKey, now);
}
