import { NluError } from './errors';
import { loadPolicyText } from './policy-document';
import { buildPackIndex, type PackIndex } from './policy-index';
import { buildQuery, coverage } from './policy-query';
import { quoteFor } from './policy-quote';
import { DEFAULT_SYNONYM_RULES, type SynonymRule } from './policy-synonyms';
import { SEARCH_TUNING } from './search-tuning';
import { sanitizeInput } from './text';
import type { PolicyAnswer, PolicyHit, PolicySearch } from './types';

export { SEARCH_TUNING } from './search-tuning';

export interface PolicyExplanation {
  confident: boolean;
  /** IDF-weighted share of the query found in the best section. */
  coverage: number;
  terms: [string, number][];
  /** Sections above the relative cut-off, best first, with raw (unbounded) scores. */
  ranked: { section: string; raw: number; quote: string }[];
}

export interface ExplainablePolicySearch extends PolicySearch {
  /** The ranking behind an answer (for evaluation and tuning; callers must not log the question). */
  explain(packId: string, question: string): PolicyExplanation;
}

export interface PolicySearchOptions {
  rules?: readonly SynonymRule[];
}

class Bm25PolicySearch implements ExplainablePolicySearch {
  constructor(
    private readonly packs: ReadonlyMap<string, PackIndex>,
    private readonly rules: readonly SynonymRule[],
  ) {}

  search(packId: string, question: string): PolicyAnswer {
    const index = this.pack(packId);
    const { confident, ranked } = this.explain(packId, question);
    const hits: PolicyHit[] = ranked.slice(0, SEARCH_TUNING.maxHits).map((r) => ({
      packId,
      section: r.section,
      document: index.document.title,
      quote: r.quote,
      score: Math.round((r.raw / (r.raw + SEARCH_TUNING.scoreScale)) * 1000) / 1000,
      ...(index.document.url ? { url: index.document.url } : {}),
    }));
    return { confident, hits };
  }

  explain(packId: string, question: string): PolicyExplanation {
    const index = this.pack(packId);
    const query = buildQuery(index, sanitizeInput(question, SEARCH_TUNING.maxQuestionChars), this.rules);
    const terms = [...query.terms];
    const scored = index.sections
      .map((section, position) => {
        const quote = quoteFor(index, section, query);
        const raw = index.sectionIndex.score(position, query.terms) + SEARCH_TUNING.passageWeight * quote.best;
        // Evidence that the section is about the question, not just sharing one common word with it.
        const matchedWords = index.sectionIndex.matched(position, query.terms).filter((t) => !t.startsWith('='));
        const evidence = matchedWords.some((t) => section.headingTerms.has(t)) || matchedWords.length >= 2;
        return { section: section.heading, position, raw, quote: quote.quote, evidence };
      })
      .filter((r) => r.raw > 0)
      .sort((a, b) => b.raw - a.raw);
    const top = scored[0];
    if (!top) return { confident: false, coverage: 0, terms, ranked: [] };
    const topCoverage = coverage(index, top.position, query);
    const confident =
      top.evidence &&
      top.raw >= SEARCH_TUNING.minScore &&
      topCoverage >= SEARCH_TUNING.minCoverage &&
      query.knownShare >= SEARCH_TUNING.minKnownShare;
    const ranked = scored
      .filter((r) => r.raw >= top.raw * SEARCH_TUNING.relativeCutoff)
      .map(({ section, raw, quote }) => ({ section, raw, quote }));
    return { confident, coverage: topCoverage, terms, ranked };
  }

  private pack(packId: string): PackIndex {
    const index = this.packs.get(packId);
    if (!index) throw new NluError('UNKNOWN_PACK', `No policy text loaded for pack "${packId}"`, { details: { packId } });
    return index;
  }
}

/** Loads policies/<pack>/policy-text.md for each pack and indexes it by section and by passage. */
export async function createPolicySearch(
  policiesDir: string,
  packIds: string[],
  options: PolicySearchOptions = {},
): Promise<ExplainablePolicySearch> {
  const packs = new Map<string, PackIndex>();
  for (const packId of packIds) packs.set(packId, buildPackIndex(packId, loadPolicyText(policiesDir, packId)));
  return new Bm25PolicySearch(packs, options.rules ?? DEFAULT_SYNONYM_RULES);
}
