import { FIELDS, SHORT_LABELS, type FieldName } from './questions';
import type { CardField } from '../decision-answer/card-fields';

/**
 * The photo check asks in sections, and a section is asked only when an earlier answer makes it matter:
 * people only when someone can be identified, the guardian only for a child, maturity only for 13–17,
 * explicit consent only when sensitive data can be read, captions only for a film.
 */
export const SECTIONS = ['basics', 'people', 'child', 'maturity', 'sensitive', 'video'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_FIELDS: Record<Section, readonly FieldName[]> = {
  basics: ['mediaType', 'identifiablePeople', 'confidential', 'altText'],
  people: ['purpose', 'crowd', 'consent', 'children', 'setting', 'protectedIdentity', 'sensitiveCategories', 'integritySensitive'],
  child: ['youngestAge', 'guardianConsent'],
  maturity: ['maturityAssessed'],
  sensitive: ['explicitConsentSensitive'],
  video: ['captions'],
};

type ValueOf<F> = F extends CardField<infer T> ? T : never;
export type Answers = { [K in FieldName]?: ValueOf<(typeof FIELDS)[K]> };

export const ADULT_AGE = 18;
export const OWN_CONSENT_AGE = 13;

export function neededSections(answers: Answers): Section[] {
  const needed: Section[] = ['basics'];
  const people = answers.identifiablePeople === true;
  if (people) needed.push('people');
  const child = people && answers.children === 'yes';
  if (child) needed.push('child');
  const age = answers.youngestAge;
  if (child && typeof age === 'number' && age >= OWN_CONSENT_AGE && age < ADULT_AGE) needed.push('maturity');
  if (people && (answers.sensitiveCategories?.length ?? 0) > 0) needed.push('sensitive');
  if (answers.mediaType === 'video') needed.push('video');
  return needed;
}

export function isAnswered(section: Section, answers: Answers): boolean {
  return SECTION_FIELDS[section].every((field) => answers[field] !== undefined);
}

/** Sections that matter now and still have unanswered questions, in card order. */
export function pendingSections(answers: Answers): Section[] {
  return neededSections(answers).filter((section) => !isAnswered(section, answers));
}

export function fieldsOf(sections: readonly Section[]): FieldName[] {
  return sections.flatMap((section) => [...SECTION_FIELDS[section]]);
}

/**
 * The `publish-image` facts of DECISIONS.md from the answers of the sections that matter. Answers to questions
 * that no longer matter (e.g. ages after "no one can be identified") stay in the draft but are not facts.
 * "Vet inte" is left out, so the decision can name it as missing.
 */
export function toFacts(answers: Answers): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  const copy = (name: FieldName) => {
    if (answers[name] !== undefined) facts[name] = answers[name];
  };
  for (const section of neededSections(answers)) {
    for (const name of SECTION_FIELDS[section]) {
      if (name === 'consent') {
        const consent = answers.consent;
        if (consent === undefined) continue;
        if (consent === 'unknown') facts.consent = consent;
        else if (consent === 'none') {
          // No consent at all is also no written consent; "Vet inte" leaves both open.
          facts.consent = 'none';
          facts.consentDocumented = false;
        } else {
          facts.consent = consent.startsWith('all') ? 'all' : 'some';
          facts.consentDocumented = consent.endsWith('_written');
        }
      } else if (name === 'children') {
        // "Nej" is the decision's null (no child); "Ja" brings the age from the child section; "Vet inte" is missing.
        if (answers.children === 'no') facts.youngestAge = null;
      } else if (name === 'protectedIdentity') {
        if (answers.protectedIdentity === 'yes') facts.protectedIdentity = true;
        else if (answers.protectedIdentity === 'no') facts.protectedIdentity = false;
      } else if (name === 'captions') {
        // "Saknar ljud" answers the packs' own fact videoHasSound: captions do not apply to a silent film.
        if (answers.captions === 'yes') facts.captions = true;
        else if (answers.captions === 'no') facts.captions = false;
        if (answers.captions === 'no_sound') facts.videoHasSound = false;
        else if (answers.captions === 'yes' || answers.captions === 'no') facts.videoHasSound = true;
      } else copy(name);
    }
  }
  return facts;
}

/** "Your answers" lines for the sections that matter. */
export function summaryOf(answers: Answers, sections: readonly Section[] = neededSections(answers)): { title: string; value: string }[] {
  return fieldsOf(sections)
    .filter((name) => answers[name] !== undefined)
    .map((name) => ({ title: SHORT_LABELS[name], value: FIELDS[name].describe(answers[name] as never) }));
}

