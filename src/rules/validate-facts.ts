import { z } from 'zod';
import { FactsError, type FactIssue } from './errors';
import type { FactSpec, FactSpecs } from './fact-specs';
import { secretFields } from './secrets';

export type ValidatedFacts = Record<string, unknown>;
export type FactsValidator = (raw: unknown, now: Date) => ValidatedFacts;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

// Plain checks only: zod's refine/transform (ZodEffects) would triple the cost of every decision.
// Trimming, de-duplicating and the calendar check happen after parsing.
const NOT_BLANK = /\S/;
const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
const textItem = (max: number) =>
  z.string().max(max).regex(NOT_BLANK, { message: 'must not be empty' }).regex(NO_CONTROL, { message: 'must not contain control characters' });

const dateSchema = z.string().regex(DATE, { message: 'expected a date as YYYY-MM-DD' });

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
      schema = z.array(z.enum(spec.values as [string, ...string[]])).min(spec.minItems ?? 0);
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
    case 'invalid_string':
      if (issue.message.startsWith('expected a date')) return { field, kind: 'invalid_date', message: issue.message };
      return { field, kind: issue.message === 'must not be empty' ? 'too_small' : 'invalid_value', message: issue.message };
    case 'custom':
      return { field, kind: 'invalid_value', message: issue.message };
    default:
      return { field, kind: 'invalid_value', message: spec ? `expected ${describeExpected(spec)}` : 'invalid value' };
  }
}

/** After zod: trim texts, drop repeated selections, check that dates exist in the calendar. */
function normalise(facts: ValidatedFacts, specs: FactSpecs, issues: FactIssue[]): void {
  for (const name of Object.keys(facts)) {
    const value = facts[name];
    if (value === undefined) {
      delete facts[name];
      continue;
    }
    const spec = specs[name];
    if (!spec || value === null) continue;
    if (spec.type === 'string') facts[name] = (value as string).trim();
    else if (spec.type === 'stringArray') facts[name] = (value as string[]).map((v) => v.trim());
    else if (spec.type === 'enumArray' && (value as string[]).length > 1) facts[name] = [...new Set(value as string[])];
    else if (spec.type === 'date' && !isCalendarDate(value as string)) issues.push({ field: name, kind: 'invalid_date', message: 'expected a date that exists, as YYYY-MM-DD' });
  }
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
    const secrets = secretFields(raw);
    if (secrets.length > 0) {
      throw new FactsError(
        decision,
        secrets.map((field) => ({ field, kind: 'looks_like_password', message: 'looks like a password; give a reference to where it is kept instead' })),
      );
    }

    const issues: FactIssue[] = [];
    for (const key of Object.keys(raw)) {
      if (!known.has(key)) issues.push({ field: key, kind: 'unknown_fact', message: `unknown fact; expected one of: ${knownList}` });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) for (const issue of parsed.error.issues) issues.push(toIssue(issue, specs));
    const facts: ValidatedFacts = parsed.success ? parsed.data : {};
    if (parsed.success) {
      normalise(facts, specs, issues);
      for (const [name, spec] of conditional) {
        const when = spec.requiredWhen!;
        if (facts[when.fact] === when.equals && (facts[name] === undefined || facts[name] === null)) {
          issues.push({ field: name, kind: 'required', message: `required when ${when.fact} is ${JSON.stringify(when.equals)}: expected ${describeExpected(spec)}` });
        }
      }
    }
    if (issues.length > 0) throw new FactsError(decision, issues);
    for (const name of todayDefaults) if (facts[name] === undefined) facts[name] = todayIn(timeZone, now);
    return facts;
  };
}
