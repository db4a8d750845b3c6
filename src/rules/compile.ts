import { resolveOperator } from './operators';
import type { Condition } from './pack-schema';

export type FactValues = Record<string, unknown>;
export type CompiledCondition = (facts: FactValues) => boolean;

function isFactReference(value: unknown): value is { fact: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { fact?: unknown }).fact === 'string';
}

/**
 * Turns a json-rules-engine condition tree into a plain function with the same result. json-rules-engine
 * builds an almanac and a chain of promises for each run (about 3,000 runs a second for a pack); the
 * compiled form does the same comparisons synchronously. `reference-engine.ts` runs the original engine, and
 * the tests check that both agree on every pack.
 */
export function compileCondition(condition: Condition): CompiledCondition {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (facts) => {
      for (const part of parts) if (!part(facts)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (facts) => {
      for (const part of parts) if (part(facts)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (facts) => !inner(facts);
  }
  const operator = resolveOperator(condition.operator);
  if (!operator) throw new Error(`Unknown operator: ${condition.operator}`);
  const fact = condition.fact;
  const value = condition.value;
  if (isFactReference(value)) {
    const other = value.fact;
    return (facts) => operator(facts[fact], facts[other]);
  }
  return (facts) => operator(facts[fact], value);
}
