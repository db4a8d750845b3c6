import { Kysely, sql, type Generated } from 'kysely';
import type { CoreTables } from './tables';

/**
 * The part of a Bot Framework ConversationReference needed to write proactively. A plain interface so that
 * the database layer does not depend on botbuilder; only ids are kept (no display names).
 */
export interface ConversationReferenceData {
  conversation: { id: string; conversationType?: string; tenantId?: string };
  serviceUrl: string;
  channelId: string;
  bot: { id: string; name?: string };
  user?: { id: string; aadObjectId?: string };
  activityId?: string;
}

export type ConversationType = 'personal' | 'channel' | 'groupChat';

export interface StoredConversationReference {
  id: number;
  userAadObjectId: string | null;
  conversationId: string;
  conversationType: ConversationType;
  tenantId: string | null;
  teamId: string | null;
  /** The Teams channel id (19:…@thread.tacv2) for channel conversations. */
  channelId: string | null;
  serviceUrl: string;
  botId: string;
  reference: ConversationReferenceData;
  deadAt: Date | null;
  deadReason: string | null;
  updatedAt: Date;
}

export type ConversationReferenceTables = {
  conversation_references: {
    id: Generated<number>;
    user_aad_object_id: string | null;
    conversation_id: string;
    conversation_type: ConversationType;
    tenant_id: string | null;
    team_id: string | null;
    channel_id: string | null;
    service_url: string;
    bot_id: string;
    reference: unknown;
    dead_at: Date | null;
    dead_reason: string | null;
    updated_at: Generated<Date>;
  };
};

/** Where a channel conversation lives, from the activity's Teams channel data. */
export interface TeamsLocation {
  teamId?: string;
  teamsChannelId?: string;
}

type Row = ConversationReferenceTables['conversation_references'] & { id: number; updated_at: Date };

/** Stores conversation references for proactive messages, one per conversation, upserted on every turn. */
export class ConversationReferences {
  private readonly db: Kysely<CoreTables & ConversationReferenceTables>;

  constructor(db: Kysely<CoreTables>) {
    this.db = db.withTables<ConversationReferenceTables>();
  }

  /** Upsert by conversation id. Saving a reference again brings a dead one back to life (the bot was re-added). */
  async save(input: ConversationReferenceData, where: TeamsLocation = {}): Promise<StoredConversationReference> {
    const reference = sanitize(input);
    const type = conversationTypeOf(reference);
    const row = await sql<Row>`
      insert into conversation_references
        (user_aad_object_id, conversation_id, conversation_type, tenant_id, team_id, channel_id, service_url, bot_id, reference)
      values (
        ${type === 'personal' ? (reference.user?.aadObjectId ?? null) : null},
        ${reference.conversation.id}, ${type}, ${reference.conversation.tenantId ?? null},
        ${where.teamId ?? null}, ${type === 'channel' ? (where.teamsChannelId ?? reference.conversation.id) : null},
        ${reference.serviceUrl}, ${reference.bot.id}, ${JSON.stringify(reference)}::jsonb)
      on conflict (conversation_id) do update set
        user_aad_object_id = coalesce(excluded.user_aad_object_id, conversation_references.user_aad_object_id),
        conversation_type = excluded.conversation_type,
        tenant_id = coalesce(excluded.tenant_id, conversation_references.tenant_id),
        team_id = coalesce(excluded.team_id, conversation_references.team_id),
        channel_id = coalesce(excluded.channel_id, conversation_references.channel_id),
        service_url = excluded.service_url,
        bot_id = excluded.bot_id,
        reference = excluded.reference,
        dead_at = null,
        dead_reason = null,
        updated_at = now()
      returning *`.execute(this.db);
    return toStored(row.rows[0]);
  }

  /** The live personal chat of a user, if the bot has one. */
  async personalFor(aadObjectId: string): Promise<StoredConversationReference | undefined> {
    const row = await this.db
      .selectFrom('conversation_references')
      .selectAll()
      .where('user_aad_object_id', '=', aadObjectId)
      .where('conversation_type', '=', 'personal')
      .where('dead_at', 'is', null)
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toStored(row as Row) : undefined;
  }

  /** The live personal chats of many users at once (one query), keyed by AAD object id. */
  async personalForMany(aadObjectIds: string[]): Promise<Map<string, StoredConversationReference>> {
    const found = new Map<string, StoredConversationReference>();
    if (aadObjectIds.length === 0) return found;
    const rows = await this.db
      .selectFrom('conversation_references')
      .selectAll()
      .where('user_aad_object_id', 'in', [...new Set(aadObjectIds)])
      .where('conversation_type', '=', 'personal')
      .where('dead_at', 'is', null)
      .orderBy('updated_at', 'asc')
      .execute();
    for (const row of rows) found.set(row.user_aad_object_id!, toStored(row as Row));
    return found;
  }

  /** References of many conversations at once, dead or alive, keyed by conversation id. */
  async byConversationIds(conversationIds: string[]): Promise<Map<string, StoredConversationReference>> {
    const found = new Map<string, StoredConversationReference>();
    if (conversationIds.length === 0) return found;
    const rows = await this.db.selectFrom('conversation_references').selectAll().where('conversation_id', 'in', [...new Set(conversationIds)]).execute();
    for (const row of rows) found.set(row.conversation_id, toStored(row as Row));
    return found;
  }

  /** The reference of a conversation, dead or alive. */
  async byConversationId(conversationId: string): Promise<StoredConversationReference | undefined> {
    const row = await this.db
      .selectFrom('conversation_references')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    return row ? toStored(row as Row) : undefined;
  }

  /** The live reference for posting a new message in a Teams channel. */
  async channel(teamsChannelId: string): Promise<StoredConversationReference | undefined> {
    const row = await this.db
      .selectFrom('conversation_references')
      .selectAll()
      .where('channel_id', '=', teamsChannelId)
      .where('conversation_type', '=', 'channel')
      .where('dead_at', 'is', null)
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toStored(row as Row) : undefined;
  }

  /** The bot was removed or the user is gone (403/404): stop writing there until the reference is saved again. */
  async markDead(id: number, reason: string): Promise<void> {
    await sql`update conversation_references set dead_at = now(), dead_reason = ${reason}, updated_at = now()
      where id = ${id} and dead_at is null`.execute(this.db);
  }
}

function conversationTypeOf(reference: ConversationReferenceData): ConversationType {
  const type = reference.conversation.conversationType;
  if (type === 'channel' || type === 'groupChat' || type === 'personal') return type;
  return 'personal';
}

/**
 * Keeps ids only. The reference is made to start a new message, not to reply: the activity id is dropped, and for
 * a channel the thread part Teams puts in the conversation id (`;messageid=…`) is cut, so a reminder becomes a new
 * post in the channel rather than landing in some old thread.
 */
function sanitize(input: ConversationReferenceData): ConversationReferenceData {
  const type = conversationTypeOf(input);
  const conversationId = type === 'channel' ? input.conversation.id.split(';messageid=')[0] : input.conversation.id;
  const reference: ConversationReferenceData = {
    conversation: {
      id: conversationId,
      conversationType: type,
      ...(input.conversation.tenantId ? { tenantId: input.conversation.tenantId } : {}),
    },
    serviceUrl: input.serviceUrl,
    channelId: input.channelId,
    bot: { id: input.bot.id, ...(input.bot.name ? { name: input.bot.name } : {}) },
  };
  if (input.user) {
    reference.user = { id: input.user.id, ...(input.user.aadObjectId ? { aadObjectId: input.user.aadObjectId } : {}) };
  }
  return reference;
}

function toStored(row: Row): StoredConversationReference {
  return {
    id: Number(row.id),
    userAadObjectId: row.user_aad_object_id,
    conversationId: row.conversation_id,
    conversationType: row.conversation_type,
    tenantId: row.tenant_id,
    teamId: row.team_id,
    channelId: row.channel_id,
    serviceUrl: row.service_url,
    botId: row.bot_id,
    reference: row.reference as ConversationReferenceData,
    deadAt: row.dead_at,
    deadReason: row.dead_reason,
    updatedAt: row.updated_at,
  };
}
