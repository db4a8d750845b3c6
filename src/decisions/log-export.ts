import type { Kysely } from 'kysely';
import { canonicalJson } from '../rules/canonical-json';
import type { LogEntry } from './log-entry';
import { readLog, type LogFilter } from './log-read';

export type ExportFormat = 'jsonl' | 'csv';

export const CSV_COLUMNS = [
  'id',
  'decision_id',
  'at',
  'decision',
  'pack',
  'pack_version',
  'outcome',
  'rules',
  'actor',
  'conversation_id',
  'facts',
  'prev_hash',
  'hash',
  'facts_hash',
  'erased',
] as const;

export function toJsonLine(e: LogEntry): string {
  return JSON.stringify({
    id: e.id,
    decisionId: e.decisionId,
    at: e.at,
    decision: e.decision,
    pack: e.pack,
    packVersion: e.packVersion,
    facts: e.facts === null ? null : JSON.parse(canonicalJson(e.facts)),
    outcome: e.outcome,
    rules: e.rules,
    actor: e.actor,
    conversationId: e.conversationId,
    prevHash: e.prevHash,
    hash: e.hash,
    factsHash: e.factsHash,
    erased: e.erased,
  });
}

/** RFC 4180 quoting; a leading =, +, -, @ is prefixed with ' so that a spreadsheet never runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsvLine(e: LogEntry): string {
  const cells = [
    String(e.id),
    e.decisionId,
    e.at,
    e.decision,
    e.pack,
    e.packVersion,
    e.outcome,
    e.rules.join(';'),
    e.actor,
    e.conversationId ?? '',
    e.facts === null ? '' : canonicalJson(e.facts),
    e.prevHash,
    e.hash,
    e.factsHash,
    String(e.erased),
  ];
  return cells.map(csvCell).join(',');
}

/** Lines of the export, header first for CSV; each line without its line break. Erased entries have no facts. */
export async function* exportLog(db: Kysely<any>, format: ExportFormat, filter: LogFilter = {}): AsyncGenerator<string> {
  if (format === 'csv') yield CSV_COLUMNS.join(',');
  for await (const entry of readLog(db, filter)) yield format === 'csv' ? toCsvLine(entry) : toJsonLine(entry);
}
