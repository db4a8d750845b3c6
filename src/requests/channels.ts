import { Kysely, sql } from 'kysely';
import type { RequestTables } from './tables';

export interface ApprovalChannel {
  pack: string;
  unit: string;
  conversationId: string;
  teamId: string | null;
  setBy: string;
  setAt: string;
}

interface ChannelRow {
  pack: string;
  unit: string;
  conversation_id: string;
  team_id: string | null;
  set_by: string;
  set_at: Date | string;
}

function toChannel(row: ChannelRow): ApprovalChannel {
  return {
    pack: row.pack,
    unit: row.unit,
    conversationId: row.conversation_id,
    teamId: row.team_id,
    setBy: row.set_by,
    setAt: new Date(row.set_at).toISOString(),
  };
}

/** A channel's conversation id without the thread part Teams adds when someone writes in a reply thread. */
export function channelConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}

/** The Teams channel where each unit's requests are decided (one per pack and unit). */
export class ApprovalChannels {
  private readonly db: Kysely<RequestTables>;

  constructor(db: Kysely<any>) {
    this.db = db as Kysely<RequestTables>;
  }

  async set(pack: string, unit: string, conversationId: string, teamId: string | null, actor: string): Promise<ApprovalChannel> {
    const row = await sql<ChannelRow>`insert into approval_channels (pack, unit, conversation_id, team_id, set_by)
      values (${pack}, ${unit}, ${channelConversationId(conversationId)}, ${teamId}, ${actor})
      on conflict (pack, unit) do update set conversation_id = excluded.conversation_id, team_id = excluded.team_id,
        set_by = excluded.set_by, set_at = now()
      returning *`.execute(this.db);
    return toChannel(row.rows[0]);
  }

  async get(pack: string, unit: string): Promise<ApprovalChannel | undefined> {
    const row = await sql<ChannelRow>`select * from approval_channels where pack = ${pack} and unit = ${unit}`.execute(this.db);
    return row.rows[0] ? toChannel(row.rows[0]) : undefined;
  }

  /** The units a channel decides for. */
  async unitsOf(conversationId: string): Promise<ApprovalChannel[]> {
    const rows = await sql<ChannelRow>`select * from approval_channels where conversation_id = ${channelConversationId(conversationId)}
      order by pack, unit`.execute(this.db);
    return rows.rows.map(toChannel);
  }

  async all(): Promise<ApprovalChannel[]> {
    const rows = await sql<ChannelRow>`select * from approval_channels order by pack, unit`.execute(this.db);
    return rows.rows.map(toChannel);
  }
}
