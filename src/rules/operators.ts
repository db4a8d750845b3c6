/**
 * The operators rules may use: json-rules-engine's own (same semantics, including their fact-value
 * validators) plus two for partial facts. The reference engine registers the custom ones from here, and the
 * compiled evaluator uses this table for all, so both read a rule the same way.
 */
export interface OperatorDef {
  evaluate: (factValue: unknown, value: unknown) => boolean;
  validator?: (factValue: unknown) => boolean;
}

const numberValidator = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';
const arrayValidator = (v: unknown) => Array.isArray(v);

export const BUILTIN_OPERATORS: Record<string, OperatorDef> = {
  equal: { evaluate: (a, b) => a === b },
  notEqual: { evaluate: (a, b) => a !== b },
  in: { evaluate: (a, b) => (b as unknown[]).indexOf(a) > -1 },
  notIn: { evaluate: (a, b) => (b as unknown[]).indexOf(a) === -1 },
  contains: { evaluate: (a, b) => (a as unknown[]).indexOf(b) > -1, validator: arrayValidator },
  doesNotContain: { evaluate: (a, b) => (a as unknown[]).indexOf(b) === -1, validator: arrayValidator },
  lessThan: { evaluate: (a, b) => (a as number) < (b as number), validator: numberValidator },
  lessThanInclusive: { evaluate: (a, b) => (a as number) <= (b as number), validator: numberValidator },
  greaterThan: { evaluate: (a, b) => (a as number) > (b as number), validator: numberValidator },
  greaterThanInclusive: { evaluate: (a, b) => (a as number) >= (b as number), validator: numberValidator },
};

function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

export const CUSTOM_OPERATORS: Record<string, OperatorDef> = {
  /** `value: true` — the fact was not given. */
  isAbsent: { evaluate: (a, b) => (a === undefined) === b },
  /** `value: true` — not given, null, blank text or an empty list. */
  isEmpty: { evaluate: (a, b) => isEmptyValue(a) === b },
};

export const OPERATORS: Record<string, OperatorDef> = { ...BUILTIN_OPERATORS, ...CUSTOM_OPERATORS };

export interface DecoratorDef {
  evaluate: (factValue: unknown, value: unknown, next: (a: unknown, b: unknown) => boolean) => boolean;
  validator?: (factValue: unknown) => boolean;
}

export const DECORATORS: Record<string, DecoratorDef> = {
  someFact: { evaluate: (a, b, next) => (a as unknown[]).some((x) => next(x, b)), validator: arrayValidator },
  someValue: { evaluate: (a, b, next) => (b as unknown[]).some((y) => next(a, y)) },
  everyFact: { evaluate: (a, b, next) => (a as unknown[]).every((x) => next(x, b)), validator: arrayValidator },
  everyValue: { evaluate: (a, b, next) => (b as unknown[]).every((y) => next(a, y)) },
  swap: { evaluate: (a, b, next) => next(b, a) },
  not: { evaluate: (a, b, next) => !next(a, b) },
};

export type OperatorFn = (factValue: unknown, value: unknown) => boolean;

/** "someFact:in" → a function; undefined when a part is unknown. */
export function resolveOperator(name: string): OperatorFn | undefined {
  const parts = name.split(':');
  const base = OPERATORS[parts[parts.length - 1]];
  if (!base) return undefined;
  let fn: OperatorFn = base.validator
    ? (a, b) => base.validator!(a) && base.evaluate(a, b)
    : base.evaluate;
  for (let i = parts.length - 2; i >= 0; i--) {
    const decorator = DECORATORS[parts[i]];
    if (!decorator) return undefined;
    const next = fn;
    fn = decorator.validator
      ? (a, b) => decorator.validator!(a) && decorator.evaluate(a, b, next)
      : (a, b) => decorator.evaluate(a, b, next);
  }
  return fn;
}
