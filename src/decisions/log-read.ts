import { sql, type Kysely } from 'kysely';
import { rowToEntry, type LogEntry } from './log-entry';

export interface LogFilter {
  /** Inclusive, ISO date or date-time. */
  from?: string;
  /** Exclusive when a date-time; a plain date (YYYY-MM-DD) includes that whole day. */
  to?: string;
  pack?: string;
  decision?: string;
}

function upperBound(to: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) return new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  return new Date(to);
}

/** Entries in chain order with their facts (null when erased), read page by page so that a long log is never held in memory at once. */
export async function* readLog(db: Kysely<any>, filter: LogFilter = {}, pageSize = 2000): AsyncGenerator<LogEntry> {
  let after = 0;
  for (;;) {
    const page = await sql<Record<string, unknown>>`
      select l.*, f.facts as facts_text, f.salt, (x.decision_id is not null) as erased
      from decision_log l
      left join decision_log_facts f on f.decision_id = l.decision_id
      left join decision_log_erasures x on x.decision_id = l.decision_id
      where l.id > ${after}
        ${filter.from ? sql`and at >= ${new Date(filter.from)}` : sql``}
        ${filter.to ? sql`and at < ${upperBound(filter.to)}` : sql``}
        ${filter.pack ? sql`and pack = ${filter.pack}` : sql``}
        ${filter.decision ? sql`and decision = ${filter.decision}` : sql``}
      order by l.id
      limit ${pageSize}`.execute(db);
    for (const row of page.rows) yield rowToEntry(row);
    if (page.rows.length < pageSize) return;
    after = Number(page.rows[page.rows.length - 1].id);
  }
}

export async function countLog(db: Kysely<any>, filter: LogFilter = {}): Promise<number> {
  const result = await sql<{ n: number | string }>`
    select count(*) as n from decision_log where true
      ${filter.from ? sql`and at >= ${new Date(filter.from)}` : sql``}
      ${filter.to ? sql`and at < ${upperBound(filter.to)}` : sql``}
      ${filter.pack ? sql`and pack = ${filter.pack}` : sql``}
      ${filter.decision ? sql`and decision = ${filter.decision}` : sql``}`.execute(db);
  return Number(result.rows[0].n);
}
