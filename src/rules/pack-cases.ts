import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { DECISION_NAMES, severity, type DecisionName } from './decisions';
import { FactsError, PackError } from './errors';
import { evaluateDetailed, evaluateWithEngine } from './evaluate';
import { CASES_DIR, displayPath, withAmendments } from './pack-loader';
import { caseFileSchema, type FloorCase, type PackCase } from './pack-schema';
import type { LoadedPack } from './types';

/** Cases never depend on the clock. */
export const DEFAULT_CASE_TIME = '2025-01-15T10:00:00+01:00';

export interface CaseResult {
  decision: DecisionName;
  /** A case of the law floor rather than of the pack. */
  floor?: boolean;
  name: string;
  ok: boolean;
  problems: string[];
  fired: string[];
}

export interface RuleCoverage {
  decision: DecisionName;
  rule: string;
  fires: number;
  quiet: number;
}

export interface PackTestReport {
  pack: string;
  results: CaseResult[];
  coverage: RuleCoverage[];
  /** Rules without a case where they fire, or without one where they do not. */
  uncovered: string[];
  ok: boolean;
}

export async function loadPackCases(pack: LoadedPack): Promise<Record<DecisionName, PackCase[]>> {
  const problems: string[] = [];
  const cases = {} as Record<DecisionName, PackCase[]>;
  for (const decision of DECISION_NAMES) {
    const file = path.join(pack.dir, CASES_DIR, `${decision}.json`);
    if (!existsSync(file)) {
      problems.push(`${displayPath(file)}: missing; every pack has test cases for each decision`);
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await fs.readFile(file, 'utf8'));
    } catch (error) {
      problems.push(`${displayPath(file)}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = caseFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${displayPath(file)}: ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    if (parsed.data.decision !== decision) problems.push(`${displayPath(file)}: decision: expected "${decision}" (the file name)`);
    parsed.data.cases.forEach((c, i) => {
      for (const name of Object.keys(c.amendments ?? {})) {
        if (!(name in pack.settings.amendments)) problems.push(`${displayPath(file)}: cases.${i}.amendments.${name}: the pack has no such amendment`);
      }
    });
    cases[decision] = parsed.data.cases;
  }
  if (problems.length > 0) throw new PackError('pack_invalid', `Test cases of pack ${pack.id} are invalid:\n  ${problems.join('\n  ')}`);
  return cases;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

async function runCase(basePack: LoadedPack, decision: DecisionName, c: PackCase): Promise<CaseResult> {
  const pack = c.amendments ? withAmendments(basePack, c.amendments) : basePack;
  const now = new Date(c.now ?? DEFAULT_CASE_TIME);
  const problems: string[] = [];
  let fired: string[] = [];
  try {
    const result = evaluateDetailed(pack, decision, c.facts, now);
    const reference = await evaluateWithEngine(pack, decision, c.facts, now);
    fired = result.rules;
    const out = result.output;
    if (!sameSet(result.rules, reference.rules)) {
      problems.push(`json-rules-engine fires [${reference.rules.join(', ')}] but the compiled rules fire [${result.rules.join(', ')}]`);
    }
    if (out.outcome !== c.expect.outcome) problems.push(`outcome: expected ${c.expect.outcome}, got ${out.outcome}`);
    if (!sameSet(result.rules, c.expect.rules)) problems.push(`rules: expected [${c.expect.rules.join(', ')}], got [${result.rules.join(', ')}]`);
    if (c.expect.actions && c.expect.actions.join() !== out.actions.join()) {
      problems.push(`actions: expected [${c.expect.actions.join(', ')}], got [${out.actions.join(', ')}]`);
    }
    if (c.expect.missing && !sameSet(c.expect.missing, out.missing)) problems.push(`missing: expected [${c.expect.missing.join(', ')}], got [${out.missing.join(', ')}]`);
    if (c.expect.earliestCloseDate && c.expect.earliestCloseDate !== out.earliestCloseDate) {
      problems.push(`earliestCloseDate: expected ${c.expect.earliestCloseDate}, got ${out.earliestCloseDate}`);
    }
  } catch (error) {
    if (error instanceof FactsError) problems.push(`facts rejected: ${error.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    else throw error;
  }
  return { decision, name: c.name, ok: problems.length === 0, problems, fired };
}

/**
 * A law-floor case in this pack: the floor rules it names fire (or the pack rule that overrides them), no other
 * floor rule fires, the outcome is at least as decisive as the case demands and the named next steps are there.
 */
async function runFloorCase(pack: LoadedPack, decision: DecisionName, c: FloorCase): Promise<CaseResult> {
  const now = new Date(c.now ?? DEFAULT_CASE_TIME);
  const problems: string[] = [];
  let fired: string[] = [];
  const overriddenBy = new Map(pack.rules[decision].filter((r) => r.overridesLaw).map((r) => [r.overridesLaw!, r.name]));
  try {
    const result = evaluateDetailed(pack, decision, c.facts, now);
    const reference = await evaluateWithEngine(pack, decision, c.facts, now);
    fired = result.rules;
    if (!sameSet(result.rules, reference.rules)) {
      problems.push(`json-rules-engine fires [${reference.rules.join(', ')}] but the compiled rules fire [${result.rules.join(', ')}]`);
    }
    const floorFired = pack.lawFloor.rules[decision]
      .map((r) => r.name)
      .filter((id) => result.rules.includes(overriddenBy.get(id) ?? id));
    if (!sameSet(floorFired, c.expect.rules)) problems.push(`law rules: expected [${c.expect.rules.join(', ')}], got [${floorFired.join(', ')}]`);
    const out = result.output;
    if (severity(decision, out.outcome) < severity(decision, c.expect.outcomeAtLeast)) {
      problems.push(`outcome: expected ${c.expect.outcomeAtLeast} or more decisive, got ${out.outcome}`);
    }
    const absent = (c.expect.actionsInclude ?? []).filter((a) => !out.actions.includes(a));
    if (absent.length > 0) problems.push(`actions: [${absent.join(', ')}] missing from [${out.actions.join(', ')}]`);
  } catch (error) {
    if (error instanceof FactsError) problems.push(`facts rejected: ${error.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    else throw error;
  }
  return { decision, floor: true, name: c.name, ok: problems.length === 0, problems, fired };
}

/**
 * Runs every case of a pack, and every case of the law floor, against both evaluators and checks that each rule
 * (the floor's included) both fires and stays quiet somewhere.
 */
export async function runPackCases(pack: LoadedPack): Promise<PackTestReport> {
  const cases = await loadPackCases(pack);
  const results: CaseResult[] = [];
  const coverage: RuleCoverage[] = [];
  const uncovered: string[] = [];
  for (const decision of DECISION_NAMES) {
    const decisionResults: CaseResult[] = [];
    for (const c of cases[decision]) decisionResults.push(await runCase(pack, decision, c));
    for (const c of pack.lawFloor.cases[decision]) decisionResults.push(await runFloorCase(pack, decision, c));
    results.push(...decisionResults);
    for (const rule of pack.rules[decision]) {
      const fires = decisionResults.filter((r) => r.fired.includes(rule.name)).length;
      const quiet = decisionResults.length - fires;
      coverage.push({ decision, rule: rule.name, fires, quiet });
      if (fires === 0) uncovered.push(`${decision}: rule ${rule.name} fires in no case`);
      if (quiet === 0) uncovered.push(`${decision}: rule ${rule.name} fires in every case`);
    }
  }
  return { pack: pack.id, results, coverage, uncovered, ok: results.every((r) => r.ok) && uncovered.length === 0 };
}
