import { describe, expect, it } from 'vitest';
import { Bm25Index, bagOf } from './bm25';
import { parseSynonymRules, toQuestion } from './policy-synonyms';
import { analyze, splitCompound } from './search-text';
import { Vocabulary, withinOneEdit } from './word-repair';

describe('Swedish search analysis', () => {
  it('gives every form of an agent noun in -tor one key', () => {
    const keys = analyze('registrator registratorn registratorer').map((w) => w.key);
    expect(new Set(keys)).toEqual(new Set(['registrator']));
  });

  it('gives frågor, frågorna and fragor the same key and drops question words', () => {
    const keys = analyze('Hur ska vi hantera frågor, frågorna och fragor?').map((w) => w.key);
    expect(keys).toEqual(['hanter', 'frag', 'frag', 'frag']);
  });

  it('keeps the exact å/ä/ö spelling beside the folded key', () => {
    expect(analyze('frågor')[0]).toEqual({ word: 'fragor', key: 'frag', exact: '=fråg' });
  });

  it('treats kontot, konton and besvara like konto and svara', () => {
    expect(analyze('kontot konton konto').map((w) => w.key)).toEqual(['konto', 'konto', 'konto']);
    expect(analyze('besvara')[0].key).toBe(analyze('svara')[0].key);
  });

  it('splits a compound when both parts are known words', () => {
    const known = new Set(['svar', 'tid', 'komment', 'faltet']);
    expect(splitCompound('svarstid', (k) => known.has(k))).toEqual(['svar', 'tid']);
    expect(splitCompound('kommentarsfältet', (k) => known.has(k))).toEqual(['komment', 'faltet']);
    expect(splitCompound('bussbiljett', (k) => known.has(k))).toEqual([]);
  });
});

describe('word repair', () => {
  const vocabulary = new Vocabulary(new Set(['diariefor', 'registrator', 'dataskyddsforordning', 'dataskyddsombud']));

  it('corrects a key one edit away from exactly one known key', () => {
    expect(withinOneEdit('diarifor', 'diariefor')).toBe(true);
    expect(withinOneEdit('diarifr', 'diariefor')).toBe(false);
    expect(vocabulary.correct('diarifor')).toBe('diariefor');
  });

  it('finds the known stem of an inflection the stemmer missed', () => {
    expect(vocabulary.knownStem('registratorn')).toBe('registrator');
  });

  it('finds the compounds a word begins', () => {
    expect(vocabulary.compoundsStartingWith('dataskydd')).toEqual(['dataskyddsforordning', 'dataskyddsombud']);
  });
});

describe('BM25', () => {
  it('ranks the document with the rarer matching term first', () => {
    const index = new Bm25Index([bagOf(['konto', 'avslut']), bagOf(['konto', 'bild']), bagOf(['konto'])]);
    const query = bagOf(['konto', 'avslut']);
    expect(index.score(0, query)).toBeGreaterThan(index.score(1, query));
    expect(index.idf('avslut')).toBeGreaterThan(index.idf('konto'));
    expect(index.matched(0, query)).toEqual(['konto', 'avslut']);
  });
});

describe('synonym rules', () => {
  const [rule] = parseSynonymRules({
    rules: [{ name: 'offensive', when: ['=svär', 'svordom'], with: ['kommentar'], add: 'olämplig' }],
  });

  it('needs both a when and a with pattern, at the start of a word', () => {
    expect(rule.matches(toQuestion('någon svär i kommentarerna'))).toBe(true);
    expect(rule.matches(toQuestion('någon svär'))).toBe(false);
    expect(rule.matches(toQuestion('kommentaren innehöll svordomar'))).toBe(true);
  });

  it('matches an =pattern only as spelled, so "svar" is not "svär"', () => {
    expect(rule.matches(toQuestion('hur snabbt ska vi svara på kommentarer'))).toBe(false);
  });

  it('reports the words of a matched phrase, whole words through the end of the match', () => {
    const [close] = parseSynonymRules({ rules: [{ name: 'close', when: ['lägga ner', 'stäng'], add: 'avveckla' }] });
    expect(close.phraseWords(toQuestion('vi vill lägga ner vår instagram'))).toEqual(['lagga', 'ner']);
    expect(close.phraseWords(toQuestion('vi ska stänga sidan'))).toEqual([]);
  });
});
