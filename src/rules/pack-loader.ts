import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { canonicalJson, sha256 } from './canonical-json';
import { DECISION_NAMES, DECISIONS, type DecisionName } from './decisions';
import { PackError } from './errors';
import { BASE_FACTS, DERIVED_FACTS, type FactSpec, type FactSpecs } from './fact-specs';
import { FLOOR_RULE_PREFIX, loadLawFloor, type LawFloor } from './law-floor';
import { overrideProblems } from './law-override';
import { packFileSchema, type PackFile, type PackRule } from './pack-schema';
import { lawCitationProblems } from './law-citation';
import { checkRule, displayPath, readJson, readRuleFile, zodProblems } from './rule-check';
import type { CompiledDecision, CompiledRule, LoadedPack, PackDocumentInfo, PackRegistry, PackSettings } from './types';
import { createFactsValidator } from './validate-facts';

export const PACK_FILE = 'pack.json';
export const RULES_DIR = 'rules';
export const CASES_DIR = 'cases';

/** Facts about the pack's settings that every rule may read. */
export const SETTING_FACTS = ['setting:pedagogicalAccounts', 'setting:closeNoticeDays', 'setting:answerDeadlineHours', 'setting:consentForm'];

export { displayPath };

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

export interface LoadOptions {
  /** The law floor, when already loaded (loadPacks loads it once for all packs). */
  lawFloor?: LawFloor;
  /** Default: `law-floor/` of this repository. */
  lawFloorDir?: string;
}

/**
 * Loads and validates one pack folder: pack.json, rules/<decision>.json for every decision, plus the law floor's
 * rules that the pack does not override (an override is proved at least as strict here). Other files
 * (policy-text.md, qa-eval.json, cases/) are not read here. Throws a PackError listing every problem as
 * `<file>: rule <id>: <field>: <message>`.
 */
export async function loadPack(dir: string, options: LoadOptions = {}): Promise<LoadedPack> {
  const floor = options.lawFloor ?? (await loadLawFloor(options.lawFloorDir));
  const problems: string[] = [];
  const packPath = path.join(dir, PACK_FILE);
  const rawPack = await readJson(packPath, problems);
  const parsedPack = rawPack === undefined ? undefined : packFileSchema.safeParse(rawPack);
  if (parsedPack && !parsedPack.success) problems.push(...zodProblems(`${displayPath(packPath)}: `, parsedPack.error));
  if (!parsedPack?.success) throw new PackError('pack_invalid', `Policy pack ${displayPath(dir)} is invalid:\n  ${problems.join('\n  ')}`);
  const file = parsedPack.data;

  const documents: Record<string, PackDocumentInfo> = {};
  for (const [id, doc] of Object.entries(file.documents)) {
    if (floor.documents[id]) problems.push(`${displayPath(packPath)}: documents.${id}: the law floor cites a document by this id; use another`);
    documents[id] = { id, ...doc };
  }
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
    const read = await readRuleFile(rulePath, decision, problems);
    if (!read) continue;
    rawRules[decision] = read.raw;
    const ruleFile = read.parsed;
    if (!ruleFile) continue;

    const list: PackRule[] = [];
    const compiledRules: CompiledRule[] = [];
    const seen = new Set<string>();
    const ctx = { shown, decision, definition, facts, known, documents, actionLabels };
    const floorRules = floor.rules[decision];
    ruleFile.rules.forEach((rawRule, index) => {
      const checked = checkRule(rawRule, index, ctx, problems);
      if (!checked) return;
      const { rule, compiled: compiledRule } = checked;
      const prefix = `${shown}: rule ${rule.name}: `;
      if (seen.has(rule.name)) problems.push(`${prefix}name: used by another rule in this file`);
      if (rule.name.startsWith(FLOOR_RULE_PREFIX)) problems.push(`${prefix}name: "${FLOOR_RULE_PREFIX}" starts the ids of the law floor's rules only`);
      problems.push(...lawCitationProblems(rule, documents).map((p) => prefix + p));
      seen.add(rule.name);
      list.push(rule);
      if (compiledRule) compiledRules.push(compiledRule);
    });
    const validate = createFactsValidator(decision, facts, settings.timeZone);
    const constantsFor = (a: Record<string, boolean>) => settingsFacts(withAmendmentSettings(settings, a));
    problems.push(...overrideProblems(decision, shown, list, compiledRules, { validate }, floor, Object.keys(settings.amendments), constantsFor));
    // The floor's rules that no pack rule overrides run after the pack's own, cited to the law.
    const overridden = new Set(list.map((r) => r.overridesLaw).filter((id): id is string => id !== undefined));
    for (const rule of floorRules) if (!overridden.has(rule.name)) list.push(rule);
    floor.compiled[decision].forEach((rule, i) => {
      if (!overridden.has(rule.id)) compiledRules.push({ ...rule, order: ruleFile.rules.length + i });
    });
    rules[decision] = list;
    compiled[decision] = {
      decision,
      facts,
      validate,
      rules: compiledRules,
      constants,
    };
  }

  if (problems.length > 0) throw new PackError('pack_invalid', `Policy pack ${displayPath(dir)} is invalid:\n  ${problems.join('\n  ')}`);

  return {
    id: file.id,
    name: file.name,
    version: sha256(canonicalJson({ pack: rawPack, rules: rawRules, lawFloor: floor.raw })),
    dir,
    settings,
    documents: { ...floor.documents, ...documents },
    rules,
    actionLabels,
    lawFloor: floor,
    compiled,
  };
}

function withAmendmentSettings(settings: PackSettings, overrides: Record<string, boolean>): PackSettings {
  const amendments = { ...settings.amendments, ...overrides };
  return { ...settings, amendments, pedagogicalAccounts: amendments.pedagogicalAccounts === true };
}

/** The same pack with some remiss amendments switched; for pack cases and for trying a switch before changing pack.json. */
export function withAmendments(pack: LoadedPack, overrides: Record<string, boolean>): LoadedPack {
  const settings = withAmendmentSettings(pack.settings, overrides);
  const constants = settingsFacts(settings);
  const compiled = {} as Record<DecisionName, CompiledDecision>;
  for (const decision of DECISION_NAMES) compiled[decision] = { ...pack.compiled[decision], constants };
  return { ...pack, settings, compiled };
}

/** Every folder of `dir` that holds a pack.json is a pack; its folder name must be its id. */
export async function loadPacks(dir: string, options: LoadOptions = {}): Promise<PackRegistry> {
  const lawFloor = options.lawFloor ?? (await loadLawFloor(options.lawFloorDir));
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
      const pack = await loadPack(folder, { lawFloor });
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
