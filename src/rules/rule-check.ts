import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { compileCondition } from './compile';
import { severity, type DecisionDefinition, type DecisionName } from './decisions';
import type { FactSpec, FactSpecs } from './fact-specs';
import { resolveOperator } from './operators';
import { ruleFileSchema, ruleSchema, type Condition, type PackRule } from './pack-schema';
import type { CompiledRule, PackDocumentInfo } from './types';

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function zodPath(p: (string | number)[]): string {
  return p.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') || '(file)';
}

export function zodProblems(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${prefix}${zodPath(i.path)}: ${i.message}`);
}

export async function readJson(file: string, problems: string[]): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    problems.push(`${displayPath(file)}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.push(`${displayPath(file)}: not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

/** Which values a condition may compare a fact with, to catch typos that would make a rule never fire. */
function checkConditionValues(spec: FactSpec | undefined, operator: string, value: unknown): string | undefined {
  if (!spec || (typeof value === 'object' && value !== null && !Array.isArray(value))) return undefined;
  const base = operator.split(':').pop()!;
  if (base === 'isAbsent' || base === 'isEmpty') return typeof value === 'boolean' ? undefined : 'expected true or false';
  const allowed = spec.type === 'enum' || spec.type === 'enumArray' ? spec.values : spec.type === 'boolean' ? [true, false] : undefined;
  if (!allowed) return undefined;
  const values = Array.isArray(value) ? value : [value];
  const bad = values.filter((v) => !(allowed as unknown[]).includes(v));
  return bad.length > 0 ? `value ${JSON.stringify(bad.length === 1 ? bad[0] : bad)} is not one of ${JSON.stringify(allowed)}` : undefined;
}

/**
 * Reads `<decision>.json` of a rules folder: `raw` whenever the file is JSON (it goes into the version hash), `parsed`
 * only when it is a valid rule file for that decision; what is wrong goes to `problems`.
 */
export async function readRuleFile(
  file: string,
  decision: DecisionName,
  problems: string[],
): Promise<{ raw: unknown; parsed?: z.infer<typeof ruleFileSchema> } | undefined> {
  const shown = displayPath(file);
  const raw = await readJson(file, problems);
  if (raw === undefined) return undefined;
  const parsed = ruleFileSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...zodProblems(`${shown}: `, parsed.error));
    return { raw };
  }
  if (parsed.data.decision !== decision) problems.push(`${shown}: decision: expected "${decision}" (the file name)`);
  return { raw, parsed: parsed.data };
}

export function checkCondition(condition: Condition, where: string, known: Map<string, FactSpec | undefined>, problems: string[]): void {
  if ('all' in condition) return condition.all.forEach((c, i) => checkCondition(c, `${where}.all[${i}]`, known, problems));
  if ('any' in condition) return condition.any.forEach((c, i) => checkCondition(c, `${where}.any[${i}]`, known, problems));
  if ('not' in condition) return checkCondition(condition.not, `${where}.not`, known, problems);
  if (!known.has(condition.fact)) problems.push(`${where}.fact: unknown fact "${condition.fact}"`);
  if (!resolveOperator(condition.operator)) problems.push(`${where}.operator: unknown operator "${condition.operator}"`);
  const value = condition.value as { fact?: unknown } | undefined;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if (typeof value.fact !== 'string' || !known.has(value.fact)) problems.push(`${where}.value.fact: unknown fact "${String(value.fact)}"`);
  } else {
    const problem = checkConditionValues(known.get(condition.fact), condition.operator, condition.value);
    if (problem) problems.push(`${where}.value: ${problem}`);
  }
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export interface RuleContext {
  /** File shown in problems. */
  shown: string;
  decision: DecisionName;
  definition: DecisionDefinition;
  facts: FactSpecs;
  /** Every fact name a condition may read. */
  known: Map<string, FactSpec | undefined>;
  documents: Record<string, PackDocumentInfo>;
  actionLabels: Record<string, string>;
}

/**
 * Validates one rule of a rule file against the decision, its facts and the documents it may cite; returns the
 * parsed rule and, when it has no problem, its compiled form. Problems are `<file>: rule <id>: <field>: <message>`.
 */
export function checkRule(rawRule: unknown, index: number, ctx: RuleContext, problems: string[]): { rule: PackRule; compiled?: CompiledRule } | undefined {
  const ruleName = typeof (rawRule as { name?: unknown })?.name === 'string' ? (rawRule as { name: string }).name : `#${index + 1}`;
  const prefix = `${ctx.shown}: rule ${ruleName}: `;
  const parsed = ruleSchema.safeParse(rawRule);
  if (!parsed.success) {
    problems.push(...zodProblems(prefix, parsed.error));
    return undefined;
  }
  const rule = parsed.data;
  const before = problems.length;
  const params = rule.event.params;
  const { definition, decision } = ctx;
  if (!definition.outcomes.includes(params.outcome)) {
    problems.push(`${prefix}event.params.outcome: "${params.outcome}" is not an outcome of ${decision}; expected one of ${definition.outcomes.join(', ')}`);
  }
  params.actions.forEach((action, i) => {
    if (!definition.actions.includes(action) && !ctx.actionLabels[action]) {
      problems.push(`${prefix}event.params.actions[${i}]: unknown action "${action}"; use one of ${definition.actions.join(', ')} or add a label in pack.json actionLabels`);
    }
  });
  params.missing.forEach((fact, i) => {
    if (!ctx.facts[fact]) problems.push(`${prefix}event.params.missing[${i}]: unknown fact "${fact}"`);
  });
  const doc = ctx.documents[params.source.document];
  if (!doc) problems.push(`${prefix}event.params.source.document: unknown document "${params.source.document}"; expected one of ${Object.keys(ctx.documents).join(', ')}`);
  const conditionProblems: string[] = [];
  checkCondition(rule.conditions, 'conditions', ctx.known, conditionProblems);
  problems.push(...conditionProblems.map((p) => prefix + p));
  if (problems.length > before || !doc) return { rule };
  return {
    rule,
    compiled: {
      id: rule.name,
      priority: rule.priority,
      order: index,
      outcome: params.outcome,
      severity: severity(decision, params.outcome),
      actions: Object.freeze([...params.actions]),
      missing: Object.freeze([...params.missing]),
      reason: deepFreeze({
        rule: rule.name,
        text: params.text,
        source: {
          document: doc.title,
          section: params.source.section,
          ...(params.source.quote ? { quote: params.source.quote } : {}),
          ...(doc.url ? { url: doc.url } : {}),
        },
      }),
      test: compileCondition(rule.conditions),
    },
  };
}
