import { Kysely, sql } from 'kysely';
import type { CoreTables } from './tables';

export interface StoredDocument {
  value: Record<string, unknown>;
  etag: string;
}

export class ConcurrencyConflict extends Error {
  readonly code = 'state_conflict';
  constructor(readonly key: string) {
    super(`State for ${key} was changed by another turn`);
  }
}

/** Key/value documents with a version per key: a write that names an old version is refused. */
export class BotStateRepository {
  constructor(private readonly db: Kysely<CoreTables>) {}

  async read(keys: string[]): Promise<Map<string, StoredDocument>> {
    const found = new Map<string, StoredDocument>();
    if (keys.length === 0) return found;
    const rows = await this.db.selectFrom('bot_state').select(['key', 'value', 'etag']).where('key', 'in', keys).execute();
    for (const row of rows) found.set(row.key, { value: row.value as Record<string, unknown>, etag: String(row.etag) });
    return found;
  }

  /** `expectedEtag` undefined or '*' writes unconditionally. */
  async write(key: string, value: Record<string, unknown>, expectedEtag?: string): Promise<string> {
    const json = JSON.stringify(value);
    if (expectedEtag === undefined || expectedEtag === '*') {
      const row = await sql<{ etag: number }>`
        insert into bot_state (key, value) values (${key}, ${json}::jsonb)
        on conflict (key) do update set value = excluded.value, etag = bot_state.etag + 1, updated_at = now()
        returning etag`.execute(this.db);
      return String(row.rows[0].etag);
    }
    const row = await sql<{ etag: number }>`
      update bot_state set value = ${json}::jsonb, etag = etag + 1, updated_at = now()
      where key = ${key} and etag = ${Number(expectedEtag)}
      returning etag`.execute(this.db);
    if (row.rows.length === 0) throw new ConcurrencyConflict(key);
    return String(row.rows[0].etag);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom('bot_state').where('key', 'in', keys).execute();
  }
}
