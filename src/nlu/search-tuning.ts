/** Weights and thresholds of the policy search, tuned on src/nlu/data/qa-dev.json (never on the packs' qa-eval.json). */
export const SEARCH_TUNING = {
  /** A heading's words count this many times in its section. */
  headingWeight: 2,
  /** Words of enclosing headings (below the document title) count once. */
  parentHeadingWeight: 1,
  /** A term a list item defines ("**Registrator** – …") counts this many extra times in its section: as a heading word. */
  definedTermWeight: 2,
  /** Section score = BM25 of the section + passageWeight × BM25 of its best passage. */
  passageWeight: 0.5,
  /** A quote candidate stating a rule (ska, bör, får inte, måste …) counts this many times a background sentence. */
  normativeWeight: 2,
  /** Query weight of the exact spelling (with å/ä/ö) next to the folded key. */
  exactSpellingWeight: 0.2,
  /** Query weight of a word found by splitting a compound or correcting a typo. */
  repairedWordWeight: 0.7,
  /** Hits scoring below this share of the best one are left out. */
  relativeCutoff: 0.4,
  /** Confident only when the best section covers this share of the query (IDF-weighted)… */
  minCoverage: 0.25,
  /** …at least this share of the question's own words are policy words or understood by a synonym rule… */
  minKnownShare: 0.5,
  /** …the best section's combined score reaches this… (and its heading or at least two words match). */
  minScore: 3,
  /** Reported score = raw / (raw + scoreScale): a hit at minScore shows 0.5. */
  scoreScale: 3,
  maxQuestionChars: 300,
  maxHits: 3,
} as const;
