import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadPack, loadPacks, PackError } from '../rules';
import { FLOOR_RULE_PREFIX } from '../rules/law-floor';
import { loadPackCases, runPackCases } from '../rules/pack-cases';
import type { LoadedPack } from '../rules/types';
import { parseArgs } from './args';
import { cliConfig } from './cli-context';

async function selected(names: string[]): Promise<LoadedPack[]> {
  const dir = cliConfig().policiesDir;
  if (names.length === 0) {
    const registry = await loadPacks(dir);
    return registry.ids().map((id) => registry.get(id)!);
  }
  const packs: LoadedPack[] = [];
  for (const name of names) {
    const folder = existsSync(name) ? name : path.join(dir, name);
    if (!existsSync(folder)) throw new PackError('pack_unknown', `No pack "${name}" in ${dir}`);
    packs.push(await loadPack(folder));
  }
  return packs;
}

async function validate(names: string[]): Promise<number> {
  const packs = await selected(names);
  for (const pack of packs) {
    const cases = await loadPackCases(pack);
    const all = Object.values(pack.rules).flat();
    const law = all.filter((r) => r.name.startsWith(FLOOR_RULE_PREFIX)).length;
    const overrides = all.filter((r) => r.overridesLaw).length;
    const caseCount = Object.values(cases).reduce((n, list) => n + list.length, 0);
    const floorCases = Object.values(pack.lawFloor.cases).reduce((n, list) => n + list.length, 0);
    process.stdout.write(
      `${pack.id} (${pack.name}): valid — ${all.length} rules (${law} from the law floor, ${overrides} overriding it at least as strictly), ${caseCount} cases + ${floorCases} law-floor cases, version ${pack.version}\n`,
    );
  }
  return 0;
}

async function test(names: string[]): Promise<number> {
  let failed = 0;
  for (const pack of await selected(names)) {
    const report = await runPackCases(pack);
    for (const r of report.results.filter((x) => !x.ok)) {
      process.stdout.write(`FAIL ${pack.id} ${r.floor ? 'law-floor ' : ''}${r.decision}: ${r.name}\n${r.problems.map((p) => `     ${p}`).join('\n')}\n`);
    }
    for (const u of report.uncovered) process.stdout.write(`UNCOVERED ${pack.id} ${u}\n`);
    const passed = report.results.filter((x) => x.ok).length;
    process.stdout.write(
      `${pack.id}: ${passed}/${report.results.length} cases passed; ${report.coverage.length - new Set(report.uncovered.map((u) => u.split(' fires')[0])).size}/${report.coverage.length} rules both fire and stay quiet in some case\n`,
    );
    if (!report.ok) failed++;
  }
  return failed === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  const { positional } = parseArgs(process.argv.slice(2));
  const [command, ...names] = positional;
  if (command === 'validate') return validate(names);
  if (command === 'test') return test(names);
  process.stderr.write('Usage: npm run packs:validate [-- <pack>...] | npm run packs:test [-- <pack>...]\n');
  return 2;
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`${error instanceof PackError ? error.message : `packs failed: ${(error as Error).message}`}\n`);
    process.exit(1);
  });
