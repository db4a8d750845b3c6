import { toggleField, type FieldSet } from '../decision-answer/card-fields';

/** The `register-record` facts, in the order a person thinks about them, with the card's wording. */
export const QUESTIONS = [
  { id: 'leadsToAction', title: 'Leder det till en åtgärd från oss – något vi måste handlägga, ta ställning till eller besluta om?' },
  { id: 'becomesCase', title: 'Bedömer du att det blir ett ärende?' },
  { id: 'relatesToExistingCase', title: 'Kan det ha betydelse för ett ärende som redan finns i diariet?' },
  { id: 'containsConfidential', title: 'Innehåller det uppgifter som omfattas av sekretess?' },
  { id: 'specialInterest', title: 'Är det av särskilt intresse – till exempel något som många berörs av eller som kan behövas längre fram?' },
  { id: 'politicalMatter', title: 'Gäller det en politisk fråga?' },
  { id: 'trivial', title: 'Är det av ringa eller tillfällig betydelse – till exempel en enkel fråga som får ett svar direkt?' },
] as const;

export type QuestionId = (typeof QUESTIONS)[number]['id'];

export const SHORT_LABELS: Record<QuestionId, string> = {
  leadsToAction: 'Leder till åtgärd',
  becomesCase: 'Blir ett ärende',
  relatesToExistingCase: 'Hör till ett ärende i diariet',
  containsConfidential: 'Innehåller sekretess',
  specialInterest: 'Av särskilt intresse',
  politicalMatter: 'Politisk fråga',
  trivial: 'Av ringa eller tillfällig betydelse',
};

export const FIELDS: FieldSet = Object.fromEntries(QUESTIONS.map((q) => [q.id, toggleField()]));

export function factLabel(fact: string): string | undefined {
  return QUESTIONS.find((q) => q.id === fact)?.title;
}
