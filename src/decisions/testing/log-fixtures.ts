import { sql } from 'kysely';
import type { Database } from '../../db';
import { entryHash, GENESIS_HASH } from '../log-entry';
import { readLog } from '../log-read';

const LOG_TABLES = ['decision_log', 'decision_log_head', 'decision_log_facts', 'decision_log_erasures'];

/** Empties the log between tests (the triggers are off only for this). */
export async function resetLog(database: Database): Promise<void> {
  for (const statement of [
    ...LOG_TABLES.map((t) => `alter table ${t} disable trigger user`),
    'delete from decision_log_facts',
    'delete from decision_log_erasures',
    'delete from decision_log',
    'delete from decision_log_head',
    "insert into decision_log_head (entries, last_id, last_hash) values (0, null, repeat('0', 64))",
    'alter sequence decision_log_id_seq restart with 1',
    ...LOG_TABLES.map((t) => `alter table ${t} enable trigger user`),
  ]) {
    await sql.raw(statement).execute(database.db);
  }
}

/** Runs statements as someone who owns the database would, with the log's guard triggers off. */
export async function tamper(database: Database, ...statements: string[]): Promise<void> {
  for (const t of LOG_TABLES) await sql.raw(`alter table ${t} disable trigger user`).execute(database.db);
  for (const statement of statements) await sql.raw(statement).execute(database.db);
  for (const t of LOG_TABLES) await sql.raw(`alter table ${t} enable trigger user`).execute(database.db);
}

/** What a careful attacker does after an edit: recomputes every hash in id order and moves the head to match. */
export async function rehashChain(database: Database): Promise<void> {
  const entries = [];
  for await (const entry of readLog(database.db)) entries.push(entry);
  let prev = GENESIS_HASH;
  const statements: string[] = [];
  // Unique hashes: clear them first so that swapped rows do not collide midway.
  statements.push(`update decision_log set hash = 'tmp-' || id`);
  for (const entry of entries) {
    const hash = entryHash(entry, prev);
    statements.push(`update decision_log set prev_hash = '${prev}', hash = '${hash}' where id = ${entry.id}`);
    prev = hash;
  }
  statements.push(`update decision_log_head set entries = ${entries.length}, last_id = ${entries.at(-1)?.id ?? 'null'}, last_hash = '${prev}'`);
  await tamper(database, ...statements);
}
