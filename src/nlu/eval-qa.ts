/**
 * npm run eval:qa — for every pack in the policies folder: top-1 and top-3 hit rates of the policy search on its
 * held-out policies/<pack>/qa-eval.json, how many questions on topics the pack is silent on are answered as
 * silent, and how many off-topic questions are (rightly) not confident.
 * Exits with status 1 when top-1 < 80 %, top-3 < 95 % or silent < 90 % overall.
 *
 * npm run eval:qa -- --dev — the same on src/nlu/data/qa-dev.json, the set the search is tuned on.
 */
import { loadPacks } from '../rules/pack-loader';
import { loadPolicyText } from './policy-document';
import { createPolicySearch } from './policy-search';
import { evaluateQa, loadQaSet, qaEvalPath, qaSetSchema, type QaResult, type QaSet } from './qa-evaluation';
import devJson from './data/qa-dev.json';
import { fromProjectRoot } from '../paths';

const POLICIES_DIR = fromProjectRoot('policies');
const TOP1_TARGET = 0.8;
const TOP3_TARGET = 0.95;
const SILENT_TARGET = 0.9;

function devSets(packIds: string[]): QaSet[] {
  const packs = (devJson as { packs: Record<string, unknown> }).packs;
  return Object.entries(packs)
    .filter(([packId]) => packIds.includes(packId))
    .map(([packId, set]) => qaSetSchema.parse({ ...(set as object), packId }));
}

function checkExpectedSections(sets: QaSet[]): void {
  for (const set of sets) {
    const headings = new Set(loadPolicyText(POLICIES_DIR, set.packId).sections.map((s) => s.heading));
    for (const c of set.cases) {
      if (!headings.has(c.expected)) throw new Error(`${set.packId}: expected section "${c.expected}" is not a heading of the policy text`);
    }
  }
}

const pct = (n: number, of: number) => `${of ? ((n / of) * 100).toFixed(1) : '100.0'} %`;

function print(result: QaResult): void {
  console.log(`\n${result.packId}: ${result.total} questions`);
  console.log(`  top-1 ${result.top1}/${result.total} (${pct(result.top1, result.total)})   top-3 ${result.top3}/${result.total} (${pct(result.top3, result.total)})   right and confident ${result.confidentAndRight}/${result.total}`);
  console.log(`  silent topics answered as silent ${result.silentRight}/${result.silentTotal} (${pct(result.silentRight, result.silentTotal)})`);
  for (const q of result.silentMissed) console.log(`    not silent: "${q}"`);
  for (const q of result.wronglySilent) console.log(`    wrongly silent: "${q}"`);
  console.log(`  off-topic not confident ${result.offTopicRejected}/${result.offTopicTotal}`);
  for (const q of result.offTopicAccepted) console.log(`    wrongly confident: "${q}"`);
  if (result.misses.length) console.log('  not first:');
  for (const m of result.misses) console.log(`    "${m.question}"\n        expected ${m.expected}\n        got      ${m.got.join(' | ') || '(nothing)'}`);
}

async function main(): Promise<number> {
  const dev = process.argv.includes('--dev');
  const packs = await loadPacks(POLICIES_DIR);
  const packIds = packs.ids();
  const sets = dev ? devSets(packIds) : packIds.map((packId) => loadQaSet(qaEvalPath(POLICIES_DIR, packId)));
  checkExpectedSections(sets);
  const search = await createPolicySearch(POLICIES_DIR, packIds, { packs });
  console.log(dev ? 'Policy search on the development set (used for tuning)' : 'Policy search on the held-out evaluation sets');
  const results = sets.map((set) => evaluateQa(search, set));
  results.forEach(print);
  const total = results.reduce((n, r) => n + r.total, 0);
  const top1 = results.reduce((n, r) => n + r.top1, 0);
  const top3 = results.reduce((n, r) => n + r.top3, 0);
  const offTotal = results.reduce((n, r) => n + r.offTopicTotal, 0);
  const offRejected = results.reduce((n, r) => n + r.offTopicRejected, 0);
  const silentTotal = results.reduce((n, r) => n + r.silentTotal, 0);
  const silentRight = results.reduce((n, r) => n + r.silentRight, 0);
  console.log(
    `\noverall: ${total} questions, top-1 ${pct(top1, total)}, top-3 ${pct(top3, total)}, silent ${silentRight}/${silentTotal} (${pct(silentRight, silentTotal)}), off-topic not confident ${offRejected}/${offTotal}`,
  );
  const pass = top1 / total >= TOP1_TARGET && top3 / total >= TOP3_TARGET && (!silentTotal || silentRight / silentTotal >= SILENT_TARGET);
  console.log(`targets: top-1 >= ${TOP1_TARGET * 100} %, top-3 >= ${TOP3_TARGET * 100} % and silent >= ${SILENT_TARGET * 100} %: ${pass ? 'met' : 'NOT met'}`);
  return pass ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
