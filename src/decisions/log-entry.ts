import { randomBytes } from 'node:crypto';
import type { Generated } from 'kysely';
import { canonicalJson, sha256 } from '../rules/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** Tables of migrations/002_decision_log.sql and 006_decision_log_salted_facts.sql. */
export interface DecisionLogTables {
  decision_log: {
    id: Generated<number>;
    decision_id: string;
    at: Date;
    decision: string;
    pack: string;
    pack_version: string;
    facts_hash: string;
    outcome: string;
    rules: unknown;
    actor: string;
    conversation_id: string | null;
    prev_hash: string;
    hash: string;
    /** The version-1 hash of an entry written before migration 006; null after. */
    legacy_hash: string | null;
  };
  decision_log_head: {
    singleton: boolean;
    entries: number;
    last_id: number | null;
    last_hash: string;
  };
  decision_log_facts: { decision_id: string; salt: string; facts: string };
  decision_log_erasures: { decision_id: string; erased_at: Generated<Date> };
  decision_log_anchor: { singleton: Generated<boolean>; migrated_at: Generated<Date>; entries: number; legacy_head_hash: string; head_hash: string };
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

/** The part of an entry the chain hashes: everything but the facts, which it holds by their salted hash. */
export type ChainedContent = Omit<LogContent, 'facts'> & { factsHash: string };

export interface LogEntry extends ChainedContent {
  id: number;
  /** Null when the entry's facts were erased. */
  facts: Record<string, unknown> | null;
  /** The stored JSON text the facts hash covers, and its salt; null when erased. */
  factsText: string | null;
  salt: string | null;
  /** Recorded as erased (its facts and salt are gone on purpose). */
  erased: boolean;
  prevHash: string;
  hash: string;
  /** Version-1 hash of an entry carried over by migration 006; null for entries written since. */
  legacyHash: string | null;
}

export function newSalt(): string {
  return randomBytes(32).toString('hex');
}

/** sha256(salt || facts text): the salt keeps the few possible values of low-entropy facts from being guessed. */
export function factsHash(salt: string, factsText: string): string {
  return sha256(salt + factsText);
}

/**
 * Chain version 2: sha256 over the canonical JSON of the entry without its facts, the facts' salted hash and the
 * previous entry's hash (the id is not part of it). Migration 006 builds the same text in SQL; keep them equal.
 */
export function entryHash(content: ChainedContent, prevHash: string): string {
  return sha256(
    canonicalJson({
      v: 2,
      decisionId: content.decisionId,
      at: content.at,
      decision: content.decision,
      pack: content.pack,
      packVersion: content.packVersion,
      factsHash: content.factsHash,
      outcome: content.outcome,
      rules: content.rules,
      actor: content.actor,
      conversationId: content.conversationId,
      prevHash,
    }),
  );
}

/** Chain version 1 (before migration 006), which hashed the facts themselves: checks carried-over entries. */
export function legacyEntryHash(content: LogContent, prevHash: string): string {
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

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A row of decision_log joined with its facts (facts_text, salt) and erasure (erased). */
export function rowToEntry(row: Row): LogEntry {
  const at = row.at instanceof Date ? row.at.toISOString() : new Date(String(row.at)).toISOString();
  const factsText = text(row.facts_text);
  return {
    id: Number(row.id),
    decisionId: String(row.decision_id),
    at,
    decision: String(row.decision),
    pack: String(row.pack),
    packVersion: String(row.pack_version),
    factsHash: String(row.facts_hash),
    facts: factsText === null ? null : json<Record<string, unknown>>(factsText),
    factsText,
    salt: text(row.salt),
    erased: row.erased === true,
    outcome: String(row.outcome),
    rules: json<string[]>(row.rules),
    actor: String(row.actor),
    conversationId: text(row.conversation_id),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
    legacyHash: text(row.legacy_hash),
  };
}
