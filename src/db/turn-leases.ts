import { Kysely, sql } from 'kysely';
import type { CoreTables } from './tables';

/** Lease rows live in `bot_state` under their own prefix, so no key of botbuilder's state can collide with them. */
const PREFIX = 'turn-lease/';

/**
 * One holder at a time per conversation, across every instance on the database. Expiry uses the database's
 * clock, so instances with skewed clocks agree on when a lease has run out.
 */
export class TurnLeases {
  constructor(private readonly db: Kysely<CoreTables>) {}

  /** Takes (or, for the same owner, extends) the lease; false while someone else holds an unexpired one. */
  async claim(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const result = await sql<{ etag: number }>`
      insert into bot_state (key, value)
      values (${PREFIX + key}, jsonb_build_object('owner', ${owner}::text, 'until', now() + ${ttlMs} * interval '1 millisecond'))
      on conflict (key) do update set value = excluded.value, etag = bot_state.etag + 1, updated_at = now()
      where bot_state.value->>'owner' = ${owner} or (bot_state.value->>'until')::timestamptz < now()
      returning etag`.execute(this.db);
    return result.rows.length === 1;
  }

  /** Gives the lease back if this owner still holds it (an expired lease someone else took is left alone). */
  async release(key: string, owner: string): Promise<void> {
    await sql`delete from bot_state where key = ${PREFIX + key} and value->>'owner' = ${owner}`.execute(this.db);
  }
}
