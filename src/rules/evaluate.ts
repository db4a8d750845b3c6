import { randomUUID } from 'node:crypto';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { addDays, daysBetween } from './dates';
import { DECISION_NAMES, DECISIONS, isDecisionName, type DecisionName } from './decisions';
import { PackError } from './errors';
import type { FactSpec } from './fact-specs';
import { CUSTOM_OPERATORS } from './operators';
import type { CompiledDecision, CompiledRule, DecisionOutput, LoadedPack } from './types';
import type { ValidatedFacts } from './validate-facts';

/** The output plus what the decision log keeps. */
export interface DetailedDecision {
  output: DecisionOutput;
  /** The facts as validated (defaults applied): what is logged and replayed. */
  facts: ValidatedFacts;
  /** Ids of the fired rules, most decisive first. */
  rules: string[];
}

function compiledFor(pack: LoadedPack, decision: string): CompiledDecision {
  if (!isDecisionName(decision)) {
    throw new PackError('decision_unknown', `Unknown decision "${decision}"; expected one of ${DECISION_NAMES.join(', ')}`, [...DECISION_NAMES]);
  }
  return pack.compiled[decision];
}

function derivedFacts(decision: DecisionName, facts: ValidatedFacts): Record<string, unknown> {
  if (decision === 'close-account' && facts.noticePosted === true && typeof facts.noticePostedOn === 'string') {
    return { noticeDaysElapsed: daysBetween(facts.noticePostedOn, facts.today as string) };
  }
  return {};
}

function runValues(compiled: CompiledDecision, facts: ValidatedFacts): Record<string, unknown> {
  return Object.assign({}, compiled.constants, derivedFacts(compiled.decision, facts), facts);
}

function byDecisiveness(a: CompiledRule, b: CompiledRule): number {
  return b.severity - a.severity || b.priority - a.priority || a.order - b.order;
}

/** Not given: absent, or an empty list of free texts (an empty selection such as `sensitiveCategories: []` is an answer). */
function notGiven(spec: FactSpec | undefined, value: unknown): boolean {
  return value === undefined || (spec?.type === 'stringArray' && Array.isArray(value) && value.length === 0);
}

function extras(pack: LoadedPack, decision: DecisionName, facts: ValidatedFacts): Partial<DecisionOutput> {
  const s = pack.settings;
  switch (decision) {
    case 'moderate-post':
      return s.answerDeadline.hours !== null ? { deadlineHours: s.answerDeadline.hours } : {};
    case 'open-account':
      return { approverRoles: [...s.approverRoles.openAccount] };
    case 'close-account': {
      const today = facts.today as string;
      const posted = facts.noticePosted === true && typeof facts.noticePostedOn === 'string' ? (facts.noticePostedOn as string) : today;
      const earliest = s.closeNoticeDays === null ? today : addDays(posted, s.closeNoticeDays);
      return { approverRoles: [...s.approverRoles.closeAccount], earliestCloseDate: earliest < today ? today : earliest };
    }
    default:
      return {};
  }
}

/** Fired rules → outcome, reasons (most decisive first), actions, missing. Shared by both evaluators. */
function combine(pack: LoadedPack, compiled: CompiledDecision, facts: ValidatedFacts, fired: CompiledRule[], now: Date): DetailedDecision {
  const decision = compiled.decision;
  const definition = DECISIONS[decision];
  fired.sort(byDecisiveness);
  const outcome = fired.length > 0 ? fired[0].outcome : definition.defaultOutcome;

  const actions: string[] = [];
  const dropped = definition.blocking?.find((b) => b.outcome === outcome)?.dropActionsOf ?? [];
  for (const rule of fired) {
    if (dropped.includes(rule.outcome)) continue;
    for (const action of rule.actions) if (!actions.includes(action)) actions.push(action);
  }

  const missing: string[] = [];
  if (outcome === definition.missingOutcome) {
    for (const rule of fired) for (const fact of rule.missing) if (notGiven(compiled.facts[fact], facts[fact]) && !missing.includes(fact)) missing.push(fact);
  }

  const output: DecisionOutput = {
    decisionId: randomUUID(),
    decision,
    pack: pack.id,
    packVersion: pack.version,
    outcome,
    reasons: fired.map((r) => r.reason),
    actions,
    missing,
    at: now.toISOString(),
    ...extras(pack, decision, facts),
  };
  return { output, facts, rules: fired.map((r) => r.id) };
}

/** Validates, evaluates with the compiled rules and explains. Throws FactsError or PackError. No logging. */
export function evaluateDetailed(pack: LoadedPack, decision: DecisionName, rawFacts: unknown, now: Date = new Date()): DetailedDecision {
  const compiled = compiledFor(pack, decision);
  const facts = compiled.validate(rawFacts, now);
  const values = runValues(compiled, facts);
  const fired: CompiledRule[] = [];
  for (const rule of compiled.rules) if (rule.test(values)) fired.push(rule);
  return combine(pack, compiled, facts, fired, now);
}

export async function evaluate(pack: LoadedPack, decision: DecisionName, facts: unknown, now: Date = new Date()): Promise<DecisionOutput> {
  return evaluateDetailed(pack, decision, facts, now).output;
}

const engines = new WeakMap<CompiledDecision, Engine>();

function engineFor(pack: LoadedPack, compiled: CompiledDecision): Engine {
  let engine = engines.get(compiled);
  if (!engine) {
    engine = new Engine(pack.rules[compiled.decision] as RuleProperties[], { allowUndefinedFacts: true });
    for (const [name, op] of Object.entries(CUSTOM_OPERATORS)) engine.addOperator(name, op.evaluate);
    engines.set(compiled, engine);
  }
  return engine;
}

/**
 * The same decision, with the rules run by json-rules-engine itself. Slower (an almanac and promises per
 * run); kept as the reference the compiled evaluator is tested against, and for `--engine json-rules-engine`.
 */
export async function evaluateWithEngine(pack: LoadedPack, decision: DecisionName, rawFacts: unknown, now: Date = new Date()): Promise<DetailedDecision> {
  const compiled = compiledFor(pack, decision);
  const facts = compiled.validate(rawFacts, now);
  const result = await engineFor(pack, compiled).run(runValues(compiled, facts));
  const names = new Set(result.results.map((r) => r.name));
  return combine(pack, compiled, facts, compiled.rules.filter((r) => names.has(r.id)), now);
}
