import { z } from 'zod';
import { AccountError } from './errors';
import { secretFields } from '../rules/secrets';
import type { AccountInput, Person } from './types';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date (YYYY-MM-DD)')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');

const text = z.string().trim().min(1, 'required').max(500);

export const personSchema = z.object({
  aadObjectId: z.string().trim().min(1, 'required').max(100),
  name: z.string().trim().min(1, 'required').max(200),
});

export const accountInputSchema = z
  .object({
    pack: text,
    unit: text,
    platform: text,
    accountName: text,
    url: z.string().trim().max(500).nullish(),
    accountType: z.enum(['official', 'pedagogical']),
    purpose: z.string().trim().min(1, 'required').max(2000),
    goals: z.array(z.string().trim().min(1).max(500)).max(50),
    audiences: z.array(z.string().trim().min(1).max(200)).max(50),
    owner: personSchema,
    standIn: personSchema.nullable(),
    credentialsLocation: text,
    endDate: isoDate.nullish(),
    registeredVia: z.enum(['application', 'existing']),
    requestId: z.string().trim().min(1).max(100).nullish(),
    openedOn: isoDate,
    facts: z.record(z.unknown()),
  })
  .superRefine((input, ctx) => {
    if (input.accountType === 'pedagogical' && !input.endDate) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endDate'], message: 'required for pedagogical accounts' });
    }
  });

export { isoDate as isoDateSchema };

function issuesOf(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(input)', message: issue.message }));
}

/** The register's free-text columns, each judged by the one password detector. */
const TEXT_FIELDS = ['accountName', 'url', 'purpose', 'goals', 'audiences', 'credentialsLocation'] as const;

/** Validates before anything is stored; a password-like text in any field is refused without being echoed. */
export function validateAccountInput(input: unknown): AccountInput {
  const candidate = (input ?? {}) as Partial<Record<(typeof TEXT_FIELDS)[number], unknown>> & { facts?: unknown };
  const texts = Object.fromEntries(TEXT_FIELDS.map((field) => [field, candidate[field]]));
  const secrets = [...secretFields(texts), ...secretFields(candidate.facts, 'facts')];
  if (secrets.length > 0) {
    throw new AccountError(
      'password_like',
      `${secrets.join(', ')} looks like a password`,
      secrets.map((field) => ({ field, message: 'looks like a password' })),
    );
  }
  const parsed = accountInputSchema.safeParse(input);
  if (!parsed.success) throw new AccountError('invalid_input', 'Account input is invalid', issuesOf(parsed.error));
  return parsed.data as AccountInput;
}

export function validatePerson(person: unknown, field: string): Person {
  const parsed = personSchema.safeParse(person);
  if (!parsed.success) {
    throw new AccountError('invalid_input', `${field} is invalid`, issuesOf(parsed.error).map((i) => ({ ...i, field: `${field}.${i.field}` })));
  }
  return parsed.data;
}

export function validateDate(value: unknown, field: string): string {
  const parsed = isoDate.safeParse(value);
  if (!parsed.success) throw new AccountError('invalid_input', `${field} is invalid`, [{ field, message: parsed.error.issues[0].message }]);
  return parsed.data;
}
