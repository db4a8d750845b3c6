import { ACCOUNT_TYPE_LABELS, REGISTERED_VIA_LABELS, STATUS_LABELS } from './labels';
import type { Account, AccountReport } from './types';

export type ReportCategory = keyof AccountReport;

export const CATEGORY_LABELS: Record<ReportCategory, string> = {
  opened: 'Nystartade',
  existing: 'Befintliga',
  closed: 'Avslutade',
};

export const CATEGORIES: readonly ReportCategory[] = ['opened', 'existing', 'closed'];

export interface ReportColumn {
  header: string;
  width: number;
  value(account: Account): string;
}

/** The columns of the report, in order. The credentials reference is internal and never exported. */
export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { header: 'Förvaltning/enhet', width: 28, value: (a) => a.unit },
  { header: 'Plattform', width: 14, value: (a) => a.platform },
  { header: 'Kontonamn', width: 28, value: (a) => a.accountName },
  { header: 'Adress', width: 36, value: (a) => a.url ?? '' },
  { header: 'Typ', width: 16, value: (a) => ACCOUNT_TYPE_LABELS[a.accountType] },
  { header: 'Syfte', width: 40, value: (a) => a.purpose },
  { header: 'Mål', width: 36, value: (a) => a.goals.join('; ') },
  { header: 'Målgrupper', width: 28, value: (a) => a.audiences.join('; ') },
  { header: 'Ansvarig', width: 22, value: (a) => a.owner.name },
  { header: 'Ersättare', width: 22, value: (a) => a.standIn?.name ?? '' },
  { header: 'Startat', width: 12, value: (a) => a.openedOn },
  { header: 'Slutdatum', width: 12, value: (a) => a.endDate ?? '' },
  { header: 'Status', width: 14, value: (a) => STATUS_LABELS[a.status] },
  { header: 'Avslutas', width: 12, value: (a) => a.closingOn ?? '' },
  { header: 'Avslutat', width: 12, value: (a) => a.closedOn ?? '' },
  { header: 'Registrerat via', width: 16, value: (a) => REGISTERED_VIA_LABELS[a.registeredVia] },
];

export function reportCounts(report: AccountReport): Record<ReportCategory, number> {
  return { opened: report.opened.length, existing: report.existing.length, closed: report.closed.length };
}
