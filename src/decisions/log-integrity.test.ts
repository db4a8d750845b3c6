import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../tests/helpers/databases';
import type { Database } from '../db';
import { loadPack, loadPacks, type PackRegistry } from '../rules';
import { DecisionService, eraseEntryFacts, exportLog, readCheckpoints, readLog, replayLog, takeCheckpoint, verifyLog } from '.';
import { rehashChain, resetLog, tamper } from './testing/log-fixtures';

const POLICIES = path.resolve(__dirname, '../../policies');
let packs: PackRegistry;
let dir: string;

beforeAll(async () => {
  packs = await loadPacks(POLICIES);
  dir = mkdtempSync(path.join(os.tmpdir(), 'sma-log-integrity-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

describe.each(testDatabases())('decision log integrity on $name', ({ name, open }) => {
  let database: Database;
  let service: DecisionService;
  let keys: { privateKey: KeyObject; publicKey: KeyObject };
  let file: string;
  let fileNo = 0;

  const decide = async (n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const out = await service.decide('stockholm', 'moderate-post', { categories: i % 2 ? ['question'] : ['profanity'] }, { actor: 'aad-1', conversationId: `conv-${i}` });
      ids.push(out.decisionId);
    }
    return ids;
  };
  const checkpoint = () => takeCheckpoint(database.db, { privateKey: keys.privateKey, file });
  const verifyWithCheckpoints = () => verifyLog(database.db, { checkpoints: { list: readCheckpoints(file), publicKey: keys.publicKey } });

  beforeAll(async () => {
    database = await open();
    keys = keyPair();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await resetLog(database);
    service = new DecisionService(database.db, packs);
    file = path.join(dir, `${name}-${++fileNo}.jsonl`);
  });

  describe('the head row', () => {
    it('is mandatory: a deleted head row fails verify', async () => {
      await decide(3);
      await tamper(database, 'delete from decision_log_head');
      expect(await verifyLog(database.db)).toMatchObject({ ok: false, problem: 'head_missing' });
    });

    it('cannot be deleted by anyone the triggers apply to', async () => {
      await expect(sql`delete from decision_log_head`.execute(database.db)).rejects.toThrow(/only moves forward/);
    });
  });

  describe('signed checkpoints', () => {
    it('verifies an untouched chain that grew after the last checkpoint', async () => {
      await decide(3);
      expect(await checkpoint()).toMatchObject({ entries: 3 });
      await decide(2);
      expect(await checkpoint()).toMatchObject({ entries: 5 });
      expect(await checkpoint()).toBeNull();
      await decide(1);
      expect(await verifyWithCheckpoints()).toMatchObject({ ok: true, count: 6, checkpoints: 2 });
    });

    it('catch a deleted head row', async () => {
      await decide(3);
      await checkpoint();
      await tamper(database, 'delete from decision_log_head');
      expect(await verifyWithCheckpoints()).toMatchObject({ ok: false, problem: 'head_missing' });
    });

    it('catch the newest entries deleted and the head moved back', async () => {
      await decide(5);
      await checkpoint();
      const third = (await sql<{ hash: string }>`select hash from decision_log where id = 3`.execute(database.db)).rows[0].hash;
      await tamper(database, 'delete from decision_log_facts where decision_id in (select decision_id from decision_log where id >= 4)', 'delete from decision_log where id >= 4', `update decision_log_head set entries = 3, last_id = 3, last_hash = '${third}'`);
      expect(await verifyLog(database.db)).toMatchObject({ ok: true, count: 3 });
      expect(await verifyWithCheckpoints()).toMatchObject({ ok: false, problem: 'truncated', position: 4, detail: expect.stringMatching(/records 5 entries but the chain ends after 3/) });
      await expect(checkpoint()).rejects.toThrow(/fewer than the 5 of the last checkpoint/);
    });

    it('catch an edit with every hash recomputed', async () => {
      await decide(5);
      await checkpoint();
      await tamper(database, `update decision_log set outcome = 'remove' where id = 2`);
      await rehashChain(database);
      expect(await verifyLog(database.db)).toMatchObject({ ok: true, count: 5 });
      expect(await verifyWithCheckpoints()).toMatchObject({ ok: false, problem: 'rewritten', position: 5, detail: expect.stringMatching(/between positions 1 and 5/) });
    });

    it('catch a deleted tail replaced by as many new entries', async () => {
      await decide(4);
      await checkpoint();
      await tamper(database, 'delete from decision_log_facts where decision_id in (select decision_id from decision_log where id >= 3)', 'delete from decision_log where id >= 3');
      await rehashChain(database);
      await decide(2);
      expect(await verifyLog(database.db)).toMatchObject({ ok: true, count: 4 });
      expect(await verifyWithCheckpoints()).toMatchObject({ ok: false, problem: 'rewritten', position: 4 });
    });

    it('catch reordered entries with every hash recomputed', async () => {
      await decide(5);
      await checkpoint();
      await tamper(database, 'update decision_log set id = -2 where id = 2', 'update decision_log set id = 2 where id = 3', 'update decision_log set id = 3 where id = -2');
      await rehashChain(database);
      expect(await verifyLog(database.db)).toMatchObject({ ok: true, count: 5 });
      expect(await verifyWithCheckpoints()).toMatchObject({ ok: false, problem: 'rewritten' });
    });

    it('name the earliest checkpoint the rewrite is behind', async () => {
      await decide(2);
      await checkpoint();
      await decide(3);
      await checkpoint();
      await tamper(database, `update decision_log set outcome = 'remove' where id = 4`);
      await rehashChain(database);
      expect(await verifyWithCheckpoints()).toMatchObject({ ok: false, problem: 'rewritten', position: 5, detail: expect.stringMatching(/between positions 3 and 5/) });
    });

    it('refuse a checkpoint file that was changed, or a key that did not sign it', async () => {
      await decide(2);
      await checkpoint();
      const forged = { ...readCheckpoints(file)[0], entries: 1 };
      writeFileSync(file, `${JSON.stringify(forged)}\n`);
      expect(await verifyWithCheckpoints()).toMatchObject({ ok: false, problem: 'checkpoint_invalid' });
      writeFileSync(file, '');
      await checkpoint();
      expect(await verifyLog(database.db, { checkpoints: { list: readCheckpoints(file), publicKey: keyPair().publicKey } })).toMatchObject({ ok: false, problem: 'checkpoint_invalid' });
      appendFileSync(file, 'not json\n');
      expect(() => readCheckpoints(file)).toThrow(/line 2: not JSON/);
    });
  });

  describe('erasure of one entry', () => {
    it('removes its facts and salt, and verify still passes, reporting it as erased', async () => {
      const ids = await decide(3);
      await checkpoint();
      expect(await eraseEntryFacts(database.db, ids[1])).toBe('erased');
      expect(await eraseEntryFacts(database.db, ids[1])).toBe('already_erased');
      expect(await eraseEntryFacts(database.db, '00000000-0000-4000-8000-000000000000')).toBe('not_found');
      const left = await sql<{ n: number }>`select count(*)::int as n from decision_log_facts where decision_id = ${ids[1]}`.execute(database.db);
      expect(left.rows[0].n).toBe(0);
      expect(await verifyWithCheckpoints()).toMatchObject({ ok: true, count: 3, erased: [ids[1]] });
      const entries = [];
      for await (const e of readLog(database.db)) entries.push(e);
      expect(entries.map((e) => [e.erased, e.facts === null])).toEqual([[false, false], [true, true], [false, false]]);
    });

    it('keeps export and replay working: erased entries are marked and skipped with a count', async () => {
      const ids = await decide(3);
      await eraseEntryFacts(database.db, ids[0]);
      const lines = [];
      for await (const line of exportLog(database.db, 'jsonl')) lines.push(JSON.parse(line));
      expect(lines.map((l) => [l.erased, l.facts])).toEqual([[true, null], [false, { categories: ['question'], postedBy: 'public' }], [false, { categories: ['profanity'], postedBy: 'public' }]]);
      const csv = [];
      for await (const line of exportLog(database.db, 'csv')) csv.push(line);
      expect(csv[1].endsWith(',true')).toBe(true);
      const report = await replayLog(database.db, await loadPack(path.join(POLICIES, 'stockholm')));
      expect(report).toMatchObject({ replayed: 2, erased: 1, unchanged: 2 });
    });

    it('is the only way facts leave: a plain delete is refused, and facts removed behind its back fail verify', async () => {
      const ids = await decide(2);
      await expect(sql`delete from decision_log_facts where decision_id = ${ids[0]}`.execute(database.db)).rejects.toThrow(/only by an erasure/);
      await expect(sql`update decision_log_facts set facts = '{}'`.execute(database.db)).rejects.toThrow(/cannot be changed/);
      await tamper(database, `delete from decision_log_facts where decision_id = '${ids[0]}'`);
      expect(await verifyLog(database.db)).toMatchObject({ ok: false, firstBadId: 1, problem: 'changed', detail: expect.stringMatching(/never erased/) });
    });

    it('still detects changed facts through their salted hash', async () => {
      const ids = await decide(2);
      await tamper(database, `update decision_log_facts set facts = '{"categories":["unlawful_threat"],"postedBy":"public"}' where decision_id = '${ids[1]}'`);
      expect(await verifyLog(database.db)).toMatchObject({ ok: false, firstBadId: 2, problem: 'changed', detail: expect.stringMatching(/facts of entry 2/) });
    });

    it('salts every entry differently, so equal facts do not give equal hashes', async () => {
      await service.decide('stockholm', 'moderate-post', { categories: ['question'] }, { actor: 'a' });
      await service.decide('stockholm', 'moderate-post', { categories: ['question'] }, { actor: 'a' });
      const rows = await sql<{ facts_hash: string }>`select facts_hash from decision_log order by id`.execute(database.db);
      expect(new Set(rows.rows.map((r) => r.facts_hash)).size).toBe(2);
    });
  });

  it('keeps the checkpoint file outside the database and readable as JSON lines', async () => {
    await decide(1);
    await checkpoint();
    const [line] = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(line).toMatchObject({ v: 1, entries: 1, keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });
});
