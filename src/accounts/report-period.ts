export interface ReportPeriod {
  from: string;
  to: string;
  /** The month (1–12) and year the report is due in. */
  dueMonth: number;
  dueYear: number;
}

function lastDayOf(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function firstDayOf(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/**
 * The period of the latest report that is due: from the start of the reporting month before it up to the
 * end of the month before it. Stockholm reports in February and September, so in March 2026 the period
 * is 1 September 2025 – 31 January 2026; with one reporting month the period is the year before it.
 */
export function currentReportPeriod(reportingMonths: readonly number[], today: Date): ReportPeriod {
  const months = [...new Set(reportingMonths.filter((m) => Number.isInteger(m) && m >= 1 && m <= 12))].sort((a, b) => a - b);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1;
  if (months.length === 0) {
    // No reporting months in the pack: the calendar year so far.
    return { from: firstDayOf(year, 1), to: lastDayOf(year, month), dueMonth: month, dueYear: year };
  }
  const dueIndex = [...months].reverse().find((m) => m <= month);
  const dueMonth = dueIndex ?? months[months.length - 1];
  const dueYear = dueIndex ? year : year - 1;
  const position = months.indexOf(dueMonth);
  const previousMonth = position > 0 ? months[position - 1] : months[months.length - 1];
  const previousYear = position > 0 ? dueYear : dueYear - 1;
  const endMonth = dueMonth === 1 ? 12 : dueMonth - 1;
  const endYear = dueMonth === 1 ? dueYear - 1 : dueYear;
  return { from: firstDayOf(previousYear, previousMonth), to: lastDayOf(endYear, endMonth), dueMonth, dueYear };
}
