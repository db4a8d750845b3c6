import path from 'node:path';
import { loadPack } from '../rules/pack-loader';
import type { LoadedPack } from '../rules/types';
import { amendmentPassages } from './amendment-passages';
import { NluError } from './errors';
import { loadPolicyText } from './policy-document';
import { buildPackIndex, type PackIndex } from './policy-index';
import { buildQuery, coverage } from './policy-query';
import { quoteFor } from './policy-quote';
import { DEFAULT_SYNONYM_RULES, type SynonymRule } from './policy-synonyms';
import { SEARCH_TUNING } from './search-tuning';
import { DEFAULT_LAW_TOPICS_FILE, loadLawTopics, loadSilence, silenceNote, silentTopicOf, type LawTopic, type Silence } from './silence';
import { sanitizeInput } from './text';
import type { PolicyAnswer, PolicyHit, PolicySearch } from './types';

export { SEARCH_TUNING } from './search-tuning';

export interface PolicyExplanation {
  confident: boolean;
  /** IDF-weighted share of the query found in the best section. */
  coverage: number;
  terms: [string, number][];
  /** Sections above the relative cut-off, best first, with raw (unbounded) scores. */
  ranked: { section: string; position: number; raw: number; quote: string }[];
}

export interface ExplainablePolicySearch extends PolicySearch {
  /** The ranking behind an answer (for evaluation and tuning; callers must not log the question). */
  explain(packId: string, question: string): PolicyExplanation;
}

export interface PolicySearchOptions {
  rules?: readonly SynonymRule[];
  /** law-floor/topics.json of the repository unless given. */
  lawTopicsFile?: string;
  /** The packs as already loaded (the bot has them); otherwise each is loaded from policiesDir. */
  packs?: { get(id: string): LoadedPack | undefined };
}

interface SearchablePack {
  index: PackIndex;
  silence?: Silence;
}

class Bm25PolicySearch implements ExplainablePolicySearch {
  constructor(
    private readonly packs: ReadonlyMap<string, SearchablePack>,
    private readonly rules: readonly SynonymRule[],
    private readonly laws: ReadonlyMap<string, LawTopic>,
  ) {}

  /**
   * The sections answering a question, best first. When the question is on a topic the pack declares it is silent
   * on, the answer says so (`silent`, `note`) and keeps only the sections the pack names as related.
   */
  search(packId: string, question: string): PolicyAnswer {
    const { index, silence } = this.pack(packId);
    const { confident, ranked } = this.explain(packId, question);
    const silentOn = silentTopicOf(silence, sanitizeInput(question, SEARCH_TUNING.maxQuestionChars));
    const shown = silentOn ? ranked.filter((r) => silentOn.related.includes(r.section)) : ranked;
    const hits: PolicyHit[] = shown.slice(0, SEARCH_TUNING.maxHits).map((r) => {
      const section = index.sections[r.position];
      return {
        packId,
        section: r.section,
        document: section.document ?? index.document.title,
        quote: r.quote,
        score: Math.round((r.raw / (r.raw + SEARCH_TUNING.scoreScale)) * 1000) / 1000,
        ...(!section.document && index.document.url ? { url: index.document.url } : {}),
      };
    });
    if (!silentOn || !silence) return { confident, silent: false, hits };
    return { confident: true, silent: true, hits, note: silenceNote(silence.subject, silentOn, this.laws) };
  }

  explain(packId: string, question: string): PolicyExplanation {
    const { index } = this.pack(packId);
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
      .map(({ section, position, raw, quote }) => ({ section, position, raw, quote }));
    return { confident, coverage: topCoverage, terms, ranked };
  }

  private pack(packId: string): SearchablePack {
    const index = this.packs.get(packId);
    if (!index) throw new NluError('UNKNOWN_PACK', `No policy text loaded for pack "${packId}"`, { details: { packId } });
    return index;
  }
}

/**
 * For each pack: indexes policies/<pack>/policy-text.md by section and by passage, with the remiss passages of the
 * amendments its pack.json switches on, and reads the topics it declares it is silent on (silent-topics.json).
 */
export async function createPolicySearch(
  policiesDir: string,
  packIds: string[],
  options: PolicySearchOptions = {},
): Promise<ExplainablePolicySearch> {
  const laws = loadLawTopics(options.lawTopicsFile ?? DEFAULT_LAW_TOPICS_FILE);
  const packs = new Map<string, SearchablePack>();
  for (const packId of packIds) {
    const pack = options.packs?.get(packId) ?? (await loadPack(path.join(policiesDir, packId)));
    const index = buildPackIndex(packId, loadPolicyText(policiesDir, packId), amendmentPassages(pack));
    const silence = loadSilence(pack.dir, pack.settings.amendments, laws);
    packs.set(packId, { index, ...(silence ? { silence } : {}) });
  }
  return new Bm25PolicySearch(packs, options.rules ?? DEFAULT_SYNONYM_RULES, laws);
}
