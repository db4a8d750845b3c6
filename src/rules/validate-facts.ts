import { z } from 'zod';
import { FactsError, type FactIssue } from './errors';
import type { FactSpec, FactSpecs } from './fact-specs';
import { looksLikePassword } from './secrets';

export type ValidatedFacts = Record<string, unknown>;
export type FactsValidator = (raw: unknown, now: Date) => ValidatedFacts;

const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const textItem = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters' });

const dateSchema = z.string().refine(isCalendarDate, { params: { date: true }, message: 'expected a date as YYYY-MM-DD' });

function zodFor(spec: FactSpec): z.ZodTypeAny {
  let schema: z.ZodTypeAny;
  switch (spec.type) {
    case 'boolean':
      schema = z.boolean();
      break;
    case 'integer':
      schema = z.number().int().min(spec.min).max(spec.max);
      break;
    case 'string':
      schema = textItem(spec.maxLength ?? 500);
      break;
    case 'enum':
      schema = z.enum(spec.values as [string, ...string[]]);
      break;
    case 'enumArray':
      schema = z
        .array(z.enum(spec.values as [string, ...string[]]))
        .min(spec.minItems ?? 0)
        .transform((list) => [...new Set(list)]);
      break;
    case 'stringArray':
      schema = z.array(textItem(500)).max(spec.maxItems ?? 20);
      break;
    case 'date':
      schema = dateSchema;
      break;
  }
  if ('nullable' in spec && spec.nullable) schema = schema.nullable();
  if ('default' in spec && spec.default !== undefined) return schema.default(spec.default);
  return spec.required ? schema : schema.optional();
}

export function describeExpected(spec: FactSpec): string {
  const orNull = 'nullable' in spec && spec.nullable ? ' or null' : '';
  switch (spec.type) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `a whole number from ${spec.min} to ${spec.max}${orNull}`;
    case 'string':
      return `a text${orNull}`;
    case 'enum':
      return `one of ${spec.values.map((v) => `"${v}"`).join(', ')}`;
    case 'enumArray':
      return `a list of ${spec.values.map((v) => `"${v}"`).join(', ')}`;
    case 'stringArray':
      return 'a list of texts';
    case 'date':
      return `a date as YYYY-MM-DD${orNull}`;
  }
}

function fieldName(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Never puts the received value in a message: it may be personal data or a secret. */
function toIssue(issue: z.ZodIssue, specs: FactSpecs): FactIssue {
  const field = fieldName(issue.path);
  const spec = specs[String(issue.path[0])];
  const nested = issue.path.length > 1;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return { field, kind: 'required', message: `required: expected ${spec ? describeExpected(spec) : issue.expected}` };
      return {
        field,
        kind: 'invalid_type',
        message: `expected ${spec && !nested ? describeExpected(spec) : issue.expected}, got ${issue.received}`,
      };
    case 'invalid_enum_value':
      return { field, kind: 'invalid_value', message: `expected one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}`, expected: issue.options.map(String) };
    case 'too_small':
      if (issue.type === 'array') return { field, kind: 'too_small', message: `expected at least ${issue.minimum} item(s)` };
      if (issue.type === 'string') return { field, kind: 'too_small', message: 'must not be empty' };
      return { field, kind: 'too_small', message: `expected at least ${issue.minimum}` };
    case 'too_big':
      if (issue.type === 'array') return { field, kind: 'too_big', message: `expected at most ${issue.maximum} item(s)` };
      if (issue.type === 'string') return { field, kind: 'too_big', message: `expected at most ${issue.maximum} characters` };
      return { field, kind: 'too_big', message: `expected at most ${issue.maximum}` };
    case 'custom':
      if (issue.params?.date) return { field, kind: 'invalid_date', message: issue.message };
      return { field, kind: 'invalid_value', message: issue.message };
    default:
      return { field, kind: 'invalid_value', message: spec ? `expected ${describeExpected(spec)}` : 'invalid value' };
  }
}

/** Every text anywhere in the input, with its field name. */
function* strings(value: unknown, path: (string | number)[]): Generator<[string, string]> {
  if (typeof value === 'string') yield [fieldName(path), value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function createFactsValidator(decision: string, specs: FactSpecs, timeZone: string): FactsValidator {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const [name, spec] of Object.entries(specs)) shape[name] = zodFor(spec);
  const schema = z.object(shape);
  const known = new Set(Object.keys(specs));
  const knownList = [...known].join(', ');
  const conditional = Object.entries(specs).filter(([, s]) => s.requiredWhen);
  const todayDefaults = Object.entries(specs).filter(([, s]) => s.type === 'date' && s.defaultToday).map(([n]) => n);

  return (raw, now) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new FactsError(decision, [{ field: '(facts)', kind: 'invalid_type', message: 'expected a JSON object with the facts' }]);
    }
    // Refuse secrets first and alone: nothing else about such an input is reported or kept.
    const secrets: FactIssue[] = [];
    for (const [field, text] of strings(raw, [])) {
      if (looksLikePassword(text)) {
        secrets.push({ field, kind: 'looks_like_password', message: 'looks like a password; give a reference to where it is kept instead' });
      }
    }
    if (secrets.length > 0) throw new FactsError(decision, secrets);

    const issues: FactIssue[] = [];
    for (const key of Object.keys(raw)) {
      if (!known.has(key)) issues.push({ field: key, kind: 'unknown_fact', message: `unknown fact; expected one of: ${knownList}` });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) for (const issue of parsed.error.issues) issues.push(toIssue(issue, specs));
    const facts: ValidatedFacts = parsed.success ? parsed.data : {};
    if (parsed.success) {
      for (const [name, spec] of conditional) {
        const when = spec.requiredWhen!;
        if (facts[when.fact] === when.equals && (facts[name] === undefined || facts[name] === null)) {
          issues.push({ field: name, kind: 'required', message: `required when ${when.fact} is ${JSON.stringify(when.equals)}: expected ${describeExpected(spec)}` });
        }
      }
    }
    if (issues.length > 0) throw new FactsError(decision, issues);
    for (const name of Object.keys(facts)) if (facts[name] === undefined) delete facts[name];
    for (const name of todayDefaults) if (facts[name] === undefined) facts[name] = todayIn(timeZone, now);
    return facts;
  };
}
