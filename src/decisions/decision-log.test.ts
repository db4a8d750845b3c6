import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, withSearchPath } from '../../tests/helpers/databases';
import { openDatabase, type Database } from '../db';
import { FactsError, loadPack, loadPacks, type PackRegistry } from '../rules';
import { countLog, DecisionService, exportLog, readLog, replayLog, verifyLog } from '.';
import { resetLog, tamper } from './testing/log-fixtures';

const POLICIES = path.resolve(__dirname, '../../policies');
const run = promisify(execFile);
let packs: PackRegistry;

beforeAll(async () => {
  packs = await loadPacks(POLICIES);
});

/** A clock that moves one day per decision from 2025-01-10, so that time filters have something to cut. */
function steppingClock(): () => Date {
  let day = 0;
  return () => new Date(Date.UTC(2025, 0, 10 + day++, 9, 0, 0));
}

async function decideSome(service: DecisionService, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const out = await service.decide('stockholm', 'moderate-post', { categories: i % 2 ? ['question'] : ['profanity'] }, { actor: 'user-aad-id', conversationId: `conv-${i}` });
    ids.push(out.decisionId);
  }
  return ids;
}

describe.each(testDatabases())('decision log on $name', ({ open }) => {
  let database: Database;
  let service: DecisionService;

  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await resetLog(database);
    service = new DecisionService(database.db, packs, steppingClock());
  });

  it('writes one entry per decision with the validated facts, rules, actor and conversation', async () => {
    const out = await service.decide('stockholm', 'open-account', { unit: '  Kultur  ', accountType: 'official' }, { actor: 'aad-1', conversationId: 'conv-9' });
    const [entry] = await collect(readLog(database.db));
    expect(entry).toMatchObject({
      decisionId: out.decisionId,
      at: out.at,
      decision: 'open-account',
      pack: 'stockholm',
      packVersion: packs.get('stockholm')!.version,
      facts: { unit: 'Kultur', accountType: 'official' },
      outcome: 'incomplete',
      actor: 'aad-1',
      conversationId: 'conv-9',
    });
    expect(entry.rules[0]).toBe(out.reasons[0].rule);
    expect(entry.rules).toEqual(out.reasons.map((r) => r.rule));
  });

  it('writes nothing for refused facts or when asked not to log', async () => {
    await expect(service.decide('stockholm', 'open-account', { credentialsLocation: 'lösenord: Hemligt!23' }, { actor: 'cli' })).rejects.toBeInstanceOf(FactsError);
    await service.decide('stockholm', 'moderate-post', { categories: ['other'] }, { actor: 'cli', log: false });
    expect(await countLog(database.db)).toBe(0);
    const rows = await sql`select * from decision_log l left join decision_log_facts f using (decision_id)`.execute(database.db);
    const everything = JSON.stringify(rows.rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(everything).not.toContain('Hemligt');
  });

  it('refuses an unknown pack and lists the valid ones', async () => {
    await expect(service.decide('malmo', 'moderate-post', { categories: ['other'] }, { actor: 'cli' })).rejects.toMatchObject({
      code: 'pack_unknown',
      valid: ['nykoping', 'stockholm'],
    });
  });

  it('is append-only: updates and deletes are refused by the database', async () => {
    await decideSome(service, 2);
    await expect(sql`update decision_log set outcome = 'remove'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from decision_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`update decision_log_head set entries = 0`.execute(database.db)).rejects.toThrow(/only moves forward/);
  });

  it('verifies an untouched chain', async () => {
    await decideSome(service, 5);
    expect(await verifyLog(database.db)).toMatchObject({ ok: true, count: 5 });
  });

  it('names an entry whose content was changed in the database', async () => {
    await decideSome(service, 5);
    await tamper(database, `update decision_log set outcome = 'remove' where id = 3`);
    expect(await verifyLog(database.db)).toMatchObject({ ok: false, firstBadId: 3, position: 3, problem: 'changed' });
  });

  it('names the entry after one that was removed', async () => {
    const ids = await decideSome(service, 5);
    await tamper(database, `delete from decision_log where id = 3`);
    expect(await verifyLog(database.db)).toMatchObject({ ok: false, firstBadId: 4, decisionId: ids[3], position: 3, problem: 'removed' });
  });

  it('notices that the newest entries were removed', async () => {
    await decideSome(service, 5);
    await tamper(database, `delete from decision_log where id >= 4`);
    expect(await verifyLog(database.db)).toMatchObject({ ok: false, firstBadId: null, position: 4, problem: 'removed' });
  });

  it('names entries that were reordered', async () => {
    await decideSome(service, 5);
    await tamper(database, `update decision_log set id = -2 where id = 2`);
    await tamper(database, `update decision_log set id = 2 where id = 3`);
    await tamper(database, `update decision_log set id = 3 where id = -2`);
    expect(await verifyLog(database.db)).toMatchObject({ ok: false, firstBadId: 2, position: 2, problem: 'reordered' });
  });

  it('keeps one chain when many decisions are logged at once', async () => {
    await Promise.all(Array.from({ length: 120 }, (_, i) => service.decide('nykoping', 'moderate-post', { categories: i % 3 ? ['question'] : ['other'] }, { actor: 'a' })));
    expect(await verifyLog(database.db)).toMatchObject({ ok: true, count: 120 });
  });

  it('exports JSON Lines and CSV, optionally for a period', async () => {
    await decideSome(service, 4);
    const jsonl = await collect(exportLog(database.db, 'jsonl'));
    expect(jsonl).toHaveLength(4);
    expect(JSON.parse(jsonl[0])).toMatchObject({ id: 1, decision: 'moderate-post', outcome: 'keep', rules: ['not-on-removal-list-keep'], facts: { categories: ['profanity'], postedBy: 'public' } });
    const csv = await collect(exportLog(database.db, 'csv', { from: '2025-01-11', to: '2025-01-12' }));
    expect(csv[0]).toBe('id,decision_id,at,decision,pack,pack_version,outcome,rules,actor,conversation_id,facts,prev_hash,hash,facts_hash,erased');
    expect(csv.slice(1).map((l) => l.split(',')[2])).toEqual(['2025-01-11T09:00:00.000Z', '2025-01-12T09:00:00.000Z']);
    expect(csv[1]).toContain('"{""categories"":[""question""],""postedBy"":""public""}"');
  });

  it('replays logged facts against another pack version and lists what would change', async () => {
    await decideSome(service, 4);
    await service.decide('stockholm', 'open-account', { accountType: 'official', announcementOnly: true }, { actor: 'a' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sma-replay-'));
    try {
      cpSync(path.join(POLICIES, 'stockholm'), path.join(dir, 'stockholm'), { recursive: true });
      const rulesFile = path.join(dir, 'stockholm', 'rules', 'moderate-post.json');
      const rules = JSON.parse(readFileSync(rulesFile, 'utf8'));
      // The new version removes profanity whoever writes it, and drops the announcementOnly fact.
      rules.rules.find((r: { name: string }) => r.name === 'staff-post-careful-language').conditions = { all: [{ fact: 'categories', operator: 'contains', value: 'profanity' }] };
      writeFileSync(rulesFile, JSON.stringify(rules));
      const packFile = path.join(dir, 'stockholm', 'pack.json');
      const pack = JSON.parse(readFileSync(packFile, 'utf8'));
      delete pack.extraFacts['open-account'];
      rules.rules = rules.rules.filter(() => true);
      const openRules = JSON.parse(readFileSync(path.join(dir, 'stockholm', 'rules', 'open-account.json'), 'utf8'));
      openRules.rules = openRules.rules.filter((r: { name: string }) => !['daily-monitoring-needed', 'announcement-account-lower-monitoring'].includes(r.name));
      writeFileSync(path.join(dir, 'stockholm', 'rules', 'open-account.json'), JSON.stringify(openRules));
      writeFileSync(packFile, JSON.stringify(pack));
      const next = await loadPack(path.join(dir, 'stockholm'));
      const report = await replayLog(database.db, next);
      expect(report.replayed).toBe(5);
      expect(report.changed.map((c) => [c.before, c.after])).toEqual([
        ['keep', 'remove'],
        ['keep', 'remove'],
      ]);
      expect(report.changed[0].rulesAfter).toContain('staff-post-careful-language');
      expect(report.unchanged).toBe(2);
      expect(report.invalid).toEqual([expect.objectContaining({ decision: 'open-account', issues: [expect.stringMatching(/^announcementOnly: unknown fact/)] })]);
      expect(report.fromVersions).toEqual({ [packs.get('stockholm')!.version]: 5 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const postgres = testDatabases().filter((d) => d.name === 'postgres');
describe.each(postgres)('decision log across processes on $name', () => {
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_procs_${process.pid}_${Date.now()}`;
  let database: Database;

  beforeAll(async () => {
    await sql.raw(`create schema ${schema}`).execute((await openDatabase({ databaseUrl: url, dataDir: '' })).db);
    database = await openDatabase({ databaseUrl: withSearchPath(url, schema), dataDir: '' });
  });
  afterAll(async () => {
    await database.close();
    const admin = await openDatabase({ databaseUrl: url, dataDir: '' });
    await sql.raw(`drop schema ${schema} cascade`).execute(admin.db);
    await admin.close();
  });

  it('keeps one unbroken chain when two processes append at the same time', async () => {
    const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
    const worker = path.join(__dirname, 'testing', 'append-worker.ts');
    const scoped = withSearchPath(url, schema);
    await Promise.all([run(tsx, [worker, scoped, '150']), run(tsx, [worker, scoped, '150'])]);
    const result = await verifyLog(database.db);
    expect(result).toMatchObject({ ok: true, count: 300 });
    const actors = new Set((await collect(readLog(database.db))).map((e) => e.actor));
    expect(actors.size).toBe(2);
  }, 120_000);
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of iterable) list.push(item);
  return list;
}
