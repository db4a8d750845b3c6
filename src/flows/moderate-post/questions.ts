import { choiceField, multiField, type Choice, type FieldSet } from '../decision-answer/card-fields';

/** What the law (1998:112 5 §) and the packs' lists call for acting on, in plain Swedish. */
export const PROBLEM_CHOICES = [
  { title: 'Olaga hot', value: 'unlawful_threat' },
  { title: 'Hets mot folkgrupp', value: 'hate_speech' },
  { title: 'Uppvigling eller uppmaning till brott', value: 'incitement' },
  { title: 'Olaga integritetsintrång (t.ex. sprider nakenbilder eller privata uppgifter om någon)', value: 'unlawful_privacy_intrusion' },
  { title: 'Sexuella övergrepp på barn (barnpornografi)', value: 'child_sexual_abuse_material' },
  { title: 'Olaga våldsskildring', value: 'unlawful_violence_depiction' },
  { title: 'Pornografi (vuxna)', value: 'pornography' },
  { title: 'Uppmaning till, rekrytering eller utbildning för terrorbrott', value: 'terrorism_related' },
  { title: 'Uppenbart intrång i upphovsrätten', value: 'copyright_infringement' },
  { title: 'Känsliga personuppgifter (t.ex. om hälsa, etnicitet, religion) eller personnummer', value: 'sensitive_personal_data' },
  { title: 'Sekretessbelagda uppgifter', value: 'confidential_information' },
  { title: 'Förtal, personliga angrepp eller förolämpningar', value: 'defamation_or_insult' },
  { title: 'Trakasserier eller sexistiska yttranden', value: 'harassment' },
  { title: 'Svordomar eller obscena ord', value: 'profanity' },
  { title: 'Partipolitiskt budskap', value: 'party_political' },
  { title: 'Reklam för produkter eller tjänster', value: 'advertising' },
] as const satisfies readonly Choice[];

export const ORDINARY_CHOICES = [
  { title: 'En fråga till oss', value: 'question' },
  { title: 'Något som hör till ett ärende (startar ett nytt eller gäller ett pågående)', value: 'case_related' },
  { title: 'Klagomål, kritik eller en åsikt', value: 'complaint_or_opinion' },
  { title: 'Något annat', value: 'other' },
] as const satisfies readonly Choice[];

export const POSTED_BY_CHOICES = [
  { title: 'Någon utanför kommunen (allmänheten)', value: 'public' },
  { title: 'En medarbetare', value: 'staff' },
] as const satisfies readonly Choice[];

export const ALL_CATEGORY_CHOICES: readonly Choice[] = [...PROBLEM_CHOICES, ...ORDINARY_CHOICES];

const PICK_ONE = 'Välj minst ett alternativ i någon av listorna.';

/** The two lists on the card; they become one `categories` fact. */
export const CARD_FIELDS = {
  problems: multiField(PROBLEM_CHOICES),
  ordinary: multiField(ORDINARY_CHOICES),
  postedBy: choiceField(POSTED_BY_CHOICES, 'Välj vem som skrev det.'),
} satisfies FieldSet;

/** The answers as the draft and "Ändra svar" keep them: only categories, never the text. */
export const FIELDS = {
  categories: multiField(ALL_CATEGORY_CHOICES, PICK_ONE, true),
  postedBy: CARD_FIELDS.postedBy,
} satisfies FieldSet;

export const PICK_ONE_ERROR = PICK_ONE;

export const LABELS = {
  problems: 'Innehåller det något av detta?',
  ordinary: 'Eller är det något av detta?',
  postedBy: 'Vem skrev det?',
  categories: 'Vad inlägget eller kommentaren innehåller',
} as const;

export function factLabel(fact: string): string | undefined {
  if (fact === 'categories') return LABELS.categories;
  if (fact === 'postedBy') return LABELS.postedBy;
  return undefined;
}
