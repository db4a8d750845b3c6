import { describe, expect, it } from 'vitest';
import { emptyValues, parseFormValues, toFacts, valuesFromRequest } from './form-values';

const alex = { aadObjectId: 'aad-alex', name: 'Alex Wilber' };
const megan = { aadObjectId: 'aad-megan', name: 'Megan Bowen' };

function filled() {
  return {
    ...emptyValues(),
    unit: 'Kulturförvaltningen',
    platform: 'Instagram',
    accountName: 'Kulturskolan',
    accountType: 'official',
    purpose: 'Visa elevkonserter',
    linkedToPlan: 'true',
    goals: '500 följare\n\n 10 inlägg i månaden ',
    goalsMeasurable: 'true',
    audiences: 'elever, vårdnadshavare',
    owner: 'aad-alex',
    standIn: 'aad-megan',
    monitoringDaily: 'true',
    basicInfo: 'contact_details,privacy_link,not_a_choice',
    credentialsLocation: 'Lösenordshanteraren, posten Kultur',
  };
}

describe('the account form', () => {
  it('turns the card values into the open-account facts with people resolved from the offered list', () => {
    const { facts, details, errors } = toFacts(filled(), [alex, megan], 'new');
    expect(errors).toEqual({});
    expect(facts).toMatchObject({
      unit: 'Kulturförvaltningen',
      goals: ['500 följare', '10 inlägg i månaden'],
      audiences: ['elever', 'vårdnadshavare'],
      owner: 'Alex Wilber',
      standIn: 'Megan Bowen',
      basicInfo: ['contact_details', 'privacy_link'],
      linkedToPlan: true,
      editorsTrained: false,
      endDate: null,
    });
    expect(details.owner).toEqual(alex);
    expect(details.standIn).toEqual(megan);
  });

  it('leaves empty fields out so the decision can name them as missing', () => {
    const { facts } = toFacts({ ...emptyValues(), accountType: 'official' }, [alex], 'new');
    expect(facts).not.toHaveProperty('purpose');
    expect(facts).not.toHaveProperty('goals');
    expect(facts).not.toHaveProperty('owner');
    expect(facts.standIn).toBeNull();
  });

  it('refuses a person who was not on the offered list, and the same person twice', () => {
    expect(toFacts({ ...filled(), standIn: 'aad-stranger' }, [alex, megan], 'new').errors.standIn).toBe('Välj personen i listan igen.');
    expect(toFacts({ ...filled(), standIn: 'aad-alex' }, [alex, megan], 'new').errors.standIn).toContain('annan person');
  });

  it('keeps the end date only for pedagogical accounts and checks dates and links', () => {
    expect(toFacts({ ...filled(), endDate: '2026-06-15' }, [alex], 'new').facts.endDate).toBeNull();
    expect(toFacts({ ...filled(), accountType: 'pedagogical', endDate: '2026-06-15' }, [alex], 'new').facts.endDate).toBe('2026-06-15');
    expect(toFacts({ ...filled(), accountType: 'pedagogical', endDate: '2026-02-30' }, [alex], 'new').errors.endDate).toBeDefined();
    expect(toFacts({ ...filled(), url: 'instagram.com/kultur' }, [alex], 'new').errors.url).toBeDefined();
  });

  it('treats anything odd in a submit as empty text, bounded in length', () => {
    const values = parseFormValues({ unit: 42, purpose: 'x'.repeat(3000), evil: { nested: true } });
    expect(values.unit).toBe('42');
    expect(values.purpose).toHaveLength(2000);
    expect(values).not.toHaveProperty('evil');
    expect(parseFormValues(null)).toEqual(emptyValues());
  });

  it('brings a stored request back into the form', () => {
    const { facts, details } = toFacts(filled(), [alex, megan], 'new');
    const values = valuesFromRequest(facts, details, 'Kulturförvaltningen');
    expect(values).toMatchObject({ goals: '500 följare\n10 inlägg i månaden', owner: 'aad-alex', standIn: 'aad-megan', basicInfo: 'contact_details,privacy_link', linkedToPlan: 'true', editorsTrained: 'false' });
  });

  it('refuses at the form every value the register could not hold, beside its field', () => {
    const values = { ...filled(), audiences: `elever, ${'v'.repeat(201)}`, goals: `500 följare\n${'m'.repeat(501)}` };
    const { errors } = toFacts(parseFormValues(values), [alex, megan], 'new');
    expect(errors.audiences).toBe('Varje målgrupp får vara högst 200 tecken. Skilj målgrupperna åt med kommatecken.');
    expect(errors.goals).toBe('Varje mål får vara högst 500 tecken. Dela upp det på flera rader.');
    expect(toFacts(parseFormValues({ ...filled(), audiences: `elever, ${'v'.repeat(200)}` }), [alex, megan], 'new').errors).toEqual({});
  });
});

