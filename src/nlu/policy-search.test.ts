import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NluError } from './errors';
import { loadPolicyText } from './policy-document';
import { createPolicySearch, type ExplainablePolicySearch } from './policy-search';
import { loadQaSet, qaEvalPath } from './qa-evaluation';

const POLICIES = path.resolve(__dirname, '..', '..', 'policies');
const PACKS = ['stockholm', 'nykoping'];

const EXAMPLES: { question: string; stockholm: string; nykoping: string }[] = [
  { question: 'hur snabbt ska vi svara?', stockholm: 'Besvara frågor och kommentarer', nykoping: '6. Bevakning' },
  { question: 'vad ska stå i profilen?', stockholm: 'Basinformation', nykoping: '14. Grafisk profil' },
  { question: 'får jag använda mitt privata konto i tjänsten?', stockholm: 'Sociala medier privat och i tjänsten', nykoping: '13.1 Privat användning' },
  { question: 'vad gör jag med ett konto vi inte använder?', stockholm: 'Avsluta ett konto', nykoping: '8. Avveckla kanal' },
];

function unitTexts(packId: string): string[] {
  return loadPolicyText(POLICIES, packId).sections.flatMap((s) => s.units.map((u) => u.text));
}

describe('policy search', () => {
  let search: ExplainablePolicySearch;

  beforeAll(async () => {
    search = await createPolicySearch(POLICIES, PACKS);
  });

  for (const example of EXAMPLES) {
    for (const packId of PACKS) {
      const expected = example[packId as 'stockholm' | 'nykoping'];
      it(`answers "${example.question}" for ${packId} from "${expected}"`, () => {
        const answer = search.search(packId, example.question);
        expect(answer.confident).toBe(true);
        expect(answer.hits[0].section).toBe(expected);
        expect(answer.hits.length).toBeLessThanOrEqual(3);
      });
    }
  }

  it('quotes the best passage verbatim, names the document and pack, and scores in [0, 1]', () => {
    const answer = search.search('nykoping', 'hur snabbt ska vi svara?');
    const [hit] = answer.hits;
    expect(hit.quote).toBe('Generellt ska inkomna frågor besvaras inom 24 timmar.');
    expect(hit.document).toBe('Rutin för användning av sociala medier');
    expect(hit.packId).toBe('nykoping');
    const units = unitTexts('nykoping');
    for (const h of answer.hits) {
      expect(h.score).toBeGreaterThan(0);
      expect(h.score).toBeLessThanOrEqual(1);
      for (const line of h.quote.split('\n')) expect(units.some((u) => u.includes(line.replace(/^- /, '').split(/(?<=[.!?:]) /)[0]))).toBe(true);
    }
  });

  it('searches a phrase such as "lägga ner" or "ta bort" by what it means, not by its parts', () => {
    const answer = search.search('nykoping', 'vi tänker lägga ner vår youtubekanal, vad gäller?');
    expect(answer.hits[0].section).toBe('8. Avveckla kanal');
    const keys = search.explain('nykoping', 'vilka inlägg ska vi ta bort?').terms.map(([term]) => term);
    expect(keys).toContain('rader');
    expect(keys).not.toContain('ta');
  });

  it('orders hits best first', () => {
    const { hits } = search.search('stockholm', 'vad gör jag med ett konto vi inte använder?');
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('is not confident about off-topic questions', () => {
    for (const packId of PACKS) {
      for (const question of ['vad kostar en bussbiljett', 'vad blir det för väder i helgen', 'asdf qwerty', '🙂']) {
        expect(search.search(packId, question).confident).toBe(false);
      }
    }
  });

  it('understands a question typed without å, ä and ö', () => {
    const answer = search.search('stockholm', 'hur snabbt ska vi svara pa fragor');
    expect(answer.hits[0].section).toBe('Besvara frågor och kommentarer');
  });

  it('copes with huge and odd input without crashing', () => {
    const huge = `vem beslutar om nya konton ${'x'.repeat(100_000)}`;
    expect(search.search('stockholm', huge).hits[0]?.section).toBe('Beslut om att starta nya konton');
    expect(search.search('nykoping', '\u0000\u0007\u202e🙈').hits).toEqual([]);
    expect(search.search('nykoping', '').confident).toBe(false);
  });

  it('refuses an unknown pack with a code', () => {
    let caught: unknown;
    try {
      search.search('no-such-pack', 'hej');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NluError);
    expect((caught as NluError).code).toBe('UNKNOWN_PACK');
  });
});

describe('policy question sets', () => {
  for (const packId of PACKS) {
    it(`names only real sections of the ${packId} policy text`, () => {
      const set = loadQaSet(qaEvalPath(POLICIES, packId));
      const headings = new Set(loadPolicyText(POLICIES, packId).sections.map((s) => s.heading));
      expect(set.packId).toBe(packId);
      expect(set.cases.filter((c) => !headings.has(c.expected)).map((c) => c.expected)).toEqual([]);
    });
  }

  it('has at least 40 question → section pairs across the packs', () => {
    const total = PACKS.reduce((n, packId) => n + loadQaSet(qaEvalPath(POLICIES, packId)).cases.length, 0);
    expect(total).toBeGreaterThanOrEqual(40);
  });
});
