import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Kysely, sql } from 'kysely';
import { fromProjectRoot } from '../paths';

export const MIGRATIONS_DIR = fromProjectRoot('migrations');

/** Any constant; it only has to be the same in every instance that migrates this database. */
const MIGRATION_LOCK_KEY = 724_511_002;

/**
 * Applies `migrations/NNN_name.sql` in file-name order, each once, each in its own transaction.
 * A transaction-scoped advisory lock makes concurrent start-ups of several instances safe.
 */
export async function migrate(db: Kysely<any>, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await fs.readdir(dir)).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  // Checked first, so that a role that may not create tables (the bot's, see README) can start on a migrated database.
  const table = await sql<{ t: string | null }>`select to_regclass('schema_migrations')::text as t`.execute(db);
  if (!table.rows[0]?.t) {
    await sql`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`.execute(db);
  }
  for (const file of files) {
    const body = await fs.readFile(path.join(dir, file), 'utf8');
    const ran = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      const done = await sql<{ name: string }>`select name from schema_migrations where name = ${file}`.execute(trx);
      if (done.rows.length > 0) return false;
      await sql.raw(body).execute(trx);
      await sql`insert into schema_migrations (name) values (${file})`.execute(trx);
      return true;
    });
    if (ran) applied.push(file);
  }
  return applied;
}
