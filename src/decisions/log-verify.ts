import { sql, type Kysely } from 'kysely';
import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid, type Checkpoint } from './checkpoints';
import { entryHash, factsHash, GENESIS_HASH, legacyEntryHash, type LogEntry } from './log-entry';
import { readLog } from './log-read';

export type VerifyProblem =
  | 'changed'
  | 'removed'
  | 'reordered'
  /** The head row is gone. */
  | 'head_missing'
  /** The chain no longer ends where a signed checkpoint says it reached: entries were removed and the head moved back. */
  | 'truncated'
  /** The chain up to a checkpoint no longer has the hash that was signed: entries changed, removed or reordered and rehashed. */
  | 'rewritten'
  /** A checkpoint whose signature does not verify with the public key. */
  | 'checkpoint_invalid';

export type VerifyResult =
  | {
      ok: true;
      count: number;
      lastHash: string;
      /** Decision ids of entries whose facts were erased (the chain still verifies them). */
      erased: string[];
      /** How many checkpoints the chain was checked against. */
      checkpoints: number;
    }
  | {
      ok: false;
      /** Id of the first entry where the chain breaks; null when entries at the end were removed. */
      firstBadId: number | null;
      decisionId: string | null;
      /** 1-based place in id order. */
      position: number;
      problem: VerifyProblem;
      detail: string;
    };

export interface VerifyOptions {
  onProgress?: (checked: number) => void;
  /** Signed checkpoints (from the file outside the database) and the public key to check them with. */
  checkpoints?: { list: Checkpoint[]; publicKey: KeyObject };
}

type Failure = Extract<VerifyResult, { ok: false }>;

function fail(entry: LogEntry | null, position: number, problem: VerifyProblem, detail: string): Failure {
  return { ok: false, firstBadId: entry?.id ?? null, decisionId: entry?.decisionId ?? null, position, problem, detail };
}

/** The entry's own content: its hash, its facts against their salted hash, and a carried-over entry's old hash. */
function checkEntry(entry: LogEntry, position: number, legacyPrev: string): Failure | null {
  if (entryHash(entry, entry.prevHash) !== entry.hash) {
    return fail(entry, position, 'changed', `entry ${entry.id} no longer matches its hash: its content was changed`);
  }
  if (entry.factsText !== null && entry.salt !== null) {
    if (factsHash(entry.salt, entry.factsText) !== entry.factsHash) return fail(entry, position, 'changed', `the facts of entry ${entry.id} no longer match their hash: they were changed`);
  } else if (!entry.erased) {
    return fail(entry, position, 'changed', `the facts of entry ${entry.id} are missing but it was never erased: they were removed outside log:erase`);
  }
  if (entry.legacyHash !== null && entry.facts !== null && legacyEntryHash({ ...entry, facts: entry.facts }, legacyPrev) !== entry.legacyHash) {
    return fail(entry, position, 'changed', `entry ${entry.id} no longer matches its hash from before migration 006: it was changed before or during the migration`);
  }
  return null;
}

async function checkLink(db: Kysely<any>, entry: LogEntry, position: number): Promise<Failure> {
  const elsewhere = await sql<{ id: number }>`select id from decision_log where hash = ${entry.prevHash}`.execute(db);
  if (elsewhere.rows.length > 0) {
    return fail(entry, position, 'reordered', `entry ${entry.id} follows entry ${Number(elsewhere.rows[0].id)} in the chain but is stored at another place: entries were reordered`);
  }
  return fail(entry, position, 'removed', `the entry before ${entry.id} in the chain is missing: an entry was removed (or the one before was changed and rehashed)`);
}

function checkSignatures(list: Checkpoint[], publicKey: KeyObject): Failure | null {
  const bad = list.findIndex((c) => !checkpointSignatureValid(c, publicKey));
  if (bad < 0) return null;
  return fail(null, list[bad].entries, 'checkpoint_invalid', `checkpoint ${bad + 1} (${list[bad].at}) is not signed by the given key: the checkpoint file was changed or the key is wrong`);
}

/**
 * Walks the log in id order and recomputes the chain. Names the first entry that was changed (its content
 * no longer matches its hash), or where an entry before it was removed, or entries were reordered (its
 * previous-hash points to another entry than the one before it). Compares the end with the head row, which
 * must exist, so removing the newest entries is caught too. With signed checkpoints it also catches what a
 * consistent rewrite of the database hides: every checkpoint's position must still carry the signed hash, and
 * the chain must reach the last checkpoint. Erased entries verify (by their facts hash) and are listed.
 */
export async function verifyLog(db: Kysely<any>, options: VerifyOptions = {}): Promise<VerifyResult> {
  const checkpoints = options.checkpoints?.list ?? [];
  if (options.checkpoints) {
    const invalid = checkSignatures(checkpoints, options.checkpoints.publicKey);
    if (invalid) return invalid;
  }
  const byPosition = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) byPosition.set(c.entries, [...(byPosition.get(c.entries) ?? []), c]);
  let lastMatched = 0;
  const rewritten = (entry: LogEntry | null, position: number, c: Checkpoint): Failure =>
    fail(entry, position, 'rewritten', `the chain at entry ${position} no longer has the hash signed in the checkpoint of ${c.at}: entries between positions ${lastMatched + 1} and ${position} were changed, removed or reordered and the hashes recomputed`);
  for (const c of byPosition.get(0) ?? []) if (c.headHash !== GENESIS_HASH) return rewritten(null, 0, c);

  let expected = GENESIS_HASH;
  let legacyPrev = GENESIS_HASH;
  let position = 0;
  let lastId: number | null = null;
  const erased: string[] = [];
  for await (const entry of readLog(db)) {
    position++;
    if (options.onProgress && position % 1000 === 0) options.onProgress(position);
    const bad = checkEntry(entry, position, legacyPrev);
    if (bad) return bad;
    if (entry.prevHash !== expected) return checkLink(db, entry, position);
    for (const c of byPosition.get(position) ?? []) if (c.headHash !== entry.hash) return rewritten(entry, position, c);
    if (byPosition.has(position)) lastMatched = position;
    if (entry.erased) erased.push(entry.decisionId);
    if (entry.legacyHash !== null) legacyPrev = entry.legacyHash;
    expected = entry.hash;
    lastId = entry.id;
  }
  const anchorProblem = await checkAnchor(db, legacyPrev);
  if (anchorProblem) return anchorProblem;
  const head = await sql<{ entries: number | string; last_hash: string; last_id: number | string | null }>`
    select entries, last_hash, last_id from decision_log_head where singleton`.execute(db);
  const h = head.rows[0];
  if (!h) {
    return fail(null, position + 1, 'head_missing', `the log head row is missing: it was deleted, so the end of the chain (${position} entries now) cannot be checked against it`);
  }
  const reached = checkpoints.reduce((max, c) => (c.entries > max.entries ? c : max), { entries: 0, at: '' } as Pick<Checkpoint, 'entries' | 'at'>);
  if (reached.entries > position) {
    return fail(null, position + 1, 'truncated', `the checkpoint of ${reached.at} records ${reached.entries} entries but the chain ends after ${position} (id ${lastId ?? 'none'}): the newest entries were removed and the head moved back`);
  }
  if (Number(h.entries) !== position || h.last_hash !== expected) {
    const recorded = Number(h.entries);
    if (recorded > position) {
      return fail(null, position + 1, 'removed', `the log head records ${recorded} entries ending with id ${h.last_id}, but the chain ends after ${position} (id ${lastId ?? 'none'}): the newest entries were removed`);
    }
    return { ...fail(null, position, 'changed', `the log head records ${recorded} entries but the chain has ${position}: entries were added outside the log writer`), firstBadId: lastId };
  }
  return { ok: true, count: position, lastHash: expected, erased, checkpoints: checkpoints.length };
}

/** Entries carried over by migration 006 must end with the version-1 head recorded when they were re-anchored. */
async function checkAnchor(db: Kysely<any>, legacyHead: string): Promise<Failure | null> {
  const anchor = await sql<{ entries: number | string; legacy_head_hash: string }>`select entries, legacy_head_hash from decision_log_anchor where singleton`.execute(db);
  const a = anchor.rows[0];
  if (!a || a.legacy_head_hash === legacyHead) return null;
  return fail(null, Number(a.entries), 'changed', `the entries carried over by migration 006 end with version-1 hash ${legacyHead.slice(0, 16)}…, not the recorded head ${a.legacy_head_hash.slice(0, 16)}…: the old chain was changed`);
}
