import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresSchema, withSearchPath } from '../../tests/helpers/databases';
import { openDatabase, type Database } from '../db';
import { loadPacks } from '../rules';
import { DecisionService, eraseEntryFacts, verifyLog } from '.';

/** The grants of README "Running the bot as a role that can only append to the decision log", for one schema. */
function botRoleGrants(role: string, schema: string): string[] {
  return [
    `grant usage on schema ${schema} to ${role}`,
    `grant select, insert, update, delete on all tables in schema ${schema} to ${role}`,
    `grant usage, select on all sequences in schema ${schema} to ${role}`,
    `revoke update, delete, truncate on ${schema}.decision_log, ${schema}.decision_log_facts, ${schema}.decision_log_erasures, ${schema}.decision_log_anchor from ${role}`,
    `revoke insert on ${schema}.decision_log_erasures, ${schema}.decision_log_anchor from ${role}`,
    `revoke insert, delete, truncate on ${schema}.decision_log_head from ${role}`,
  ];
}

const url = process.env.TEST_DATABASE_URL;
describe.runIf(url)('the bot as a PostgreSQL role that can only append to the decision log', () => {
  const role = `sma_bot_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  let owner: Database;
  let bot: Database;
  let schema: string;

  async function asAdmin(statements: string[]): Promise<void> {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (const s of statements) await admin.query(s);
    } finally {
      await admin.end();
    }
  }

  beforeAll(async () => {
    owner = await openPostgresSchema(url!);
    schema = (await sql<{ s: string }>`select current_schema() as s`.execute(owner.db)).rows[0].s;
    await asAdmin([`create role ${role} login`, ...botRoleGrants(role, schema)]);
    const asRole = new URL(withSearchPath(url!, schema));
    asRole.username = role;
    asRole.password = '';
    bot = await openDatabase({ databaseUrl: asRole.toString(), dataDir: '' });
  });
  afterAll(async () => {
    await bot?.close();
    await owner?.close();
    await asAdmin([`drop owned by ${role}`, `drop role ${role}`]);
  });

  it('appends and verifies as that role, is refused every change to the log, and only the owner erases', async () => {
    expect((await sql<{ u: string }>`select current_user as u`.execute(bot.db)).rows[0].u).toBe(role);
    const service = new DecisionService(bot.db, await loadPacks(path.resolve(__dirname, '../../policies')));
    const ids = [];
    for (const categories of [['question'], ['profanity'], ['other']]) ids.push((await service.decide('stockholm', 'moderate-post', { categories }, { actor: 'aad-1' })).decisionId);
    expect(await verifyLog(bot.db)).toMatchObject({ ok: true, count: 3 });

    for (const statement of [
      `update decision_log set outcome = 'remove'`,
      'delete from decision_log',
      'truncate decision_log',
      `update decision_log_facts set facts = '{}'`,
      'delete from decision_log_facts',
      'delete from decision_log_head',
      `insert into decision_log_erasures (decision_id) values ('${ids[0]}')`,
      'alter table decision_log disable trigger user',
    ]) {
      await expect(sql.raw(statement).execute(bot.db), statement).rejects.toThrow(/permission denied|must be owner/);
    }
    await expect(eraseEntryFacts(bot.db, ids[0])).rejects.toThrow(/permission denied/);
    expect(await eraseEntryFacts(owner.db, ids[0])).toBe('erased');
    expect(await verifyLog(bot.db)).toMatchObject({ ok: true, count: 3, erased: [ids[0]] });
  });
});
