import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECISION_NAMES, FactsError, loadPacks, type FactSpec, type LoadedPack, type PackRegistry } from '.';
import { evaluateDetailed, evaluateWithEngine } from './evaluate';
import { withAmendments } from './pack-loader';

let packs: PackRegistry;
beforeAll(async () => {
  packs = await loadPacks(path.resolve(__dirname, '../../policies'));
});

/** Values near the thresholds the rules use, so that both sides of each condition are reached. */
function arbitraryFor(spec: FactSpec): fc.Arbitrary<unknown> {
  switch (spec.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.oneof(fc.constantFrom(0, 4, 12, 13, 15, 17, 18, 40), fc.integer({ min: spec.min, max: spec.max }), ...(spec.nullable ? [fc.constant(null)] : []));
    case 'string':
      return fc.oneof(fc.constant('Kulturförvaltningen'), ...(spec.nullable ? [fc.constant(null)] : []));
    case 'enum':
      return fc.constantFrom(...spec.values);
    case 'enumArray':
      return fc.subarray(spec.values, { minLength: spec.minItems ?? 0, maxLength: 4 });
    case 'stringArray':
      return fc.constantFrom([], ['Fler följare']);
    case 'date':
      return fc.oneof(fc.constantFrom('2025-01-01', '2025-01-10', '2025-01-15', '2025-02-01'), ...(spec.nullable ? [fc.constant(null)] : []));
  }
}

function factsArbitrary(pack: LoadedPack, decision: (typeof DECISION_NAMES)[number]) {
  const specs = pack.compiled[decision].facts;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, spec] of Object.entries(specs)) model[name] = arbitraryFor(spec);
  const required = Object.entries(specs).filter(([, s]) => s.required).map(([n]) => n);
  return fc.record(model, { requiredKeys: required });
}

describe('compiled rules and json-rules-engine', () => {
  for (const packId of ['stockholm', 'nykoping']) {
    for (const decision of DECISION_NAMES) {
      it(`fire the same rules for ${packId} ${decision}, amendments off and on`, async () => {
        const base = packs.get(packId)!;
        const variants = [base, withAmendments(base, Object.fromEntries(Object.keys(base.settings.amendments).map((k) => [k, true])))];
        const now = new Date('2025-01-15T10:00:00+01:00');
        let compared = 0;
        await fc.assert(
          fc.asyncProperty(factsArbitrary(base, decision), fc.integer({ min: 0, max: 1 }), async (facts, v) => {
            const pack = variants[v];
            let fast;
            try {
              fast = evaluateDetailed(pack, decision, facts, now);
            } catch (error) {
              if (error instanceof FactsError) return;
              throw error;
            }
            const reference = await evaluateWithEngine(pack, decision, facts, now);
            compared++;
            expect([...fast.rules].sort()).toEqual([...reference.rules].sort());
            expect(fast.output.outcome).toBe(reference.output.outcome);
          }),
          { numRuns: 300, seed: 20250115 },
        );
        expect(compared).toBeGreaterThan(150);
      });
    }
  }
});
