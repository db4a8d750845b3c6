import type { Kysely } from 'kysely';
import { evaluateDetailed } from '../rules/evaluate';
import { FactsError } from '../rules/errors';
import { isDecisionName } from '../rules/decisions';
import type { LoadedPack } from '../rules/types';
import { readLog, type LogFilter } from './log-read';

export interface ReplayChange {
  id: number;
  decisionId: string;
  decision: string;
  at: string;
  before: string;
  after: string;
  rulesBefore: string[];
  rulesAfter: string[];
}

export interface ReplayInvalid {
  id: number;
  decisionId: string;
  decision: string;
  /** Field names and what is expected; never values. */
  issues: string[];
}

export interface ReplayReport {
  pack: string;
  toVersion: string;
  /** Pack versions the replayed entries were decided with, and how many of each. */
  fromVersions: Record<string, number>;
  replayed: number;
  /** Entries skipped because their facts were erased. */
  erased: number;
  unchanged: number;
  changed: ReplayChange[];
  /** Entries whose facts the new pack version does not accept. */
  invalid: ReplayInvalid[];
}

/**
 * Re-evaluates the logged facts of one pack's decisions against another version of that pack (for example
 * a changed folder) and lists the decisions whose outcome would change. Each entry is evaluated at its own
 * time, so date-dependent decisions replay as they were made. Entries whose facts were erased are skipped and
 * counted. Writes nothing.
 */
export async function replayLog(
  db: Kysely<any>,
  pack: LoadedPack,
  filter: Omit<LogFilter, 'pack'> = {},
  onProgress?: (done: number) => void,
): Promise<ReplayReport> {
  const report: ReplayReport = { pack: pack.id, toVersion: pack.version, fromVersions: {}, replayed: 0, erased: 0, unchanged: 0, changed: [], invalid: [] };
  for await (const entry of readLog(db, { ...filter, pack: pack.id })) {
    if (!isDecisionName(entry.decision)) continue;
    if (entry.facts === null) {
      report.erased++;
      continue;
    }
    report.replayed++;
    report.fromVersions[entry.packVersion] = (report.fromVersions[entry.packVersion] ?? 0) + 1;
    if (onProgress && report.replayed % 500 === 0) onProgress(report.replayed);
    try {
      const now = new Date(entry.at);
      const result = evaluateDetailed(pack, entry.decision, entry.facts, now);
      if (result.output.outcome === entry.outcome) {
        report.unchanged++;
      } else {
        report.changed.push({
          id: entry.id,
          decisionId: entry.decisionId,
          decision: entry.decision,
          at: entry.at,
          before: entry.outcome,
          after: result.output.outcome,
          rulesBefore: entry.rules,
          rulesAfter: result.rules,
        });
      }
    } catch (error) {
      if (!(error instanceof FactsError)) throw error;
      report.invalid.push({ id: entry.id, decisionId: entry.decisionId, decision: entry.decision, issues: error.issues.map((i) => `${i.field}: ${i.message}`) });
    }
  }
  return report;
}
