import { z } from 'zod';
import { addDays, isIsoDate } from '../approvals/dates';

/** Why an account is closed: a choice, never free text, so the request and the decision log hold no personal data. */
export const CLOSING_REASONS = {
  not_used: 'Kontot används inte längre',
  replaced: 'Kontot ersätts av en annan kanal eller ett annat konto',
  ended: 'Verksamheten eller projektet har upphört',
  other: 'Annat skäl',
} as const;
export type ClosingReason = keyof typeof CLOSING_REASONS;

export interface RequestValues {
  closingReason: string;
  closingOn: string;
}
export type RequestErrors = Partial<Record<keyof RequestValues, string>>;

const text = z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 20) : ''), z.string());
const schema = z.object({ closingReason: text, closingOn: text });

export function parseRequestValues(data: unknown): RequestValues {
  const parsed = schema.safeParse(data ?? {});
  return parsed.success ? parsed.data : { closingReason: '', closingOn: '' };
}

export function closingReasonLabel(value: unknown): string {
  return isClosingReason(value) ? CLOSING_REASONS[value] : 'Inte angivet';
}

export function isClosingReason(value: unknown): value is ClosingReason {
  return typeof value === 'string' && Object.hasOwn(CLOSING_REASONS, value);
}

/**
 * The closing date suggested on the request: the pack's notice days after the decision, counting two weeks for the
 * decision itself, so the notice can stay up as long as the policy recommends.
 */
export function suggestedClosingOn(today: string, noticeDays: number | null): string {
  return addDays(today, 14 + (noticeDays ?? 0));
}

export function validateRequest(values: RequestValues, today: string): RequestErrors {
  const errors: RequestErrors = {};
  if (!isClosingReason(values.closingReason)) errors.closingReason = 'Välj varför kontot ska avslutas.';
  if (!isIsoDate(values.closingOn)) errors.closingOn = 'Skriv datumet som ÅÅÅÅ-MM-DD.';
  else if (values.closingOn < today) errors.closingOn = 'Datumet kan inte ligga bakåt i tiden.';
  return errors;
}
