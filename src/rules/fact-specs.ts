import { z } from 'zod';
import type { DecisionName } from './decisions';

/**
 * The facts of each decision as DECISIONS.md names them. One description drives the zod validation, the check
 * that pack rules only name facts and values that exist, and the Swedish field names.
 */
const common = {
  /** Required: absence is a validation error, not a `missing` fact (decisions without an "incomplete" outcome). */
  required: z.boolean().optional(),
  /** Required when another fact has this value. */
  requiredWhen: z.object({ fact: z.string(), equals: z.union([z.boolean(), z.string(), z.number()]) }).strict().optional(),
  /** Swedish name of the field, for messages. */
  label: z.string().optional(),
};

export const factSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('boolean'), default: z.boolean().optional(), ...common }).strict(),
  z.object({ type: z.literal('integer'), min: z.number().int(), max: z.number().int(), nullable: z.boolean().optional(), ...common }).strict(),
  z.object({ type: z.literal('string'), nullable: z.boolean().optional(), maxLength: z.number().int().positive().optional(), ...common }).strict(),
  z.object({ type: z.literal('enum'), values: z.array(z.string()).min(1), default: z.string().optional(), ...common }).strict(),
  z.object({ type: z.literal('enumArray'), values: z.array(z.string()).min(1), minItems: z.number().int().min(0).optional(), ...common }).strict(),
  z.object({ type: z.literal('stringArray'), maxItems: z.number().int().positive().optional(), ...common }).strict(),
  z.object({ type: z.literal('date'), nullable: z.boolean().optional(), defaultToday: z.boolean().optional(), ...common }).strict(),
]);

export type FactSpec = z.infer<typeof factSpecSchema>;
export type FactSpecs = Record<string, FactSpec>;

export const SENSITIVE_CATEGORIES = [
  'ethnic_origin',
  'political_opinions',
  'religion_or_belief',
  'trade_union',
  'health',
  'sex_life_or_orientation',
  'genetic_or_biometric',
] as const;

export const INTEGRITY_SENSITIVE = ['personal_identity_number', 'criminal_offences', 'salary', 'social_circumstances', 'evaluative'] as const;

export const POST_CATEGORIES = [
  'unlawful_threat',
  'unlawful_privacy_intrusion',
  'incitement',
  'hate_speech',
  'child_sexual_abuse_material',
  'unlawful_violence_depiction',
  /** Adult pornography: not unlawful in itself, but Nyköping's routine (6.2) lists it for removal. */
  'pornography',
  'terrorism_related',
  'copyright_infringement',
  'sensitive_personal_data',
  'confidential_information',
  'defamation_or_insult',
  'harassment',
  'profanity',
  'party_political',
  'advertising',
  'question',
  'case_related',
  'complaint_or_opinion',
  'other',
] as const;

export const BASIC_INFO = [
  'owner_unit_and_city',
  'content_description',
  'participation_terms',
  'contact_details',
  'unit_website_link',
  'privacy_link',
] as const;

const bool = (label: string, extra: Partial<Extract<FactSpec, { type: 'boolean' }>> = {}): FactSpec => ({ type: 'boolean', label, ...extra });
const text = (label: string, extra: Partial<Extract<FactSpec, { type: 'string' }>> = {}): FactSpec => ({ type: 'string', label, ...extra });

export const BASE_FACTS: Record<DecisionName, FactSpecs> = {
  'publish-image': {
    identifiablePeople: bool('Går någon person att känna igen'),
    purpose: { type: 'enum', values: ['inform_about_operations', 'portray_individual', 'marketing', 'other'], label: 'Syfte' },
    crowd: bool('Bild med många personer'),
    consent: { type: 'enum', values: ['all', 'some', 'none', 'unknown'], label: 'Samtycke' },
    consentDocumented: bool('Skriftligt samtycke'),
    youngestAge: { type: 'integer', min: 0, max: 120, nullable: true, label: 'Yngsta personens ålder' },
    guardianConsent: bool('Vårdnadshavarens samtycke'),
    maturityAssessed: bool('Bedömning av ålder och mognad'),
    sensitiveCategories: { type: 'enumArray', values: [...SENSITIVE_CATEGORIES], label: 'Känsliga personuppgifter' },
    explicitConsentSensitive: bool('Uttryckligt samtycke för känsliga uppgifter'),
    integritySensitive: { type: 'enumArray', values: [...INTEGRITY_SENSITIVE], label: 'Integritetskänsliga uppgifter' },
    confidential: bool('Sekretessbelagda uppgifter'),
    protectedIdentity: bool('Skyddade personuppgifter'),
    altText: bool('Bildbeskrivning'),
    mediaType: { type: 'enum', values: ['image', 'video'], default: 'image', label: 'Bild eller film' },
    captions: bool('Undertexter'),
    setting: {
      type: 'enum',
      values: ['preschool', 'school', 'social_services', 'health_care', 'elderly_or_disability_care', 'other'],
      label: 'Var bilden är tagen',
    },
  },
  'moderate-post': {
    categories: { type: 'enumArray', values: [...POST_CATEGORIES], minItems: 1, required: true, label: 'Vad inlägget innehåller' },
    postedBy: { type: 'enum', values: ['public', 'staff'], default: 'public', label: 'Vem som skrev' },
  },
  'register-record': {
    leadsToAction: bool('Leder till åtgärd', { required: true }),
    becomesCase: bool('Blir ett ärende', { required: true }),
    relatesToExistingCase: bool('Hör till ett pågående ärende', { required: true }),
    specialInterest: bool('Av särskilt intresse', { required: true }),
    containsConfidential: bool('Innehåller sekretess', { required: true }),
    trivial: bool('Av ringa eller tillfällig betydelse', { required: true }),
    politicalMatter: bool('Politisk fråga', { required: true }),
  },
  'open-account': {
    unit: text('Verksamhet'),
    platform: text('Plattform'),
    accountName: text('Kontots namn eller adress'),
    accountType: { type: 'enum', values: ['official', 'pedagogical'], label: 'Typ av konto' },
    purpose: text('Syfte', { maxLength: 2000 }),
    linkedToPlan: bool('Kopplat till verksamhetsplanen'),
    goals: { type: 'stringArray', maxItems: 20, label: 'Mål' },
    goalsMeasurable: bool('Mätbara mål'),
    audiences: { type: 'stringArray', maxItems: 20, label: 'Målgrupper' },
    owner: text('Ansvarig'),
    standIn: text('Ersättare', { nullable: true }),
    monitoringDaily: bool('Daglig bevakning'),
    basicInfo: { type: 'enumArray', values: [...BASIC_INFO], label: 'Basinformation' },
    graphicProfile: bool('Grafisk profil'),
    sharedAccountConsidered: bool('Gemensamt konto övervägt'),
    editorsTrained: bool('Redaktörerna utbildade'),
    startupMeetingHeld: bool('Uppstartsmöte hållet'),
    credentialsLocation: text('Var inloggningsuppgifterna förvaras'),
    endDate: { type: 'date', nullable: true, label: 'Slutdatum' },
  },
  'close-account': {
    noticePosted: bool('Information om avslutet publicerad', { default: false }),
    noticePostedOn: { type: 'date', nullable: true, requiredWhen: { fact: 'noticePosted', equals: true }, label: 'Datum för informationen' },
    reasonGiven: bool('Skälet till avslutet angivet', { default: false }),
    referralGiven: bool('Hänvisning till andra kanaler', { default: false }),
    archived: bool('Innehållet arkiverat', { default: false }),
    contentRegistered: bool('Innehållet diariefört', { default: false }),
    today: { type: 'date', defaultToday: true, label: 'Dagens datum' },
  },
};

/** Facts computed from the given ones before the rules run; rules may name them. */
export const DERIVED_FACTS: Record<DecisionName, Record<string, string>> = {
  'publish-image': {},
  'moderate-post': {},
  'register-record': {},
  'open-account': {},
  'close-account': { noticeDaysElapsed: 'whole days from noticePostedOn to today; absent when no notice is posted' },
};
