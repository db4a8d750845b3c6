import { CATEGORIES, CATEGORY_LABELS, REPORT_COLUMNS } from './report-rows';
import type { AccountReport } from './types';

/** Spreadsheet programs run cells that start like a formula; a leading apostrophe keeps them text. */
function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: string): string {
  const safe = neutralise(value.replace(/\r\n?/g, '\n'));
  return /[";\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The report as one CSV table with a category column. Semicolons and a byte-order mark, because that is
 * what Excel with Swedish settings opens correctly (the comma is the decimal separator there).
 */
export function reportToCsv(report: AccountReport): Buffer {
  const lines = [['Kategori', ...REPORT_COLUMNS.map((c) => c.header)].map(cell).join(';')];
  for (const category of CATEGORIES) {
    for (const account of report[category]) {
      lines.push([CATEGORY_LABELS[category], ...REPORT_COLUMNS.map((c) => c.value(account))].map(cell).join(';'));
    }
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
