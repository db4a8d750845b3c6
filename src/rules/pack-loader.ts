import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { canonicalJson, sha256 } from './canonical-json';
import { compileCondition } from './compile';
import { DECISION_NAMES, DECISIONS, severity, type DecisionName } from './decisions';
import { PackError } from './errors';
import { BASE_FACTS, DERIVED_FACTS, type FactSpec, type FactSpecs } from './fact-specs';
import { resolveOperator } from './operators';
import { packFileSchema, ruleFileSchema, ruleSchema, type Condition, type PackFile, type PackRule } from './pack-schema';
import type { CompiledDecision, CompiledRule, LoadedPack, PackDocumentInfo, PackRegistry, PackSettings } from './types';
import { createFactsValidator } from './validate-facts';

export const PACK_FILE = 'pack.json';
export const RULES_DIR = 'rules';
export const CASES_DIR = 'cases';

/** Facts about the pack's settings that every rule may read. */
export const SETTING_FACTS = ['setting:pedagogicalAccounts', 'setting:closeNoticeDays', 'setting:answerDeadlineHours', 'setting:consentForm'];

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function zodPath(p: (string | number)[]): string {
  return p.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') || '(file)';
}

function zodProblems(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${prefix}${zodPath(i.path)}: ${i.message}`);
}

async function readJson(file: string, problems: string[]): Promise<unknown> {
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

export function settingsFacts(settings: PackSettings): Record<string, unknown> {
  const facts: Record<string, unknown> = {
    'setting:pedagogicalAccounts': settings.pedagogicalAccounts,
    'setting:closeNoticeDays': settings.closeNoticeDays,
    'setting:answerDeadlineHours': settings.answerDeadline.hours,
    'setting:consentForm': settings.consentForm !== null,
  };
  for (const [name, on] of Object.entries(settings.amendments)) facts[`amendment:${name}`] = on;
  return facts;
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

function checkCondition(condition: Condition, where: string, known: Map<string, FactSpec | undefined>, problems: string[]): void {
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

function buildSettings(file: PackFile, documents: PackDocumentInfo[]): PackSettings {
  const s = file.settings;
  return {
    approverRoles: s.approverRoles,
    reportingMonths: [...s.reportingMonths].sort((a, b) => a - b),
    answerDeadline: s.answerDeadline,
    closeNoticeDays: s.closeNoticeDays,
    consentForm: s.consentForm,
    pedagogicalAccounts: s.amendments.pedagogicalAccounts === true,
    amendments: s.amendments,
    reminders: s.reminders,
    timeZone: s.timeZone,
    documents,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Loads and validates one pack folder: pack.json, rules/<decision>.json for every decision. Other files
 * (policy-text.md, qa-eval.json, cases/) are not read here. Throws a PackError listing every problem as
 * `<file>: rule <id>: <field>: <message>`.
 */
export async function loadPack(dir: string): Promise<LoadedPack> {
  const problems: string[] = [];
  const packPath = path.join(dir, PACK_FILE);
  const rawPack = await readJson(packPath, problems);
  const parsedPack = rawPack === undefined ? undefined : packFileSchema.safeParse(rawPack);
  if (parsedPack && !parsedPack.success) problems.push(...zodProblems(`${displayPath(packPath)}: `, parsedPack.error));
  if (!parsedPack?.success) throw new PackError('pack_invalid', `Policy pack ${displayPath(dir)} is invalid:\n  ${problems.join('\n  ')}`);
  const file = parsedPack.data;

  const documents: Record<string, PackDocumentInfo> = {};
  for (const [id, doc] of Object.entries(file.documents)) documents[id] = { id, ...doc };
  const settings = buildSettings(file, Object.values(documents));
  const constants = settingsFacts(settings);
  const actionLabels = file.actionLabels ?? {};

  const rawRules: Record<string, unknown> = {};
  const rules = {} as Record<DecisionName, PackRule[]>;
  const compiled = {} as Record<DecisionName, CompiledDecision>;

  const rulesDir = path.join(dir, RULES_DIR);
  const present = existsSync(rulesDir) ? (await fs.readdir(rulesDir)).filter((f) => f.endsWith('.json')) : [];
  for (const name of present) {
    const decision = name.replace(/\.json$/, '');
    if (!(DECISION_NAMES as readonly string[]).includes(decision)) {
      problems.push(`${displayPath(path.join(rulesDir, name))}: not a decision; expected one of ${DECISION_NAMES.join(', ')}`);
    }
  }

  for (const decision of DECISION_NAMES) {
    const rulePath = path.join(rulesDir, `${decision}.json`);
    const shown = displayPath(rulePath);
    const definition = DECISIONS[decision];
    const facts: FactSpecs = { ...BASE_FACTS[decision] };
    for (const [name, spec] of Object.entries(file.extraFacts?.[decision] ?? {})) {
      if (facts[name]) problems.push(`${displayPath(packPath)}: extraFacts.${decision}.${name}: the fact exists already and cannot be redefined`);
      else facts[name] = spec;
    }
    const known = new Map<string, FactSpec | undefined>(Object.entries(facts));
    for (const name of Object.keys(DERIVED_FACTS[decision])) known.set(name, undefined);
    for (const name of Object.keys(constants)) known.set(name, undefined);
    for (const name of SETTING_FACTS) known.set(name, undefined);

    if (!existsSync(rulePath)) {
      problems.push(`${shown}: missing; every pack has rules for each decision`);
      continue;
    }
    const raw = await readJson(rulePath, problems);
    if (raw === undefined) continue;
    rawRules[decision] = raw;
    const fileParsed = ruleFileSchema.safeParse(raw);
    if (!fileParsed.success) {
      problems.push(...zodProblems(`${shown}: `, fileParsed.error));
      continue;
    }
    if (fileParsed.data.decision !== decision) problems.push(`${shown}: decision: expected "${decision}" (the file name)`);

    const list: PackRule[] = [];
    const compiledRules: CompiledRule[] = [];
    const seen = new Set<string>();
    fileParsed.data.rules.forEach((rawRule, index) => {
      const ruleName = typeof (rawRule as { name?: unknown })?.name === 'string' ? (rawRule as { name: string }).name : `#${index + 1}`;
      const prefix = `${shown}: rule ${ruleName}: `;
      const parsed = ruleSchema.safeParse(rawRule);
      if (!parsed.success) {
        problems.push(...zodProblems(prefix, parsed.error));
        return;
      }
      const rule = parsed.data;
      const before = problems.length;
      if (seen.has(rule.name)) problems.push(`${prefix}name: used by another rule in this file`);
      seen.add(rule.name);
      const params = rule.event.params;
      if (!definition.outcomes.includes(params.outcome)) {
        problems.push(`${prefix}event.params.outcome: "${params.outcome}" is not an outcome of ${decision}; expected one of ${definition.outcomes.join(', ')}`);
      }
      params.actions.forEach((action, i) => {
        if (!definition.actions.includes(action) && !actionLabels[action]) {
          problems.push(`${prefix}event.params.actions[${i}]: unknown action "${action}"; use one of ${definition.actions.join(', ')} or add a label in pack.json actionLabels`);
        }
      });
      params.missing.forEach((fact, i) => {
        if (!facts[fact]) problems.push(`${prefix}event.params.missing[${i}]: unknown fact "${fact}"`);
      });
      const doc = documents[params.source.document];
      if (!doc) problems.push(`${prefix}event.params.source.document: unknown document "${params.source.document}"; expected one of ${Object.keys(documents).join(', ')}`);
      const conditionProblems: string[] = [];
      checkCondition(rule.conditions, 'conditions', known, conditionProblems);
      problems.push(...conditionProblems.map((p) => prefix + p));
      list.push(rule);
      if (problems.length > before || !doc) return;
      compiledRules.push({
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
      });
    });
    rules[decision] = list;
    compiled[decision] = {
      decision,
      facts,
      validate: createFactsValidator(decision, facts, settings.timeZone),
      rules: compiledRules,
      constants,
    };
  }

  if (problems.length > 0) throw new PackError('pack_invalid', `Policy pack ${displayPath(dir)} is invalid:\n  ${problems.join('\n  ')}`);

  return {
    id: file.id,
    name: file.name,
    version: sha256(canonicalJson({ pack: rawPack, rules: rawRules })),
    dir,
    settings,
    documents,
    rules,
    actionLabels,
    compiled,
  };
}

/** The same pack with some remiss amendments switched; for pack cases and for trying a switch before changing pack.json. */
export function withAmendments(pack: LoadedPack, overrides: Record<string, boolean>): LoadedPack {
  const amendments = { ...pack.settings.amendments, ...overrides };
  const settings: PackSettings = { ...pack.settings, amendments, pedagogicalAccounts: amendments.pedagogicalAccounts === true };
  const constants = settingsFacts(settings);
  const compiled = {} as Record<DecisionName, CompiledDecision>;
  for (const decision of DECISION_NAMES) compiled[decision] = { ...pack.compiled[decision], constants };
  return { ...pack, settings, compiled };
}

/** Every folder of `dir` that holds a pack.json is a pack; its folder name must be its id. */
export async function loadPacks(dir: string): Promise<PackRegistry> {
  let entries: string[];
  try {
    entries = (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (error) {
    throw new PackError('pack_invalid', `Policy folder ${displayPath(dir)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, [], { cause: error });
  }
  const packs = new Map<string, LoadedPack>();
  const failures: string[] = [];
  for (const name of entries) {
    const folder = path.join(dir, name);
    if (!existsSync(path.join(folder, PACK_FILE))) continue;
    try {
      const pack = await loadPack(folder);
      if (pack.id !== name) {
        failures.push(`Policy pack ${displayPath(folder)} is invalid:\n  ${displayPath(path.join(folder, PACK_FILE))}: id: "${pack.id}" must equal the folder name "${name}"`);
        continue;
      }
      packs.set(pack.id, pack);
    } catch (error) {
      if (error instanceof PackError) failures.push(error.message);
      else throw error;
    }
  }
  if (failures.length > 0) throw new PackError('pack_invalid', failures.join('\n'));
  if (packs.size === 0) throw new PackError('pack_invalid', `No policy packs in ${displayPath(dir)} (a pack is a folder with ${PACK_FILE})`);
  return registryOf([...packs.values()]);
}

export function registryOf(list: LoadedPack[]): PackRegistry {
  const map = new Map(list.map((p) => [p.id, p]));
  return { get: (id) => map.get(id), ids: () => [...map.keys()] };
}
