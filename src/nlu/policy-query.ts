import type { TermBag } from './bm25';
import type { PackIndex } from './policy-index';
import { toQuestion, type SynonymRule } from './policy-synonyms';
import { analyze, splitCompound } from './search-text';
import { SEARCH_TUNING } from './search-tuning';

export interface PolicyQuery {
  terms: TermBag;
  /** The question's own words as keys, with the known keys that stand for each (after repair). */
  originals: { key: string; matchKeys: string[] }[];
  /** Share of the question's own words that the pack uses or that a synonym rule reacted to. */
  knownShare: number;
}

function setMax(bag: TermBag, term: string, weight: number): void {
  bag.set(term, Math.max(bag.get(term) ?? 0, weight));
}

/**
 * Question → weighted terms: its words (weight 1), repaired words the pack does not use as typed
 * (compound split, typo, missed inflection, compound prefix), the exact å/ä/ö spelling, and synonyms.
 */
export function buildQuery(index: PackIndex, question: string, rules: readonly SynonymRule[]): PolicyQuery {
  const terms: TermBag = new Map();
  const originals: PolicyQuery['originals'] = [];
  const vocabulary = index.vocabulary;
  const known = (key: string) => vocabulary.has(key);
  const analyzed = analyze(question);
  const typed = toQuestion(question);
  const fired = rules.filter((rule) => rule.matches(typed));
  // Parts of a matched phrase ("ta bort", "lägga ner") give way to the rule's words, unless the rule names them itself.
  const phraseWords = new Set(
    fired.flatMap((rule) => {
      const added = new Set(analyze(rule.add).map((w) => w.key));
      return rule.phraseWords(typed).filter((word) => !analyze(word).some((w) => added.has(w.key)));
    }),
  );
  for (const word of analyzed) {
    if (originals.some((o) => o.key === word.key) || phraseWords.has(word.word)) continue;
    let matchKeys = [word.key];
    if (known(word.key)) setMax(terms, word.key, 1);
    else {
      const parts = splitCompound(word.word, known);
      const single = parts.length ? undefined : (vocabulary.correct(word.key) ?? vocabulary.knownStem(word.key));
      const repaired = parts.length ? parts : single ? [single] : vocabulary.compoundsStartingWith(word.key);
      for (const key of repaired) setMax(terms, key, SEARCH_TUNING.repairedWordWeight);
      if (repaired.length) matchKeys = repaired;
    }
    if (word.exact && index.sectionIndex.has(word.exact)) setMax(terms, word.exact, SEARCH_TUNING.exactSpellingWeight);
    originals.push({ key: word.key, matchKeys });
  }
  for (const rule of fired) {
    for (const word of analyze(rule.add)) if (known(word.key)) setMax(terms, word.key, rule.weight);
  }
  const distinct = new Set(analyzed.map((w) => w.key));
  const understood = new Set(analyzed.filter((w) => known(w.key) || phraseWords.has(w.word) || fired.some((rule) => rule.reactsTo(w.word))).map((w) => w.key));
  return { terms, originals, knownShare: distinct.size ? understood.size / distinct.size : 0 };
}

/**
 * IDF-weighted share of the query found in a section: every query term (the question's words and the
 * synonyms they brought in, each with its weight) counts; a question word the pack never uses counts
 * in full against it, so off-topic questions stay near zero.
 */
export function coverage(index: PackIndex, sectionPosition: number, query: PolicyQuery): number {
  const matched = new Set(index.sectionIndex.matched(sectionPosition, query.terms));
  let total = 0;
  let covered = 0;
  for (const [term, weight] of query.terms) {
    if (term.startsWith('=')) continue;
    const mass = weight * index.sectionIndex.idf(term);
    total += mass;
    if (matched.has(term)) covered += mass;
  }
  for (const original of query.originals) {
    if (!original.matchKeys.some((k) => index.vocabulary.has(k))) total += index.sectionIndex.maxIdf();
  }
  return total ? covered / total : 0;
}
