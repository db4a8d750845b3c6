import { z } from 'zod';
import { isIsoDate } from '../approvals/dates';

export const CHECKLIST_FIELDS = ['noticePosted', 'noticePostedOn', 'reasonGiven', 'referralGiven', 'archived', 'contentRegistered'] as const;
export type ChecklistField = (typeof CHECKLIST_FIELDS)[number];
export type ChecklistValues = Record<ChecklistField, string>;
export type ChecklistErrors = Partial<Record<ChecklistField, string>>;

const text = z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 20) : ''), z.string());
const schema = z.object(Object.fromEntries(CHECKLIST_FIELDS.map((f) => [f, text])) as Record<ChecklistField, typeof text>);

export function parseChecklist(data: unknown): ChecklistValues {
  const parsed = schema.safeParse(data ?? {});
  return parsed.success ? (parsed.data as ChecklistValues) : (Object.fromEntries(CHECKLIST_FIELDS.map((f) => [f, ''])) as ChecklistValues);
}

/** The close-account facts of the checklist after the closure is decided; `contentRegistered` only where the pack asks for it. */
export function checklistFacts(values: ChecklistValues, today: string, askContentRegistered: boolean): { facts: Record<string, unknown>; errors: ChecklistErrors } {
  const errors: ChecklistErrors = {};
  const bool = (v: string) => v === 'true';
  const posted = bool(values.noticePosted);
  let postedOn: string | null = null;
  if (values.noticePostedOn) {
    if (!isIsoDate(values.noticePostedOn)) errors.noticePostedOn = 'Skriv datumet som ÅÅÅÅ-MM-DD.';
    else if (values.noticePostedOn > today) errors.noticePostedOn = 'Datumet kan inte ligga i framtiden.';
    else postedOn = values.noticePostedOn;
  }
  if (posted && !values.noticePostedOn) errors.noticePostedOn = 'Ange när informationen publicerades.';
  const facts: Record<string, unknown> = {
    noticePosted: posted,
    noticePostedOn: posted ? postedOn : null,
    reasonGiven: bool(values.reasonGiven),
    referralGiven: bool(values.referralGiven),
    archived: bool(values.archived),
    closingApproved: true,
    today,
  };
  if (askContentRegistered) facts.contentRegistered = bool(values.contentRegistered);
  return { facts, errors };
}

/** The facts when the closure is requested: nothing is asked of the owner before the decision. */
export function requestFacts(today: string, askContentRegistered: boolean): Record<string, unknown> {
  const facts: Record<string, unknown> = { noticePosted: false, noticePostedOn: null, reasonGiven: false, referralGiven: false, archived: false, closingApproved: false, today };
  if (askContentRegistered) facts.contentRegistered = false;
  return facts;
}

export function valuesFromFacts(facts: Record<string, unknown>): ChecklistValues {
  const flag = (v: unknown) => (v === true ? 'true' : 'false');
  return {
    noticePosted: flag(facts.noticePosted),
    noticePostedOn: typeof facts.noticePostedOn === 'string' ? facts.noticePostedOn : '',
    reasonGiven: flag(facts.reasonGiven),
    referralGiven: flag(facts.referralGiven),
    archived: flag(facts.archived),
    contentRegistered: flag(facts.contentRegistered),
  };
}
