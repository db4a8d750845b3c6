import { z } from 'zod';

/**
 * One question on a card. Adaptive Card inputs arrive as strings ("yes", "true", "a,b", "12"); drafts and
 * "Ändra svar" buttons carry the typed value. Each field accepts both and says in Swedish what is wrong.
 */
export interface CardField<T = unknown> {
  kind: 'yesNo' | 'toggle' | 'choice' | 'multi' | 'integer';
  required: boolean;
  /** Swedish, shown next to the field when the answer is missing or not one of the choices. */
  error: string;
  parse(raw: unknown): { ok: true; value: T } | { ok: false };
  /** The value as the card input expects it ('' when unanswered). */
  toCard(value: T | undefined): string;
  /** The value as a person reads it in a summary. */
  describe(value: T | undefined): string;
}

export interface Choice<T extends string = string> {
  title: string;
  value: T;
}

function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function fromZod<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>) {
  return (raw: unknown): { ok: true; value: T } | { ok: false } => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
  };
}

const YES = 'yes';
const NO = 'no';

export const YES_NO_CHOICES: Choice[] = [
  { title: 'Ja', value: YES },
  { title: 'Nej', value: NO },
];

/** A required Ja/Nej question shown as two radio buttons. */
export function yesNoField(error = 'Välj Ja eller Nej.'): CardField<boolean> {
  const schema = z.union([z.boolean(), z.enum([YES, NO]).transform((v) => v === YES)]);
  return {
    kind: 'yesNo',
    required: true,
    error,
    parse: fromZod(schema),
    toCard: (value) => (value === undefined ? '' : value ? YES : NO),
    describe: (value) => (value === undefined ? '–' : value ? 'Ja' : 'Nej'),
  };
}

/** A checkbox: Teams sends "true" or "false" (valueOn/valueOff); a missing value is an error, never a silent No. */
export function toggleField(error = 'Svaret saknades på kortet. Kryssa i eller lämna tomt och skicka igen.'): CardField<boolean> {
  const schema = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
  return {
    kind: 'toggle',
    required: true,
    error,
    parse: fromZod(schema),
    toCard: (value) => (value ? 'true' : 'false'),
    describe: (value) => (value === undefined ? '–' : value ? 'Ja' : 'Nej'),
  };
}

/** One of a fixed list of choices. */
export function choiceField<T extends string>(choices: readonly Choice<T>[], error = 'Välj ett av alternativen.'): CardField<T> {
  const values = choices.map((c) => c.value) as [T, ...T[]];
  const schema = z.enum(values as [string, ...string[]]) as unknown as z.ZodType<T, z.ZodTypeDef, unknown>;
  return {
    kind: 'choice',
    required: true,
    error,
    parse: fromZod(schema),
    toCard: (value) => value ?? '',
    describe: (value) => choices.find((c) => c.value === value)?.title ?? '–',
  };
}

/** Any number of choices (Input.ChoiceSet isMultiSelect sends "a,b"); none chosen is a valid answer. */
export function multiField<T extends string>(choices: readonly Choice<T>[], error = 'Välj bland alternativen.', required = false): CardField<T[]> {
  const values = new Set<string>(choices.map((c) => c.value));
  const item = z.string().refine((v) => values.has(v)) as unknown as z.ZodType<T, z.ZodTypeDef, unknown>;
  const schema = z
    .union([z.array(z.string()), z.string()])
    .transform((v) => [...new Set((Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(item).max(choices.length));
  return {
    kind: 'multi',
    required,
    error,
    parse: fromZod(schema),
    toCard: (value) => (value ?? []).join(','),
    describe: (value) =>
      value === undefined ? '–' : value.length === 0 ? 'Inget av detta' : value.map((v) => choices.find((c) => c.value === v)?.title ?? v).join(', '),
  };
}

/** A whole number in a range; unless required, blank means null ("none" or "not known"), a valid answer. */
export function integerField(min: number, max: number, error: string, options: { required?: boolean; blank?: string } = {}): CardField<number | null> {
  const blank = options.blank ?? 'Inget svar';
  const schema = z.union([z.null(), z.number(), z.string().trim().regex(/^-?\d+$/).transform(Number)]).pipe(z.number().int().min(min).max(max).nullable());
  return {
    kind: 'integer',
    required: options.required ?? false,
    error,
    parse: fromZod(schema),
    toCard: (value) => (value === undefined || value === null ? '' : String(value)),
    describe: (value) => (value === undefined ? '–' : value === null ? blank : String(value)),
  };
}

/** What an empty answer means for a field that is not required. */
function emptyValue(field: CardField): unknown {
  if (field.kind === 'multi') return [];
  if (field.kind === 'integer') return null;
  return undefined;
}

export type FieldSet = Record<string, CardField>;

export interface ReadResult {
  values: Record<string, unknown>;
  /** Field name → Swedish message. */
  errors: Record<string, string>;
}

/**
 * Reads the named fields from a submit (or a stored draft). A required field left empty and a value that is
 * not allowed both give the field's Swedish error; nothing unvalidated is ever returned.
 */
export function readFields(data: Record<string, unknown>, fields: FieldSet, names: readonly string[]): ReadResult {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const name of names) {
    const field = fields[name];
    if (!field) continue;
    const raw = data[name];
    if (isEmpty(raw)) {
      if (field.required) errors[name] = field.error;
      else values[name] = emptyValue(field);
      continue;
    }
    const parsed = field.parse(raw);
    const emptyList = parsed.ok && Array.isArray(parsed.value) && parsed.value.length === 0;
    if (parsed.ok && !(field.required && emptyList)) values[name] = parsed.value;
    else errors[name] = field.error;
  }
  return { values, errors };
}

/** Reads only the fields that are present, dropping what does not validate: for drafts and old cards. */
export function readPresentFields(data: unknown, fields: FieldSet): Record<string, unknown> {
  if (!data || typeof data !== 'object') return {};
  const record = data as Record<string, unknown>;
  const present = Object.keys(fields).filter((name) => record[name] !== undefined);
  return readFields(record, fields, present).values;
}

/** Every field as the card inputs expect it, '' for unanswered, so templates never see an unbound `${…}`. */
export function cardValues(fields: FieldSet, answers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.toCard(answers[name] as never)]));
}

/** An error slot for every field ('' when fine), for the same reason. */
export function cardErrors(fields: FieldSet, errors: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.keys(fields).map((name) => [name, errors[name] ?? '']));
}

/** The submit data of a card as a plain record ({} for anything else). */
export function asRecord(data: unknown): Record<string, unknown> {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}
