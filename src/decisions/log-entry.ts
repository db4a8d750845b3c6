import type { Generated } from 'kysely';
import { canonicalJson, sha256 } from '../rules/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** Tables of migrations/002_decision_log.sql. */
export interface DecisionLogTables {
  decision_log: {
    id: Generated<number>;
    decision_id: string;
    at: Date;
    decision: string;
    pack: string;
    pack_version: string;
    facts: unknown;
    outcome: string;
    rules: unknown;
    actor: string;
    conversation_id: string | null;
    prev_hash: string;
    hash: string;
  };
  decision_log_head: {
    singleton: boolean;
    entries: number;
    last_id: number | null;
    last_hash: string;
  };
}

/** What one log entry says, before it is chained. */
export interface LogContent {
  decisionId: string;
  at: string;
  decision: string;
  pack: string;
  packVersion: string;
  /** As validated: never raw input. */
  facts: Record<string, unknown>;
  outcome: string;
  rules: string[];
  actor: string;
  conversationId: string | null;
}

export interface LogEntry extends LogContent {
  id: number;
  prevHash: string;
  hash: string;
}

/** sha256 over the canonical JSON of the entry's content and the previous entry's hash (the id is not part of it). */
export function entryHash(content: LogContent, prevHash: string): string {
  return sha256(
    canonicalJson({
      v: 1,
      decisionId: content.decisionId,
      at: content.at,
      decision: content.decision,
      pack: content.pack,
      packVersion: content.packVersion,
      facts: content.facts,
      outcome: content.outcome,
      rules: content.rules,
      actor: content.actor,
      conversationId: content.conversationId,
      prevHash,
    }),
  );
}

type Row = Record<string, unknown>;

export function rowToEntry(row: Row): LogEntry {
  const at = row.at instanceof Date ? row.at.toISOString() : new Date(String(row.at)).toISOString();
  return {
    id: Number(row.id),
    decisionId: String(row.decision_id),
    at,
    decision: String(row.decision),
    pack: String(row.pack),
    packVersion: String(row.pack_version),
    facts: (typeof row.facts === 'string' ? JSON.parse(row.facts) : row.facts) as Record<string, unknown>,
    outcome: String(row.outcome),
    rules: (typeof row.rules === 'string' ? JSON.parse(row.rules) : row.rules) as string[],
    actor: String(row.actor),
    conversationId: row.conversation_id === null || row.conversation_id === undefined ? null : String(row.conversation_id),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}
