import { Bm25Index, bagOf, type TermBag } from './bm25';
import type { PolicyDocument, PolicySection, PolicyUnit } from './policy-document';
import { analyze } from './search-text';
import { SEARCH_TUNING } from './search-tuning';
import { Vocabulary } from './word-repair';

export interface IndexedSection {
  heading: string;
  headingTerms: ReadonlySet<string>;
  units: PolicyUnit[];
  /** Title of the section's document when it is not the policy text's own. */
  document?: string;
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

/** Indexes the policy text and any extra sections (switched-on remiss amendments) searched beside it. */
export function buildPackIndex(packId: string, document: PolicyDocument, extra: readonly PolicySection[] = []): PackIndex {
  const sections: IndexedSection[] = [];
  const sectionBags: TermBag[] = [];
  const unitBags: TermBag[] = [];
  for (const section of [...document.sections, ...extra]) {
    if (!section.units.length) continue;
    const headingTerms = termsOf(section.heading);
    const bag = bagOf(headingTerms, SEARCH_TUNING.headingWeight);
    for (const parent of section.parents.slice(1)) bagOf(termsOf(parent), SEARCH_TUNING.parentHeadingWeight, bag);
    if (section.keywords) bagOf(termsOf(section.keywords), 1, bag);
    sections.push({
      heading: section.heading,
      headingTerms: new Set(headingTerms),
      units: section.units,
      ...(section.document ? { document: section.document } : {}),
      firstUnit: unitBags.length,
    });
    for (const unit of section.units) {
      if (unit.term) bagOf(termsOf(unit.term), SEARCH_TUNING.definedTermWeight, bag);
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
