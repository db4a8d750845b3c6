import { existsSync } from 'node:fs';
import path from 'node:path';
import { fromProjectRoot } from '../paths';
import { DECISION_NAMES, DECISIONS, type DecisionName } from './decisions';
import { PackError } from './errors';
import { BASE_FACTS, type FactSpec } from './fact-specs';
import { floorCaseFileSchema, floorFileSchema, type FloorCase, type PackRule } from './pack-schema';
import { checkRule, displayPath, readJson, readRuleFile, zodProblems } from './rule-check';
import type { CompiledRule, PackDocumentInfo } from './types';

/** The floor ships with the product, beside `policies/`: no pack and no setting can switch it off. */
export const LAW_FLOOR_DIR = fromProjectRoot('law-floor');
export const FLOOR_FILE = 'floor.json';
/** Every floor rule id starts with this, so that a reason shows at a glance that the law, not a policy, gave it. */
export const FLOOR_RULE_PREFIX = 'law-';

/**
 * Rules every pack gets unless one of its own rules overrides them with something at least as strict
 * (`overridesLaw`, checked against the floor's cases when the pack loads). Cited to the law, not to a policy.
 */
export interface LawFloor {
  dir: string;
  documents: Record<string, PackDocumentInfo>;
  rules: Record<DecisionName, PackRule[]>;
  /** Compiled once; `order` is set again where a pack appends them after its own rules. */
  compiled: Record<DecisionName, CompiledRule[]>;
  /** Run against every pack by `packs:test`. */
  cases: Record<DecisionName, FloorCase[]>;
  /** What the pack version hashes, so that a change of the floor is a new version of every pack. */
  raw: unknown;
}

async function readCases(dir: string, floor: LawFloor, problems: string[]): Promise<void> {
  for (const decision of DECISION_NAMES) {
    const file = path.join(dir, 'cases', `${decision}.json`);
    if (!existsSync(file)) continue;
    const raw = await readJson(file, problems);
    if (raw === undefined) continue;
    const parsed = floorCaseFileSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(`${displayPath(file)}: `, parsed.error));
      continue;
    }
    if (parsed.data.decision !== decision) problems.push(`${displayPath(file)}: decision: expected "${decision}" (the file name)`);
    const definition = DECISIONS[decision];
    const names = new Set(floor.rules[decision].map((r) => r.name));
    parsed.data.cases.forEach((c, i) => {
      const where = `${displayPath(file)}: cases[${i}] (${c.name}): expect`;
      for (const rule of c.expect.rules) if (!names.has(rule)) problems.push(`${where}.rules: no floor rule "${rule}" for ${decision}`);
      if (!definition.outcomes.includes(c.expect.outcomeAtLeast)) problems.push(`${where}.outcomeAtLeast: "${c.expect.outcomeAtLeast}" is not an outcome of ${decision}`);
      for (const action of c.expect.actionsInclude ?? []) if (!definition.actions.includes(action)) problems.push(`${where}.actionsInclude: unknown action "${action}"`);
    });
    floor.cases[decision] = parsed.data.cases;
  }
}

/** Loads and checks `law-floor/`: floor.json (documents), rules/<decision>.json and cases/<decision>.json, each optional per decision. */
export async function loadLawFloor(dir: string = LAW_FLOOR_DIR): Promise<LawFloor> {
  const problems: string[] = [];
  const floorPath = path.join(dir, FLOOR_FILE);
  const rawFloor = await readJson(floorPath, problems);
  const parsed = rawFloor === undefined ? undefined : floorFileSchema.safeParse(rawFloor);
  if (parsed && !parsed.success) problems.push(...zodProblems(`${displayPath(floorPath)}: `, parsed.error));
  if (!parsed?.success) throw new PackError('pack_invalid', `The law floor ${displayPath(dir)} is invalid:\n  ${problems.join('\n  ')}`);

  const documents: Record<string, PackDocumentInfo> = {};
  for (const [id, doc] of Object.entries(parsed.data.documents)) documents[id] = { id, ...doc };
  const floor: LawFloor = {
    dir,
    documents,
    rules: Object.fromEntries(DECISION_NAMES.map((d) => [d, []])) as unknown as Record<DecisionName, PackRule[]>,
    compiled: Object.fromEntries(DECISION_NAMES.map((d) => [d, []])) as unknown as Record<DecisionName, CompiledRule[]>,
    cases: Object.fromEntries(DECISION_NAMES.map((d) => [d, []])) as unknown as Record<DecisionName, FloorCase[]>,
    raw: undefined,
  };
  const rawRules: Record<string, unknown> = {};

  for (const decision of DECISION_NAMES) {
    const file = path.join(dir, 'rules', `${decision}.json`);
    if (!existsSync(file)) continue;
    const shown = displayPath(file);
    const read = await readRuleFile(file, decision, problems);
    if (!read) continue;
    rawRules[decision] = read.raw;
    const ruleFile = read.parsed;
    if (!ruleFile) continue;
    // The floor reads only the facts every pack has: no pack facts, settings or amendments.
    const ctx = {
      shown,
      decision,
      definition: DECISIONS[decision],
      facts: BASE_FACTS[decision],
      known: new Map<string, FactSpec | undefined>(Object.entries(BASE_FACTS[decision])),
      documents,
      actionLabels: {},
    };
    const seen = new Set<string>();
    ruleFile.rules.forEach((rawRule, index) => {
      const checked = checkRule(rawRule, index, ctx, problems);
      if (!checked) return;
      const { rule, compiled } = checked;
      const prefix = `${shown}: rule ${rule.name}: `;
      if (!rule.name.startsWith(FLOOR_RULE_PREFIX)) problems.push(`${prefix}name: a floor rule's id starts with "${FLOOR_RULE_PREFIX}"`);
      if (rule.overridesLaw) problems.push(`${prefix}overridesLaw: only a pack rule overrides the floor`);
      if (seen.has(rule.name)) problems.push(`${prefix}name: used by another rule in this file`);
      seen.add(rule.name);
      floor.rules[decision].push(rule);
      if (compiled) floor.compiled[decision].push(compiled);
    });
  }
  if (problems.length === 0) await readCases(dir, floor, problems);
  if (problems.length > 0) throw new PackError('pack_invalid', `The law floor ${displayPath(dir)} is invalid:\n  ${problems.join('\n  ')}`);
  floor.raw = { floor: rawFloor, rules: rawRules };
  return floor;
}

