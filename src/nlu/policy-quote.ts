import type { PackIndex, IndexedSection } from './policy-index';
import type { PolicyUnit } from './policy-document';
import type { PolicyQuery } from './policy-query';
import { isNormative } from './normative';
import { SEARCH_TUNING } from './search-tuning';

function render(units: PolicyUnit[], picked: number[]): string {
  return picked
    .map((i, n) => {
      const unit = units[i];
      if (unit.kind === 'item') return `${n === 0 ? '' : '\n'}- ${unit.text}`;
      return `${n === 0 ? '' : ' '}${unit.text}`;
    })
    .join('')
    .trim();
}

// A list item states a rule when the sentence introducing its list does ("… ska diarieföras och raderas:").
function decisive(units: PolicyUnit[], i: number): boolean {
  const unit = units[i];
  return isNormative(unit.text) || (unit.kind === 'item' && unit.lead !== undefined && isNormative(units[unit.lead].text));
}

/**
 * The best 1–3 units of a section for the query, verbatim (the first sentence when nothing matches):
 * a list item comes with the sentence introducing its list, a sentence ending in a colon with the first
 * items, a very short sentence with the next one. `best` is the best unit's plain BM25 score (for ranking);
 * the choice itself prefers the unit matching the most distinct query words, and the decisive one: a sentence
 * saying what must, should or may (not) be done outweighs a background sentence sharing the same words.
 */
export function quoteFor(index: PackIndex, section: IndexedSection, query: PolicyQuery): { quote: string; best: number } {
  let bestScore = 0;
  let chosen = 0;
  let chosenValue = 0;
  section.units.forEach((_, i) => {
    const position = section.firstUnit + i;
    const score = index.unitIndex.score(position, query.terms);
    bestScore = Math.max(bestScore, score);
    const distinct = index.unitIndex.matched(position, query.terms).filter((t) => !t.startsWith('=')).length;
    const value = score * distinct * (decisive(section.units, i) ? SEARCH_TUNING.normativeWeight : 1);
    if (value > chosenValue) {
      chosen = i;
      chosenValue = value;
    }
  });
  const units = section.units;
  const picked = [chosen];
  const unit = units[chosen];
  if (unit.kind === 'item' && unit.lead !== undefined) picked.unshift(unit.lead);
  else if (unit.text.endsWith(':')) {
    for (let i = chosen + 1; i < units.length && picked.length < 3 && units[i].kind === 'item'; i += 1) picked.push(i);
  } else if (unit.text.length < 80 && units[chosen + 1]?.kind === 'sentence') picked.push(chosen + 1);
  return { quote: render(units, picked), best: bestScore };
}
