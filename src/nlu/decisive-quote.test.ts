import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isNormative } from './normative';
import { createPolicySearch, type ExplainablePolicySearch } from './policy-search';

const POLICIES = path.resolve(__dirname, '..', '..', 'policies');

// The first answer quotes the sentence that decides the question, not the section's first or most wordy one.
const CASES: { pack: string; question: string; section: string; starts: string }[] = [
  { pack: 'stockholm', question: 'får jag använda mitt privata konto', section: 'Sociala medier privat och i tjänsten', starts: 'Som huvudregel bör stadens medarbetare inte använda sina privata konton' },
  { pack: 'stockholm', question: 'får man lägga ut någons personnummer?', section: 'Personuppgifter och sekretessbelagda uppgifter', starts: 'Även andra personuppgifter kan vara särskilt skyddsvärda' },
  { pack: 'stockholm', question: 'vilka uppgifter om personer får vi inte publicera?', section: 'Personuppgifter och sekretessbelagda uppgifter', starts: 'Det är inte tillåtet att publicera känsliga' },
  { pack: 'nykoping', question: 'får jag använda mitt privata konto', section: '13.1 Privat användning', starts: 'Anställda ska inte uttala sig för kommunens räkning via sina privata konton' },
  { pack: 'nykoping', question: 'ska partipolitiska inlägg raderas?', section: '6.2 Olämpliga inlägg', starts: 'Exempel på innehållet som ska diarieföras och raderas:\n- Partipolitiskt budskap' },
];

describe('decisive quote', () => {
  let search: ExplainablePolicySearch;

  beforeAll(async () => {
    search = await createPolicySearch(POLICIES, ['stockholm', 'nykoping']);
  });

  for (const c of CASES) {
    it(`${c.pack}: "${c.question}" quotes "${c.starts.slice(0, 40)}…"`, () => {
      const answer = search.search(c.pack, c.question);
      expect(answer.confident).toBe(true);
      expect(answer.hits[0].section).toBe(c.section);
      expect(answer.hits[0].quote.startsWith(c.starts)).toBe(true);
    });
  }

  it('tells rules from background sentences', () => {
    expect(isNormative('Som huvudregel bör stadens medarbetare inte använda sina privata konton för tjänsteuppgifter.')).toBe(true);
    expect(isNormative('Det är inte tillåtet att publicera känsliga personuppgifter.')).toBe(true);
    expect(isNormative('Frågor ska besvaras under normal kontorstid.')).toBe(true);
    expect(isNormative('Det är skillnad mellan att använda sociala medier i tjänsten och att göra det som privatperson.')).toBe(false);
    expect(isNormative('Många av stadens medarbetare har också egna privata konton i sociala medier.')).toBe(false);
  });
});
