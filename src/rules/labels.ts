import { BASE_FACTS } from './fact-specs';
import type { DecisionName } from './decisions';
import type { FactIssue, FactsError } from './errors';
import type { LoadedPack } from './types';

/** Swedish wording of outcomes, next steps and fact errors: the only place that renders them. */
const OUTCOMES: Record<string, string> = {
  allowed: 'Ja',
  allowed_with_conditions: 'Ja, med villkor',
  not_allowed: 'Nej',
  needs_assessment: 'Kräver bedömning',
  remove: 'Ta bort',
  answer: 'Svara',
  transfer: 'För över till ärendehandläggning',
  keep: 'Låt ligga kvar',
  register: 'Ja, diarieför',
  no_registration_needed: 'Nej, ingen diarieföring behövs',
  ready_for_approval: 'Klar för beslut',
  incomplete: 'Uppgifter saknas',
  not_recommended: 'Avråds',
  ready_to_close: 'Klart att avsluta',
  not_yet: 'Inte än',
};

export function outcomeLabel(_decision: DecisionName, outcome: string): string {
  return OUTCOMES[outcome] ?? outcome;
}

const ACTIONS: Record<string, string> = {
  // publish-image
  get_consent: 'Be om samtycke från dem som går att känna igen, eller välj en bild där de inte går att känna igen.',
  document_consent: 'Dokumentera samtycket skriftligt så att du kan visa det i efterhand.',
  get_guardian_consent: 'Be vårdnadshavaren om samtycke.',
  assess_maturity: 'Bedöm barnets ålder och mognad, alltså om barnet kan förstå vad samtycket innebär.',
  get_explicit_consent: 'Be om ett uttryckligt samtycke som gäller de känsliga uppgifterna.',
  remove_sensitive_details: 'Ta bort eller beskär det som avslöjar känsliga eller integritetskänsliga uppgifter.',
  add_alt_text: 'Skriv en bildbeskrivning (alternativtext) och publicera den med bilden.',
  add_captions: 'Lägg till undertexter i filmen.',
  get_secrecy_waiver: 'Publicera bara om den som sekretessen skyddar (för ett barn vårdnadshavaren) har samtyckt, så att sekretessen inte hindrar.',
  ask_data_protection_officer: 'Fråga dataskyddsombudet om du är osäker.',
  do_not_publish: 'Publicera inte bilden eller filmen.',
  // moderate-post
  document_screenshot: 'Dokumentera inlägget med en skärmdump innan du gör något mer.',
  register: 'Diarieför.',
  remove: 'Ta bort inlägget.',
  remove_immediately: 'Ta bort inlägget omedelbart.',
  consider_police_report: 'Ta ställning till om ni ska polisanmäla.',
  offer_other_channel: 'Avbryt samtalet i kanalen och erbjud personen hjälp på ett annat sätt, till exempel per telefon, e-post eller ett besök.',
  transfer_to_case_handling: 'För över frågan till den ordinarie ärendehandläggningen.',
  keep_visible: 'Låt inlägget ligga kvar.',
  // register-record
  keep_in_order: 'Håll handlingen ordnad så att den går att hitta (den ligger i tidsordning i kanalen).',
  may_be_culled: 'Handlingen får gallras enligt gallringsbeslutet när den inte längre behövs.',
  refer_to_case_handling: 'Hänvisa frågan till den ordinarie ärendehanteringen.',
  // open-account
  send_for_approval: 'Skicka ansökan till den som beslutar.',
  link_purpose_to_plan: 'Koppla syftet till verksamhetsplanen eller uppdraget.',
  set_measurable_goals: 'Formulera mål som går att mäta och följa upp.',
  identify_audiences: 'Ange vilka målgrupper kontot ska nå.',
  appoint_owner: 'Utse en ansvarig för kontot.',
  appoint_stand_in: 'Utse en ersättare som sköter kontot när den ansvarige är borta.',
  arrange_daily_monitoring: 'Ordna bevakning av kontot varje dag under kontorstid.',
  add_basic_info: 'Lägg in den basinformation som saknas på kontot.',
  follow_graphic_profile: 'Följ den grafiska profilen.',
  consider_shared_account: 'Undersök först om ni kan använda ett befintligt, gemensamt konto.',
  record_credentials_location: 'Ange var inloggningsuppgifterna förvaras (till exempel posten i lösenordshanteraren), aldrig själva lösenordet.',
  complete_editor_training: 'Se till att redaktörerna går utbildningen.',
  book_startup_meeting: 'Boka ett uppstartsmöte.',
  set_end_date: 'Ange när kontot ska avslutas.',
  apply_as_official_account: 'Ansök om ett vanligt (officiellt) konto.',
  // close-account
  post_closing_notice: 'Publicera ett inlägg om att kontot ska avslutas.',
  explain_why_closing: 'Skriv varför kontot avslutas.',
  refer_to_other_channels: 'Hänvisa till andra kontaktvägar eller konton.',
  wait_for_notice_period: 'Låt informationen ligga kvar hela perioden innan du avslutar.',
  archive_content: 'Dokumentera och arkivera kontots innehåll.',
  register_content: 'Diarieför kontots innehåll.',
  get_closing_approval: 'Be den som beslutade om kontot att besluta om avslutet.',
};

export function actionLabel(pack: LoadedPack, action: string): string {
  const own = pack.actionLabels[action];
  if (own) return own;
  if (action === 'use_photo_consent_form') {
    return pack.settings.consentForm
      ? `Använd blanketten "${pack.settings.consentForm.name}" och spara den.`
      : 'Använd organisationens blankett för samtycke och spara den.';
  }
  if (action === 'answer_within_deadline') {
    return pack.settings.answerDeadline.hours !== null
      ? `Svara inom ${pack.settings.answerDeadline.hours} timmar.`
      : `Svara ${pack.settings.answerDeadline.text}.`;
  }
  return ACTIONS[action] ?? action.replace(/_/g, ' ');
}

/** Swedish name of a fact, e.g. "Yngsta personens ålder"; the fact name itself when none is known. */
export function factLabel(field: string, pack?: LoadedPack): string {
  const name = field.replace(/\[.*$/, '').split('.')[0];
  for (const facts of Object.values(BASE_FACTS)) if (facts[name]?.label) return facts[name].label!;
  if (pack) for (const c of Object.values(pack.compiled)) if (c.facts[name]?.label) return c.facts[name].label!;
  return field;
}

function issueText(issue: FactIssue, pack?: LoadedPack): string {
  const label = factLabel(issue.field, pack);
  switch (issue.kind) {
    case 'looks_like_password':
      return `${label}: det ser ut som ett lösenord. Skriv i stället var lösenordet förvaras, till exempel namnet på posten i lösenordshanteraren. Det du skrev har inte sparats.`;
    case 'unknown_fact':
      return `${label}: den uppgiften känner jag inte till.`;
    case 'required':
      return `${label}: behöver fyllas i.`;
    case 'invalid_value':
      return issue.expected ? `${label}: välj ett av alternativen (${issue.expected.join(', ')}).` : `${label}: värdet går inte att använda.`;
    case 'invalid_date':
      return `${label}: skriv ett datum som ÅÅÅÅ-MM-DD.`;
    case 'too_small':
      return `${label}: fyll i minst ett värde.`;
    case 'too_big':
      return `${label}: för långt eller för många värden.`;
    case 'invalid_json':
      return 'Uppgifterna gick inte att läsa (ogiltig JSON).';
    default:
      return `${label}: fel typ av värde.`;
  }
}

export function factsErrorText(error: FactsError, pack?: LoadedPack): string {
  const lines = error.issues.map((i) => `• ${issueText(i, pack)}`);
  return `Några uppgifter behöver rättas:\n${lines.join('\n')}`;
}
