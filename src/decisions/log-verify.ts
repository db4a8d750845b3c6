import { sql, type Kysely } from 'kysely';
import { entryHash, GENESIS_HASH } from './log-entry';
import { readLog } from './log-read';

export type VerifyProblem = 'changed' | 'removed' | 'reordered';

export type VerifyResult =
  | { ok: true; count: number; lastHash: string }
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

/**
 * Walks the log in id order and recomputes the chain. Names the first entry that was changed (its content
 * no longer matches its hash), or where an entry before it was removed, or entries were reordered (its
 * previous-hash points to another entry than the one before it). Compares the end with the head row, so
 * removing the newest entries is caught too.
 */
export async function verifyLog(db: Kysely<any>, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let expected = GENESIS_HASH;
  let position = 0;
  let lastId: number | null = null;
  for await (const entry of readLog(db)) {
    position++;
    if (onProgress && position % 1000 === 0) onProgress(position);
    const recomputed = entryHash(entry, entry.prevHash);
    if (recomputed !== entry.hash) {
      return { ok: false, firstBadId: entry.id, decisionId: entry.decisionId, position, problem: 'changed', detail: `entry ${entry.id} no longer matches its hash: its content was changed` };
    }
    if (entry.prevHash !== expected) {
      const elsewhere = await sql<{ id: number }>`select id from decision_log where hash = ${entry.prevHash}`.execute(db);
      if (elsewhere.rows.length > 0) {
        return {
          ok: false,
          firstBadId: entry.id,
          decisionId: entry.decisionId,
          position,
          problem: 'reordered',
          detail: `entry ${entry.id} follows entry ${Number(elsewhere.rows[0].id)} in the chain but is stored at another place: entries were reordered`,
        };
      }
      return {
        ok: false,
        firstBadId: entry.id,
        decisionId: entry.decisionId,
        position,
        problem: 'removed',
        detail: `the entry before ${entry.id} in the chain is missing: an entry was removed (or the one before was changed and rehashed)`,
      };
    }
    expected = entry.hash;
    lastId = entry.id;
  }
  const head = await sql<{ entries: number | string; last_hash: string; last_id: number | string | null }>`
    select entries, last_hash, last_id from decision_log_head where singleton`.execute(db);
  const h = head.rows[0];
  if (h && (Number(h.entries) !== position || h.last_hash !== expected)) {
    const recorded = Number(h.entries);
    if (recorded > position) {
      return {
        ok: false,
        firstBadId: null,
        decisionId: null,
        position: position + 1,
        problem: 'removed',
        detail: `the log head records ${recorded} entries ending with id ${h.last_id}, but the chain ends after ${position} (id ${lastId ?? 'none'}): the newest entries were removed`,
      };
    }
    return {
      ok: false,
      firstBadId: lastId,
      decisionId: null,
      position,
      problem: 'changed',
      detail: `the log head records ${recorded} entries but the chain has ${position}: entries were added outside the log writer`,
    };
  }
  return { ok: true, count: position, lastHash: expected };
}
