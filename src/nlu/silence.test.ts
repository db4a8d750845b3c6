import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NluError } from './errors';
import { createPolicySearch, type ExplainablePolicySearch } from './policy-search';
import { loadQaSet, qaEvalPath } from './qa-evaluation';
import { loadLawTopics, loadSilence } from './silence';

const POLICIES = path.resolve(__dirname, '..', '..', 'policies');
const PACKS = ['stockholm', 'nykoping'];

describe('silent topics', () => {
  let search: ExplainablePolicySearch;
  beforeAll(async () => {
    search = await createPolicySearch(POLICIES, PACKS);
  });

  it('Stockholm: says the policy is silent on paid ads and whom to ask, without an unrelated section', () => {
    const answer = search.search('stockholm', 'får vi köpa annonser på facebook för att nå fler?');
    expect(answer).toMatchObject({ silent: true, hits: [] });
    expect(answer.note).toBe('Stockholms stads policy säger inget om att köpa annonser eller sponsra inlägg. Fråga din kommunikatör.');
  });

  it('Stockholm: a teenager consenting alone is silent, with the law on children and the related section', () => {
    const answer = search.search('stockholm', 'får en 15-åring samtycka själv till att vara med på bild?');
    expect(answer.silent).toBe(true);
    expect(answer.note).toMatch(/^Stockholms stads policy säger inget om när ett barn på 13–17 år får samtycka själv\. Lagen gäller ändå \(2 kap\. 4 § dataskyddslagen/);
    expect(answer.hits.map((h) => h.section)).toEqual(['Personuppgifter och sekretessbelagda uppgifter']);
  });

  it('Nyköping: children in pictures are silent, with the law and the routine\'s consent section', () => {
    const answer = search.search('nykoping', 'får vi lägga ut bilder på barnen från förskolan?');
    expect(answer.silent).toBe(true);
    expect(answer.note).toMatch(/^Nyköpings rutin säger inget om barn särskilt/);
    expect(answer.note).toContain('13–17 år');
    expect(answer.hits[0]?.section).toBe('11.2 Samtycke till publicering av foto/film från avbildad person');
  });

  it('Nyköping: reporting accounts is silent and never answered from an unrelated section', () => {
    const answer = search.search('nykoping', 'när ska vi rapportera in våra konton?');
    expect(answer).toMatchObject({ silent: true, hits: [] });
    expect(answer.note).toContain('Nyköpings rutin säger inget om att rapportera in kommunens konton');
  });

  it('a topic one pack regulates is not silent in that pack', () => {
    expect(search.search('stockholm', 'måste vi texta våra filmer?').silent).toBe(false);
    expect(search.search('stockholm', 'ska vi polisanmäla hot i kommentarsfältet?').silent).toBe(false);
    expect(search.search('nykoping', 'måste vi texta våra filmer?').silent).toBe(true);
  });

  for (const packId of PACKS) {
    it(`${packId}: no held-out question the policy answers is taken for a silent topic`, () => {
      const wronglySilent = loadQaSet(qaEvalPath(POLICIES, packId)).cases.filter((c) => search.search(packId, c.question).silent);
      expect(wronglySilent.map((c) => c.question)).toEqual([]);
    });
  }
});

describe('silent topics and the law floor as data', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'sma-silence-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const laws = loadLawTopics();

  it('every law statement names its statute', () => {
    for (const law of laws.values()) expect(law.statute).toMatch(/\(\d{4}:\d+\)/);
  });

  it('refuses a topic naming a law the floor does not have', () => {
    const dir = path.join(scratch, 'bad-law');
    cpSync(path.join(POLICIES, 'nykoping'), dir, { recursive: true });
    const file = path.join(dir, 'silent-topics.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.topics[0].law = 'no-such-law';
    writeFileSync(file, JSON.stringify(data));
    expect(() => loadSilence(dir, {}, laws)).toThrow(NluError);
    expect(() => loadSilence(dir, {}, laws)).toThrow(/no law-floor topic "no-such-law"/);
  });

  it('refuses a topic without words', () => {
    const dir = path.join(scratch, 'no-words');
    cpSync(path.join(POLICIES, 'nykoping'), dir, { recursive: true });
    const file = path.join(dir, 'silent-topics.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.topics[0].words = [];
    writeFileSync(file, JSON.stringify(data));
    expect(() => loadSilence(dir, {}, laws)).toThrow(/topics\.0\.words/);
  });
});

describe('remiss amendments a pack switches on', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'sma-amend-'));
  let amended: ExplainablePolicySearch;
  let plain: ExplainablePolicySearch;

  beforeAll(async () => {
    cpSync(path.join(POLICIES, 'stockholm'), path.join(scratch, 'stockholm'), { recursive: true });
    const file = path.join(scratch, 'stockholm', 'pack.json');
    const pack = JSON.parse(readFileSync(file, 'utf8'));
    for (const name of Object.keys(pack.settings.amendments)) pack.settings.amendments[name] = true;
    writeFileSync(file, JSON.stringify(pack));
    [amended, plain] = await Promise.all([createPolicySearch(scratch, ['stockholm']), createPolicySearch(POLICIES, ['stockholm'])]);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are cited by the remiss answer and its section, quoted verbatim, and lift the silence they regulate', () => {
    const answer = amended.search('stockholm', 'måste den som sköter kontot gå någon utbildning eller kurs?');
    expect(answer.silent).toBe(false);
    expect(answer.confident).toBe(true);
    expect(answer.hits[0]).toMatchObject({
      document: 'Östermalms stadsdelsnämnd: svar på remiss om Policy för sociala medier i Stockholms stad',
      section: 'Synpunkter och förslag',
    });
    expect(answer.hits[0].quote).toContain('digital kurs');
  });

  it('a teenager consenting alone is answered from the Enskede-Årsta-Vantör answer when that amendment is on', () => {
    const answer = amended.search('stockholm', 'får en 15-åring samtycka själv till att vara med på bild?');
    expect(answer.silent).toBe(false);
    expect(answer.hits[0]).toMatchObject({ section: 'Betänkande kring minderåriga i sociala medier' });
    expect(answer.hits[0].document).toMatch(/^Enskede-Årsta-Vantörs stadsdelsnämnd/);
  });

  it('are not searched while the pack leaves them off', () => {
    const answer = plain.search('stockholm', 'måste den som sköter kontot gå någon utbildning eller kurs?');
    expect(answer.silent).toBe(true);
    expect(answer.hits.every((h) => h.document === 'Policy för Stockholms stads konton i sociala medier')).toBe(true);
  });
});
