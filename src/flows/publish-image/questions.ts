import { choiceField, integerField, multiField, yesNoField, YES_NO_CHOICES, type Choice, type FieldSet } from '../decision-answer/card-fields';

/** The card's consent question folds two facts into one choice: who consented, and whether it is in writing. */
export const CONSENT_CHOICES = [
  { title: 'Ja, från alla – skriftligt', value: 'all_written' },
  { title: 'Ja, från alla – men inte skriftligt', value: 'all_oral' },
  { title: 'Från några, men inte alla – skriftligt', value: 'some_written' },
  { title: 'Från några, men inte alla – inte skriftligt', value: 'some_oral' },
  { title: 'Nej', value: 'none' },
  { title: 'Vet inte', value: 'unknown' },
] as const satisfies readonly Choice[];

export const MEDIA_CHOICES = [
  { title: 'Bild', value: 'image' },
  { title: 'Film', value: 'video' },
] as const satisfies readonly Choice[];

export const PURPOSE_CHOICES = [
  { title: 'Informera om verksamheten (t.ex. en aktivitet, ett evenemang)', value: 'inform_about_operations' },
  { title: 'Visa en viss person (t.ex. ett porträtt eller en intervju)', value: 'portray_individual' },
  { title: 'Marknadsföring (t.ex. en annons eller kampanj)', value: 'marketing' },
  { title: 'Något annat', value: 'other' },
] as const satisfies readonly Choice[];

export const SETTING_CHOICES = [
  { title: 'Förskola', value: 'preschool' },
  { title: 'Skola', value: 'school' },
  { title: 'Socialtjänst', value: 'social_services' },
  { title: 'Hälso- och sjukvård', value: 'health_care' },
  { title: 'Äldreomsorg eller stöd till personer med funktionsnedsättning', value: 'elderly_or_disability_care' },
  { title: 'Någon annanstans', value: 'other' },
] as const satisfies readonly Choice[];

export const SENSITIVE_CHOICES = [
  { title: 'Etniskt ursprung', value: 'ethnic_origin' },
  { title: 'Politiska åsikter', value: 'political_opinions' },
  { title: 'Religion eller övertygelse', value: 'religion_or_belief' },
  { title: 'Medlemskap i fackförening', value: 'trade_union' },
  { title: 'Hälsa (t.ex. sjukdom, funktionsnedsättning)', value: 'health' },
  { title: 'Sexualliv eller sexuell läggning', value: 'sex_life_or_orientation' },
  { title: 'Genetiska eller biometriska uppgifter', value: 'genetic_or_biometric' },
] as const satisfies readonly Choice[];

export const INTEGRITY_CHOICES = [
  { title: 'Personnummer', value: 'personal_identity_number' },
  { title: 'Brott eller misstanke om brott', value: 'criminal_offences' },
  { title: 'Lön', value: 'salary' },
  { title: 'Sociala förhållanden', value: 'social_circumstances' },
  { title: 'Omdömen eller bedömningar av en person', value: 'evaluative' },
] as const satisfies readonly Choice[];

export const PROTECTED_CHOICES = [
  { title: 'Nej', value: 'no' },
  { title: 'Ja', value: 'yes' },
  { title: 'Vet inte', value: 'unknown' },
] as const satisfies readonly Choice[];

export const CHILDREN_CHOICES = [
  { title: 'Ja', value: 'yes' },
  { title: 'Nej', value: 'no' },
  { title: 'Vet inte', value: 'unknown' },
] as const satisfies readonly Choice[];

export const CAPTION_CHOICES = [
  { title: 'Ja', value: 'yes' },
  { title: 'Nej', value: 'no' },
  { title: 'Filmen har inget ljud', value: 'no_sound' },
] as const satisfies readonly Choice[];

export type ConsentAnswer = (typeof CONSENT_CHOICES)[number]['value'];

/** Every question of the photo check, with its Swedish wording. Card values → typed answers through these. */
export const FIELDS = {
  mediaType: choiceField(MEDIA_CHOICES, 'Välj bild eller film.'),
  identifiablePeople: yesNoField(),
  confidential: yesNoField(),
  altText: yesNoField(),
  purpose: choiceField(PURPOSE_CHOICES, 'Välj varför du vill publicera.'),
  crowd: yesNoField(),
  consent: choiceField(CONSENT_CHOICES, 'Välj vilket samtycke du har.'),
  children: choiceField(CHILDREN_CHOICES, 'Välj Ja, Nej eller Vet inte.'),
  youngestAge: integerField(0, 17, 'Skriv barnets ålder som ett tal mellan 0 och 17.', { required: true }),
  setting: choiceField(SETTING_CHOICES, 'Välj var bilden är tagen.'),
  protectedIdentity: choiceField(PROTECTED_CHOICES, 'Välj Nej, Ja eller Vet inte.'),
  sensitiveCategories: multiField(SENSITIVE_CHOICES),
  integritySensitive: multiField(INTEGRITY_CHOICES),
  guardianConsent: yesNoField(),
  maturityAssessed: yesNoField(),
  explicitConsentSensitive: yesNoField(),
  captions: choiceField(CAPTION_CHOICES, 'Välj Ja, Nej eller att filmen saknar ljud.'),
} satisfies FieldSet;

export type FieldName = keyof typeof FIELDS;

/** The question as the card asks it; also names a missing fact on the answer card. */
export const LABELS: Record<FieldName, string> = {
  mediaType: 'Är det en bild eller en film?',
  identifiablePeople: 'Går det att känna igen någon person – på ansiktet, namnet eller sammanhanget?',
  confidential: 'Visar bilden något som omfattas av sekretess – till exempel att någon är elev i en viss förskola eller får hjälp av socialtjänsten?',
  altText: 'Kommer du att publicera en bildbeskrivning (alt-text) tillsammans med den?',
  purpose: 'Varför vill du publicera den?',
  crowd: 'Är det en bild med många personer där ingen enskild person står i fokus?',
  consent: 'Har de som syns gett sitt samtycke?',
  children: 'Finns det barn under 18 år som går att känna igen?',
  youngestAge: 'Hur gammal är det yngsta barnet som går att känna igen?',
  setting: 'Var är bilden tagen?',
  protectedIdentity: 'Har någon av personerna skyddade personuppgifter (skyddad identitet)?',
  sensitiveCategories: 'Kan man utläsa något av detta om någon, av bilden eller sammanhanget?',
  integritySensitive: 'Syns eller framgår något av detta?',
  guardianConsent: 'Har en vårdnadshavare gett sitt samtycke för barnet?',
  maturityAssessed: 'Har ni bedömt barnets ålder och mognad – att barnet själv förstår vad samtycket innebär?',
  explicitConsentSensitive: 'Har personen gett ett uttryckligt samtycke som gäller just de känsliga uppgifterna?',
  captions: 'Kommer filmen att publiceras med undertexter?',
};

/** The decision's facts that a card answer stands for, for naming what is missing. */
const FACT_QUESTION: Record<string, FieldName> = {
  consentDocumented: 'consent',
  youngestAge: 'children',
};

export function factLabel(fact: string): string | undefined {
  const field = (FACT_QUESTION[fact] ?? fact) as FieldName;
  return LABELS[field];
}

/** Short names for the summary of answers. */
export const SHORT_LABELS: Record<FieldName, string> = {
  mediaType: 'Bild eller film',
  identifiablePeople: 'Går att känna igen någon',
  confidential: 'Visar något som omfattas av sekretess',
  altText: 'Bildbeskrivning',
  purpose: 'Syfte',
  crowd: 'Många personer, ingen i fokus',
  consent: 'Samtycke',
  children: 'Barn under 18 år',
  youngestAge: 'Yngsta barnets ålder',
  setting: 'Var bilden är tagen',
  protectedIdentity: 'Skyddade personuppgifter',
  sensitiveCategories: 'Känsliga personuppgifter',
  integritySensitive: 'Integritetskänsliga uppgifter',
  guardianConsent: 'Vårdnadshavarens samtycke',
  maturityAssessed: 'Ålder och mognad bedömd',
  explicitConsentSensitive: 'Uttryckligt samtycke (känsliga uppgifter)',
  captions: 'Undertexter',
};

/** Choices each input offers, bound into the card template. */
export const CHOICES: Partial<Record<FieldName, readonly Choice[]>> = {
  mediaType: MEDIA_CHOICES,
  identifiablePeople: YES_NO_CHOICES,
  confidential: YES_NO_CHOICES,
  altText: YES_NO_CHOICES,
  purpose: PURPOSE_CHOICES,
  crowd: YES_NO_CHOICES,
  consent: CONSENT_CHOICES,
  children: CHILDREN_CHOICES,
  setting: SETTING_CHOICES,
  protectedIdentity: PROTECTED_CHOICES,
  sensitiveCategories: SENSITIVE_CHOICES,
  integritySensitive: INTEGRITY_CHOICES,
  guardianConsent: YES_NO_CHOICES,
  maturityAssessed: YES_NO_CHOICES,
  explicitConsentSensitive: YES_NO_CHOICES,
  captions: CAPTION_CHOICES,
};
