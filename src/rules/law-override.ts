import type { DecisionName } from './decisions';
import type { LawFloor } from './law-floor';
import type { PackRule } from './pack-schema';
import type { CompiledDecision, CompiledRule } from './types';

/** Every on/off combination of the pack's amendments (a pack case may switch any of them); the first ten, at most 1,024 runs per case. */
function amendmentCombinations(names: string[]): Record<string, boolean>[] {
  let combos: Record<string, boolean>[] = [{}];
  for (const name of names.slice(0, 10)) combos = combos.flatMap((c) => [{ ...c, [name]: false }, { ...c, [name]: true }]);
  return combos;
}

/**
 * A pack rule that overrides a floor rule must be at least as strict on the floor's own cases: wherever the floor
 * rule fires (under any setting of the pack's amendments), the pack rule fires too, with the same or a more
 * decisive outcome and at least the floor rule's next steps. Returns one problem per failed case.
 */
export function overrideProblems(
  decision: DecisionName,
  shown: string,
  packRules: PackRule[],
  compiledRules: CompiledRule[],
  compiled: Pick<CompiledDecision, 'validate'>,
  floor: LawFloor,
  amendments: string[],
  constantsFor: (amendments: Record<string, boolean>) => Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  const combos = amendmentCombinations(amendments).map(constantsFor);
  for (const rule of packRules) {
    if (!rule.overridesLaw) continue;
    const prefix = `${shown}: rule ${rule.name}: overridesLaw: `;
    const law = floor.compiled[decision].find((r) => r.id === rule.overridesLaw);
    if (!law) {
      problems.push(`${prefix}no floor rule "${rule.overridesLaw}" for ${decision}`);
      continue;
    }
    const own = compiledRules.find((r) => r.id === rule.name);
    if (!own) continue; // the rule has problems of its own, reported already
    let proved = 0;
    for (const c of floor.cases[decision]) {
      let facts: Record<string, unknown>;
      try {
        facts = compiled.validate(c.facts, new Date(c.now ?? '2025-01-15T10:00:00+01:00'));
      } catch {
        continue; // a case the pack's facts refuse cannot be decided in this pack at all
      }
      for (const constants of combos) {
        const values = { ...constants, ...facts };
        if (!law.test(values)) continue;
        proved++;
        const looser = !own.test(values)
          ? 'does not fire'
          : own.severity < law.severity
            ? `gives ${own.outcome}, the law gives ${law.outcome}`
            : law.actions.filter((a) => !own.actions.includes(a)).map((a) => `drops the next step ${a}`)[0];
        if (looser) {
          problems.push(`${prefix}looser than the law rule ${law.id} in the floor case "${c.name}": ${looser}`);
          break;
        }
      }
    }
    if (proved === 0) problems.push(`${prefix}the floor has no case where ${law.id} fires, so the override cannot be proved at least as strict`);
  }
  return problems;
}
