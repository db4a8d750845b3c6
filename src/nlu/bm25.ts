/** Term frequencies of one document: term → weight (usually a count). */
export type TermBag = Map<string, number>;

export function bagOf(terms: Iterable<string>, weight = 1, into: TermBag = new Map()): TermBag {
  for (const term of terms) into.set(term, (into.get(term) ?? 0) + weight);
  return into;
}

/** Okapi BM25 over a fixed set of documents (k1 = 1.2, b = 0.75 unless told). */
export class Bm25Index {
  private readonly documentFrequency = new Map<string, number>();
  private readonly lengths: number[];
  private readonly averageLength: number;

  constructor(
    private readonly documents: TermBag[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.lengths = documents.map((bag) => [...bag.values()].reduce((sum, n) => sum + n, 0));
    this.averageLength = this.lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, documents.length) || 1;
    for (const bag of documents) {
      for (const term of bag.keys()) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
  }

  get size(): number {
    return this.documents.length;
  }

  has(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** Probabilistic IDF, kept positive (the +1 of Lucene's variant). */
  idf(term: string): number {
    const n = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.documents.length - n + 0.5) / (n + 0.5));
  }

  /** The largest IDF any term can have here (a term that occurs in no document). */
  maxIdf(): number {
    return Math.log(1 + (this.documents.length + 0.5) / 0.5);
  }

  /** Score of one document for a weighted query. */
  score(documentIndex: number, query: TermBag): number {
    const bag = this.documents[documentIndex];
    const norm = this.k1 * (1 - this.b + (this.b * this.lengths[documentIndex]) / this.averageLength);
    let total = 0;
    for (const [term, weight] of query) {
      const tf = bag.get(term);
      if (!tf) continue;
      total += weight * this.idf(term) * ((tf * (this.k1 + 1)) / (tf + norm));
    }
    return total;
  }

  /** The query terms the document contains. */
  matched(documentIndex: number, query: TermBag): string[] {
    const bag = this.documents[documentIndex];
    return [...query.keys()].filter((term) => bag.has(term));
  }
}
