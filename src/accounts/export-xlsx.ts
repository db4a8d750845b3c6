import ExcelJS from 'exceljs';
import { swedishDate } from './labels';
import { CATEGORIES, CATEGORY_LABELS, REPORT_COLUMNS, reportCounts } from './report-rows';
import type { AccountReport } from './types';

export interface ReportMeta {
  packName: string;
  from: string;
  to: string;
  createdAt: Date;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F0' } };

/** The report as a workbook: a summary sheet and one sheet per category, with frozen, filterable headers. */
export async function reportToXlsx(report: AccountReport, meta: ReportMeta): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sociala medier-assistenten';
  workbook.created = meta.createdAt;
  workbook.modified = meta.createdAt;

  const summary = workbook.addWorksheet('Sammanfattning');
  summary.columns = [{ width: 34 }, { width: 40 }];
  summary.addRow([`Konton i sociala medier – ${meta.packName}`]).font = { bold: true, size: 14 };
  summary.addRow([]);
  summary.addRow(['Period', `${swedishDate(meta.from)} – ${swedishDate(meta.to)}`]);
  summary.addRow(['Framtagen', meta.createdAt.toISOString().slice(0, 10)]);
  summary.addRow([]);
  const counts = reportCounts(report);
  for (const category of CATEGORIES) summary.addRow([`${CATEGORY_LABELS[category]} konton`, counts[category]]);
  summary.addRow([]);
  summary.addRow(['Nystartade: startade under perioden. Befintliga: startade före perioden och fortfarande öppna när den slutade. Avslutade: stängda under perioden.']);
  summary.getRow(summary.rowCount).alignment = { wrapText: true };
  summary.mergeCells(summary.rowCount, 1, summary.rowCount, 2);
  summary.getRow(summary.rowCount).height = 48;

  for (const category of CATEGORIES) {
    const sheet = workbook.addWorksheet(CATEGORY_LABELS[category], { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = REPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.fill = HEADER_FILL;
    for (const account of report[category]) sheet.addRow(REPORT_COLUMNS.map((c) => c.value(account)));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REPORT_COLUMNS.length } };
  }

  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
