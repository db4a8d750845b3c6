import { Bm25Index, bagOf, type TermBag } from './bm25';
import type { PolicyDocument, PolicyUnit } from './policy-document';
import { analyze } from './search-text';
import { SEARCH_TUNING } from './search-tuning';
import { Vocabulary } from './word-repair';

export interface IndexedSection {
  heading: string;
  headingTerms: ReadonlySet<string>;
  units: PolicyUnit[];
  /** Position of the section's first unit in the pack's unit index. */
  firstUnit: number;
}

/** One pack's policy text indexed twice: by section (to rank) and by unit (to pick the quote). */
export interface PackIndex {
  packId: string;
  document: PolicyDocument;
  /** Sections with text of their own, in document order; positions match sectionIndex. */
  sections: IndexedSection[];
  sectionIndex: Bm25Index;
  unitIndex: Bm25Index;
  vocabulary: Vocabulary;
}

/** Folded keys, plus "=stem" terms keeping the å/ä/ö spelling for words that have them. */
export function termsOf(text: string): string[] {
  return analyze(text).flatMap((w) => (w.exact ? [w.key, w.exact] : [w.key]));
}

export function buildPackIndex(packId: string, document: PolicyDocument): PackIndex {
  const sections: IndexedSection[] = [];
  const sectionBags: TermBag[] = [];
  const unitBags: TermBag[] = [];
  for (const section of document.sections) {
    if (!section.units.length) continue;
    const headingTerms = termsOf(section.heading);
    const bag = bagOf(headingTerms, SEARCH_TUNING.headingWeight);
    for (const parent of section.parents.slice(1)) bagOf(termsOf(parent), SEARCH_TUNING.parentHeadingWeight, bag);
    sections.push({ heading: section.heading, headingTerms: new Set(headingTerms), units: section.units, firstUnit: unitBags.length });
    for (const unit of section.units) {
      const terms = termsOf(unit.text);
      bagOf(terms, 1, bag);
      unitBags.push(bagOf(terms));
    }
    sectionBags.push(bag);
  }
  const keys = new Set(sectionBags.flatMap((bag) => [...bag.keys()].filter((t) => !t.startsWith('='))));
  return {
    packId,
    document,
    sections,
    sectionIndex: new Bm25Index(sectionBags),
    unitIndex: new Bm25Index(unitBags),
    vocabulary: new Vocabulary(keys),
  };
}
