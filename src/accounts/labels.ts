import type { Account, AccountStatus } from './types';

/** Swedish words for register values, in one place for cards, CSV and Excel. */
export const STATUS_LABELS: Record<AccountStatus, string> = {
  active: 'Aktivt',
  closing: 'Under avslut',
  closed: 'Avslutat',
};

export const ACCOUNT_TYPE_LABELS: Record<Account['accountType'], string> = {
  official: 'Officiellt',
  pedagogical: 'Pedagogiskt (tidsbegränsat)',
};

export const REGISTERED_VIA_LABELS: Record<Account['registeredVia'], string> = {
  application: 'Ansökan',
  existing: 'Befintligt konto',
};

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** "2026-03-02" → "2 mars 2026". */
export function swedishDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return iso;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** "februari och september" */
export function swedishList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}
