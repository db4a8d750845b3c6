import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withSearchPath } from '../../tests/helpers/databases';
import { migrate, MIGRATIONS_DIR } from '../db/migrate';
import { PgliteDialect } from '../db/pglite-dialect';
import { PgliteThread } from '../db/pglite-thread';
import { eraseEntryFacts, readLog, verifyLog } from '.';
import { GENESIS_HASH, legacyEntryHash, type LogContent } from './log-entry';

/** A database at migration 005, with cleanup. */
interface Legacy {
  db: Kysely<any>;
  close(): Promise<void>;
}

// One embedded database for the file (starting one is slow); each test gets its own schema in it.
let pglite: Kysely<any> | undefined;
afterAll(() => pglite?.destroy());

async function pgliteAt005(dir: string): Promise<Legacy> {
  pglite ??= new Kysely<any>({ dialect: new PgliteDialect(new PgliteThread(undefined)) });
  const db = pglite;
  const schema = `t_mig_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await sql.raw(`create schema ${schema}; set search_path to ${schema}`).execute(db);
  await migrate(db, dir);
  return { db, close: async () => void (await sql.raw(`set search_path to public; drop schema ${schema} cascade`).execute(db)) };
}

async function postgresAt005(dir: string): Promise<Legacy> {
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_mig_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withSearchPath(url, schema), max: 2 }) }) });
  await migrate(db, dir);
  return {
    db,
    async close() {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

const targets = [{ name: 'pglite', open: pgliteAt005 }, ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', open: postgresAt005 }] : [])];

/** Writes entries the way the log writer did before migration 006: facts in the row, hashed by chain version 1. */
async function writeLegacy(db: Kysely<any>, contents: LogContent[]): Promise<void> {
  let prev = GENESIS_HASH;
  for (const c of contents) {
    const hash = legacyEntryHash(c, prev);
    await sql`insert into decision_log (decision_id, at, decision, pack, pack_version, facts, outcome, rules, actor, conversation_id, prev_hash, hash)
      values (${c.decisionId}, ${new Date(c.at)}, ${c.decision}, ${c.pack}, ${c.packVersion}, ${JSON.stringify(c.facts)}::jsonb, ${c.outcome},
        ${JSON.stringify(c.rules)}::jsonb, ${c.actor}, ${c.conversationId}, ${prev}, ${hash})`.execute(db);
    prev = hash;
  }
  await sql`update decision_log_head set entries = ${contents.length}, last_id = ${contents.length}, last_hash = ${prev}`.execute(db);
}

function legacyContent(i: number): LogContent {
  return {
    decisionId: randomUUID(),
    at: new Date(Date.UTC(2025, 0, 10 + i, 9, 0, 0, 123)).toISOString(),
    decision: i % 2 ? 'open-account' : 'moderate-post',
    pack: 'stockholm',
    packVersion: 'a'.repeat(64),
    facts: i % 2 ? { unit: 'Kultur "och" fritid', goals: ['Nå fler unga', 'Öka närvaron'], youngestAge: 13, standIn: null } : { categories: ['question'], postedBy: 'public' },
    outcome: i % 2 ? 'incomplete' : 'answer',
    rules: i % 2 ? ['needs-owner', 'needs-goals'] : [],
    actor: i === 2 ? 'cli' : `aad-${i}`,
    conversationId: i === 1 ? null : `conv-${i}`,
  };
}

describe.each(targets)('migration 006 on $name', ({ open }) => {
  let dir: string;
  let legacy: Legacy;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sma-mig-'));
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f < '006')) copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    legacy = await open(dir);
  });
  afterEach(async () => {
    await legacy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const migrateTo006 = async () => {
    const f = readdirSync(MIGRATIONS_DIR).find((name) => name.startsWith('006_'))!;
    copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    expect(await migrate(legacy.db, dir)).toEqual([f]);
  };

  it('re-anchors an existing chain under salted facts hashes that verify, keeping the facts and the old hashes', async () => {
    const contents = Array.from({ length: 4 }, (_, i) => legacyContent(i));
    await writeLegacy(legacy.db, contents);
    await migrateTo006();
    expect(await verifyLog(legacy.db)).toMatchObject({ ok: true, count: 4, erased: [] });
    const entries = [];
    for await (const e of readLog(legacy.db)) entries.push(e);
    expect(entries.map((e) => e.facts)).toEqual(contents.map((c) => c.facts));
    expect(entries.every((e) => e.legacyHash !== null && e.salt?.length === 64)).toBe(true);
    const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'decision_log' and table_schema = current_schema()`.execute(legacy.db);
    expect(columns.rows.map((r) => r.column_name)).not.toContain('facts');
  });

  it('lets a carried-over entry be erased and still verifies the chain', async () => {
    const contents = Array.from({ length: 3 }, (_, i) => legacyContent(i));
    await writeLegacy(legacy.db, contents);
    await migrateTo006();
    expect(await eraseEntryFacts(legacy.db, contents[2].decisionId)).toBe('erased');
    expect(await verifyLog(legacy.db)).toMatchObject({ ok: true, count: 3, erased: [contents[2].decisionId] });
  });

  it('does not launder an entry that was changed before the migration', async () => {
    await writeLegacy(legacy.db, Array.from({ length: 3 }, (_, i) => legacyContent(i)));
    await sql.raw('alter table decision_log disable trigger decision_log_no_update').execute(legacy.db);
    await sql`update decision_log set outcome = 'remove' where id = 2`.execute(legacy.db);
    await migrateTo006();
    expect(await verifyLog(legacy.db)).toMatchObject({ ok: false, firstBadId: 2, problem: 'changed', detail: expect.stringMatching(/before migration 006/) });
  });

  it('migrates an empty log', async () => {
    await migrateTo006();
    expect(await verifyLog(legacy.db)).toMatchObject({ ok: true, count: 0 });
  });
});
