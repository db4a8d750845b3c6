import { describe, expect, it } from 'vitest';
import { neededSections, pendingSections, summaryOf, toFacts, type Answers } from './sections';

const basicsNoPeople: Answers = { mediaType: 'image', identifiablePeople: false, confidential: false, altText: true };
const people: Answers = {
  ...basicsNoPeople,
  identifiablePeople: true,
  purpose: 'inform_about_operations',
  crowd: false,
  consent: 'all_written',
  children: 'no',
  setting: 'school',
  protectedIdentity: 'no',
  sensitiveCategories: [],
  integritySensitive: [],
};

describe('the photo check asks follow-up questions only when they matter', () => {
  it('starts with the basics only', () => {
    expect(pendingSections({})).toEqual(['basics']);
  });

  it('asks nothing more when no one can be identified in a picture', () => {
    expect(neededSections(basicsNoPeople)).toEqual(['basics']);
    expect(pendingSections(basicsNoPeople)).toEqual([]);
  });

  it('asks about captions only for a film', () => {
    expect(pendingSections({ ...basicsNoPeople, mediaType: 'video' })).toEqual(['video']);
  });

  it('asks about the people when someone can be identified', () => {
    expect(pendingSections({ ...basicsNoPeople, identifiablePeople: true })).toEqual(['people']);
    expect(pendingSections(people)).toEqual([]);
  });

  it('asks for the age and the guardian only for a child, and about maturity only for 13–17', () => {
    expect(pendingSections({ ...people, children: 'yes' })).toEqual(['child']);
    expect(pendingSections({ ...people, children: 'yes', youngestAge: 8, guardianConsent: true })).toEqual([]);
    expect(pendingSections({ ...people, children: 'yes', youngestAge: 13, guardianConsent: false })).toEqual(['maturity']);
    expect(pendingSections({ ...people, children: 'yes', youngestAge: 17, guardianConsent: false })).toEqual(['maturity']);
    expect(pendingSections({ ...people, children: 'no', youngestAge: 15 })).toEqual([]);
    expect(pendingSections({ ...people, children: 'unknown' })).toEqual([]);
  });

  it('asks for explicit consent only when sensitive data can be read', () => {
    expect(pendingSections({ ...people, sensitiveCategories: ['health'] })).toEqual(['sensitive']);
  });

  it('does not ask about people in a film where no one can be identified, even after earlier answers about them', () => {
    const answers: Answers = { ...people, children: 'yes', youngestAge: 8, guardianConsent: false, identifiablePeople: false };
    expect(neededSections(answers)).toEqual(['basics']);
  });
});

describe('the facts of publish-image', () => {
  it('leave out the answers of questions that no longer matter', () => {
    expect(toFacts({ ...people, identifiablePeople: false, children: 'yes', youngestAge: 8, guardianConsent: false })).toEqual({
      mediaType: 'image',
      identifiablePeople: false,
      confidential: false,
      altText: true,
    });
  });

  it('split the consent choice into who consented and whether it is in writing', () => {
    expect(toFacts({ ...people, consent: 'all_written' })).toMatchObject({ consent: 'all', consentDocumented: true });
    expect(toFacts({ ...people, consent: 'some_oral' })).toMatchObject({ consent: 'some', consentDocumented: false });
    expect(toFacts({ ...people, consent: 'none' })).toMatchObject({ consent: 'none', consentDocumented: false });
    const unknown = toFacts({ ...people, consent: 'unknown' });
    expect(unknown.consent).toBe('unknown');
    expect(unknown).not.toHaveProperty('consentDocumented');
  });

  it('give no child as a null age, and a child\'s age from the child questions', () => {
    expect(toFacts(people).youngestAge).toBeNull();
    expect(toFacts({ ...people, children: 'yes', youngestAge: 6, guardianConsent: true })).toMatchObject({ youngestAge: 6, guardianConsent: true });
    expect(toFacts({ ...people, children: 'no', youngestAge: 6, guardianConsent: true })).not.toHaveProperty('guardianConsent');
  });

  it('leave out "Vet inte" so the decision can name it as missing', () => {
    expect(toFacts({ ...people, children: 'unknown' })).not.toHaveProperty('youngestAge');
    const facts = toFacts({ ...people, protectedIdentity: 'unknown', mediaType: 'video', captions: 'no_sound' });
    expect(facts).not.toHaveProperty('protectedIdentity');
    expect(facts).not.toHaveProperty('captions');
    expect(toFacts({ ...people, protectedIdentity: 'yes' }).protectedIdentity).toBe(true);
  });

  it('tell a silent film from one with sound, so captions are asked of films with sound only', () => {
    expect(toFacts({ ...people, mediaType: 'video', captions: 'no_sound' })).toMatchObject({ mediaType: 'video', videoHasSound: false });
    expect(toFacts({ ...people, mediaType: 'video', captions: 'no' })).toMatchObject({ captions: false, videoHasSound: true });
  });

  it('carry the child answers for a child', () => {
    expect(toFacts({ ...people, children: 'yes', youngestAge: 15, guardianConsent: false, maturityAssessed: true })).toMatchObject({
      youngestAge: 15,
      guardianConsent: false,
      maturityAssessed: true,
    });
  });
});

describe('the summary of answers', () => {
  it('reads like the card', () => {
    const lines = summaryOf({ ...people, children: 'yes', youngestAge: 8, guardianConsent: false });
    expect(lines).toContainEqual({ title: 'Yngsta barnets ålder', value: '8' });
    expect(lines).toContainEqual({ title: 'Går att känna igen någon', value: 'Ja' });
    expect(lines).toContainEqual({ title: 'Samtycke', value: 'Ja, från alla – skriftligt' });
    expect(lines).toContainEqual({ title: 'Vårdnadshavarens samtycke', value: 'Nej' });
    expect(lines).toContainEqual({ title: 'Känsliga personuppgifter', value: 'Inget av detta' });
  });
});
