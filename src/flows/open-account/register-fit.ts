import type { z } from 'zod';
import { accountInputSchema } from '../../accounts/validate';
import type { Converted, FieldErrors, FormField, FormValues } from './form-values';

const FIELDS: Partial<Record<string, FormField>> = {
  unit: 'unit',
  platform: 'platform',
  accountName: 'accountName',
  url: 'url',
  purpose: 'purpose',
  goals: 'goals',
  audiences: 'audiences',
  owner: 'owner',
  standIn: 'standIn',
  credentialsLocation: 'credentialsLocation',
  endDate: 'endDate',
  openedOn: 'openedOn',
};

function message(field: FormField, issue: z.ZodIssue): string {
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum);
    if (issue.type === 'array') return field === 'goals' ? `Skriv högst ${max} mål.` : `Skriv högst ${max} målgrupper.`;
    if (field === 'goals') return `Varje mål får vara högst ${max} tecken. Dela upp det på flera rader.`;
    if (field === 'audiences') return `Varje målgrupp får vara högst ${max} tecken. Skilj målgrupperna åt med kommatecken.`;
    return `Får vara högst ${max} tecken.`;
  }
  return 'Uppgiften kan inte sparas i kontoregistret. Ändra den.';
}

/**
 * What the register would refuse, found at the form: the converted form is checked against the register's own
 * schema (src/accounts/validate.ts), so that a request can never be approved and then fail to become an account.
 * Empty fields are left to the decision, which names what is missing.
 */
export function registerFitErrors(values: FormValues, details: Converted['details']): FieldErrors {
  const filled = (text: string | null | undefined, fallback: string) => (text ? text : fallback);
  const someone = { aadObjectId: 'x', name: 'x' };
  const candidate = {
    pack: 'x',
    unit: filled(values.unit, 'x'),
    platform: filled(details.platform, 'x'),
    accountName: filled(details.accountName, 'x'),
    url: details.url,
    accountType: details.accountType,
    purpose: filled(details.purpose, 'x'),
    goals: details.goals,
    audiences: details.audiences,
    owner: details.owner ?? someone,
    standIn: details.standIn,
    credentialsLocation: filled(details.credentialsLocation, 'x'),
    endDate: details.endDate ?? (details.accountType === 'pedagogical' ? '2000-01-01' : null),
    registeredVia: 'application',
    requestId: null,
    openedOn: details.openedOn ?? '2000-01-01',
    facts: {},
  };
  const parsed = accountInputSchema.safeParse(candidate);
  const errors: FieldErrors = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const field = FIELDS[String(issue.path[0])];
    if (field && values[field] && !errors[field]) errors[field] = message(field, issue);
  }
  return errors;
}
