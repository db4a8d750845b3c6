const TIME_ZONE = 'Europe/Stockholm';

/** The calendar date in Sweden, as YYYY-MM-DD. */
export function isoDay(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** "2026-02-01 kl. 10.15", Swedish style, in Swedish time. */
export function swedishDateTime(iso: string): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(at).replace(':', '.');
  return `${isoDay(at)} kl. ${time}`;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}
