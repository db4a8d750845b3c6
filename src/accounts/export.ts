import { reportToCsv } from './export-csv';
import { reportToXlsx } from './export-xlsx';
import type { AccountRegister } from './register';
import { reportCounts, type ReportCategory } from './report-rows';

export type ExportFormat = 'xlsx' | 'csv';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportRequest {
  pack: string;
  packName: string;
  from: string;
  to: string;
  format: ExportFormat;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
  counts: Record<ReportCategory, number>;
}

export function exportFileName(pack: string, from: string, to: string, format: ExportFormat): string {
  const safePack = pack.replace(/[^a-z0-9-]/gi, '');
  return `kontoregister-${safePack}-${from}--${to}.${format}`;
}

/** Builds the report of new, existing and closed accounts for a period as an Excel or CSV file. */
export async function exportRegister(register: AccountRegister, request: ExportRequest, now: Date = new Date()): Promise<ExportFile> {
  const report = await register.report(request.pack, request.from, request.to);
  const body =
    request.format === 'xlsx'
      ? await reportToXlsx(report, { packName: request.packName, from: request.from, to: request.to, createdAt: now })
      : reportToCsv(report);
  return {
    fileName: exportFileName(request.pack, request.from, request.to, request.format),
    contentType: CONTENT_TYPES[request.format],
    body,
    counts: reportCounts(report),
  };
}
