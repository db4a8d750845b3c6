import { z } from 'zod';
import { isIsoDate } from '../approvals/dates';
import type { Person } from '../../requests';
import { registerFitErrors } from './register-fit';

export type FormMode = 'new' | 'existing';

/** What the form card sends: every input as text, the way Adaptive Cards submit them. */
export const FORM_FIELDS = [
  'unit',
  'platform',
  'accountName',
  'url',
  'accountType',
  'endDate',
  'purpose',
  'linkedToPlan',
  'goals',
  'goalsMeasurable',
  'audiences',
  'owner',
  'standIn',
  'monitoringDaily',
  'basicInfo',
  'graphicProfile',
  'sharedAccountConsidered',
  'editorsTrained',
  'startupMeetingHeld',
  'credentialsLocation',
  'openedOn',
] as const;

export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;
export type FieldErrors = Partial<Record<FormField, string>>;

const LIMITS: Partial<Record<FormField, number>> = { purpose: 2000, goals: 2000, audiences: 1000, url: 500, credentialsLocation: 300 };

const field = (max: number) => z.preprocess((v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v)), z.string().max(max * 2).transform((s) => s.trim().slice(0, max)));

export const formValuesSchema = z.object(
  Object.fromEntries(FORM_FIELDS.map((name) => [name, field(LIMITS[name] ?? 200)])) as Record<FormField, ReturnType<typeof field>>,
);

export function emptyValues(): FormValues {
  return Object.fromEntries(FORM_FIELDS.map((name) => [name, ''])) as FormValues;
}

export function parseFormValues(data: unknown): FormValues {
  const parsed = formValuesSchema.safeParse(data ?? {});
  return parsed.success ? (parsed.data as FormValues) : emptyValues();
}

export const BASIC_INFO_CHOICES: { value: string; title: string }[] = [
  { value: 'owner_unit_and_city', title: 'Att kontot tillhör verksamheten och kommunen' },
  { value: 'content_description', title: 'Vad kontot innehåller' },
  { value: 'participation_terms', title: 'Villkor för att delta (regler för kommentarer)' },
  { value: 'contact_details', title: 'Kontaktuppgifter' },
  { value: 'unit_website_link', title: 'Länk till verksamhetens webbplats' },
  { value: 'privacy_link', title: 'Länk till hur personuppgifter hanteras' },
];

export const PLATFORMS = ['Facebook', 'Instagram', 'LinkedIn', 'YouTube', 'X', 'TikTok', 'Vimeo', 'Annan plattform'];

const splitLines = (text: string, separators: RegExp) =>
  text
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 20);

const bool = (v: string) => v === 'true';

export interface Converted {
  facts: Record<string, unknown>;
  details: {
    platform: string;
    accountName: string;
    url: string | null;
    accountType: 'official' | 'pedagogical';
    purpose: string;
    goals: string[];
    audiences: string[];
    owner: Person | null;
    standIn: Person | null;
    credentialsLocation: string;
    endDate: string | null;
    openedOn: string | null;
  };
  errors: FieldErrors;
}

/**
 * Turns the form into the open-account facts. Empty fields are left out so that the decision can name them as
 * missing; people are resolved against the list the card offered (server state), never taken from the card.
 */
export function toFacts(values: FormValues, people: Person[], mode: FormMode, extras: Record<string, string> = {}): Converted {
  const errors: FieldErrors = {};
  const person = (id: string, name: FormField): Person | null => {
    if (!id) return null;
    const found = people.find((p) => p.aadObjectId === id);
    if (!found) errors[name] = 'Välj personen i listan igen.';
    return found ?? null;
  };
  const accountType = values.accountType === 'pedagogical' ? 'pedagogical' : 'official';
  const goals = splitLines(values.goals, /\r?\n|;/);
  const audiences = splitLines(values.audiences, /\r?\n|,|;/);
  const owner = person(values.owner, 'owner');
  const standIn = person(values.standIn, 'standIn');
  if (owner && standIn && owner.aadObjectId === standIn.aadObjectId) errors.standIn = 'Ersättaren behöver vara en annan person än den ansvariga.';
  for (const name of ['endDate', 'openedOn'] as const) {
    if (values[name] && !isIsoDate(values[name])) errors[name] = 'Skriv datumet som ÅÅÅÅ-MM-DD.';
  }
  if (values.url && !/^https?:\/\/\S+$/i.test(values.url)) errors.url = 'Skriv adressen som en länk som börjar med https://.';
  const endDate = accountType === 'pedagogical' && values.endDate && !errors.endDate ? values.endDate : null;

  const facts: Record<string, unknown> = {
    accountType,
    linkedToPlan: bool(values.linkedToPlan),
    goalsMeasurable: bool(values.goalsMeasurable),
    monitoringDaily: bool(values.monitoringDaily),
    graphicProfile: bool(values.graphicProfile),
    sharedAccountConsidered: bool(values.sharedAccountConsidered),
    editorsTrained: bool(values.editorsTrained),
    startupMeetingHeld: bool(values.startupMeetingHeld),
    basicInfo: values.basicInfo
      .split(',')
      .map((s) => s.trim())
      .filter((s) => BASIC_INFO_CHOICES.some((c) => c.value === s)),
    standIn: standIn?.name ?? null,
    endDate,
  };
  for (const [name, value] of Object.entries(extras)) facts[name] = bool(value);
  const texts: [string, string][] = [
    ['unit', values.unit],
    ['platform', values.platform],
    ['accountName', values.accountName],
    ['purpose', values.purpose],
    ['credentialsLocation', values.credentialsLocation],
  ];
  for (const [name, value] of texts) if (value) facts[name] = value;
  if (goals.length) facts.goals = goals;
  if (audiences.length) facts.audiences = audiences;
  if (owner) facts.owner = owner.name;

  const details: Converted['details'] = {
    platform: values.platform,
    accountName: values.accountName,
    url: values.url || null,
    accountType,
    purpose: values.purpose,
    goals,
    audiences,
    owner,
    standIn,
    credentialsLocation: values.credentialsLocation,
    endDate,
    openedOn: mode === 'existing' && values.openedOn && !errors.openedOn ? values.openedOn : null,
  };
  for (const [field, text] of Object.entries(registerFitErrors(values, details)) as [FormField, string][]) errors[field] ??= text;
  return { facts, details, errors };
}

/** The form again from what a request holds, for "Ändra och skicka igen". */
export function valuesFromRequest(facts: Record<string, unknown>, details: Converted['details'], unit: string): FormValues {
  const values = emptyValues();
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const flag = (v: unknown) => (v === true ? 'true' : 'false');
  Object.assign(values, {
    unit,
    platform: details.platform,
    accountName: details.accountName,
    url: details.url ?? '',
    accountType: details.accountType,
    endDate: details.endDate ?? '',
    purpose: details.purpose,
    linkedToPlan: flag(facts.linkedToPlan),
    goals: details.goals.join('\n'),
    goalsMeasurable: flag(facts.goalsMeasurable),
    audiences: details.audiences.join(', '),
    owner: details.owner?.aadObjectId ?? '',
    standIn: details.standIn?.aadObjectId ?? '',
    monitoringDaily: flag(facts.monitoringDaily),
    basicInfo: Array.isArray(facts.basicInfo) ? facts.basicInfo.join(',') : '',
    graphicProfile: flag(facts.graphicProfile),
    sharedAccountConsidered: flag(facts.sharedAccountConsidered),
    editorsTrained: flag(facts.editorsTrained),
    startupMeetingHeld: flag(facts.startupMeetingHeld),
    credentialsLocation: str(details.credentialsLocation),
    openedOn: details.openedOn ?? '',
  });
  return values;
}

/** A pack's own yes/no questions for the decision (e.g. Nyköping's personal work accounts), sent as `x_<fact>`. */
export const EXTRA_PREFIX = 'x_';

export function parseExtras(data: unknown, names: readonly string[]): Record<string, string> {
  const source = (data ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, source[`${EXTRA_PREFIX}${name}`] === 'true' ? 'true' : 'false']));
}

export function extrasFromFacts(facts: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, facts[name] === true ? 'true' : 'false']));
}
