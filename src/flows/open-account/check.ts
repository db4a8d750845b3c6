import type { BotServices } from '../../bot/services';
import { FactsError, secretFields, type DecisionOutput, type LoadedPack } from '../../rules';
import { SECRET_REFUSED } from '../../cards/submit-guard';
import { ruleOfReason } from '../approvals/pack-settings';
import { FORM_FIELDS, type FieldErrors, type FormField } from './form-values';

/** Where on the form each next step of the open-account decision is done, and what to say beside the field. */
const ACTION_FIELD: Record<string, [FormField, string]> = {
  link_purpose_to_plan: ['linkedToPlan', 'Syftet behöver vara kopplat till verksamhetsplanen.'],
  set_measurable_goals: ['goals', 'Skriv mål som går att mäta och följa upp.'],
  identify_audiences: ['audiences', 'Ange vilka målgrupper kontot vänder sig till.'],
  appoint_owner: ['owner', 'Välj en ansvarig person.'],
  appoint_stand_in: ['standIn', 'Välj en ersättare som tar över vid frånvaro.'],
  arrange_daily_monitoring: ['monitoringDaily', 'Kontot behöver bevakas varje dag under kontorstid.'],
  add_basic_info: ['basicInfo', 'Kontot behöver all basinformation.'],
  follow_graphic_profile: ['graphicProfile', 'Kontot ska följa den grafiska profilen.'],
  consider_shared_account: ['sharedAccountConsidered', 'Pröva först om ett befintligt eller gemensamt konto räcker.'],
  record_credentials_location: ['credentialsLocation', 'Skriv var inloggningsuppgifterna förvaras.'],
  complete_editor_training: ['editorsTrained', 'Redaktörerna behöver utbildning innan kontot startar.'],
  book_startup_meeting: ['startupMeetingHeld', 'Boka ett uppstartsmöte med kommunikatören först.'],
  set_end_date: ['endDate', 'Ett pedagogiskt konto behöver ett slutdatum.'],
  apply_as_official_account: ['accountType', 'Det här kontot behöver vara ett officiellt konto.'],
};

const MISSING_TEXT: Partial<Record<FormField, string>> = {
  unit: 'Välj verksamhet.',
  platform: 'Välj plattform.',
  accountName: 'Skriv kontots namn.',
  purpose: 'Beskriv syftet med kontot.',
  goals: 'Skriv minst ett mål.',
  audiences: 'Ange minst en målgrupp.',
  owner: 'Välj en ansvarig person.',
  standIn: 'Välj en ersättare.',
  credentialsLocation: 'Skriv var inloggningsuppgifterna förvaras.',
  endDate: 'Välj ett slutdatum.',
};

export const PASSWORD_REFUSED = 'Det här ser ut som ett lösenord. Skriv bara var uppgifterna finns, till exempel "lösenordshanteraren, posten Instagram Kultur". Texten har inte sparats.';

/** What is said beside a field whose text was refused as a password. */
export function refusalText(field: FormField): string {
  return field === 'credentialsLocation' ? PASSWORD_REFUSED : SECRET_REFUSED;
}

export function isRefusal(text: string | undefined): boolean {
  return text === PASSWORD_REFUSED || text === SECRET_REFUSED;
}

/** "goals[1]" → "goals": the form field a fact (or one of its items) came from. */
function formFieldOf(path: string): FormField | undefined {
  const name = path.split(/[.[]/u)[0];
  return isField(name) ? name : undefined;
}

export interface CheckResult {
  ready: boolean;
  errors: FieldErrors;
  summary: string;
  reasons: { text: string; section: string }[];
  decision?: DecisionOutput;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function isField(name: string): name is FormField {
  return (FORM_FIELDS as readonly string[]).includes(name);
}

/**
 * Places the decision's findings beside the fields they concern, in the pack's own words. Reasons that belong to no
 * field, and the decisive ones (the pack advises against the account), are listed on top with their policy section.
 */
export function fieldErrorsOf(pack: LoadedPack, decision: DecisionOutput, facts: Record<string, unknown> = {}): { errors: FieldErrors; reasons: CheckResult['reasons'] } {
  const errors: FieldErrors = {};
  const reasons: CheckResult['reasons'] = [];
  if (decision.outcome === 'ready_for_approval') return { errors, reasons };
  const add = (field: FormField, text: string) => {
    const current = errors[field];
    if (!current) errors[field] = text;
    else if (!current.includes(text)) errors[field] = `${current} ${text}`;
  };
  for (const reason of decision.reasons) {
    const rule = ruleOfReason(pack, 'open-account', reason);
    if (rule?.outcome === 'ready_for_approval') continue;
    const fields = new Set<FormField>();
    for (const action of rule?.actions ?? []) if (ACTION_FIELD[action]) fields.add(ACTION_FIELD[action][0]);
    for (const fact of rule?.missing ?? []) if (isField(fact) && (decision.missing.includes(fact) || isAbsent(facts[fact]))) fields.add(fact);
    // A reason about several fields is said once on top; each field gets its own short note.
    const several = fields.size > 1;
    for (const field of fields) add(field, several ? (MISSING_TEXT[field] ?? 'Fyll i det här.') : reason.text);
    if (fields.size === 0 || several || rule?.outcome === 'not_recommended') {
      reasons.push({ text: reason.text, section: `${reason.source.document}, ${reason.source.section}` });
    }
  }
  for (const fact of decision.missing) if (isField(fact)) errors[fact] ??= MISSING_TEXT[fact] ?? 'Fyll i det här.';
  for (const action of decision.actions) {
    const entry = ACTION_FIELD[action];
    if (entry) errors[entry[0]] ??= entry[1];
  }
  return { errors, reasons };
}

/**
 * Runs the completeness check of the pack on the form's facts. A password-like text never reaches the decision (or
 * the log): it is refused here first (the card guard has normally blanked it already).
 */
export async function checkFacts(
  services: BotServices,
  pack: LoadedPack,
  facts: Record<string, unknown>,
  localErrors: FieldErrors,
  ctx: { actor: string; conversationId?: string; log: boolean },
): Promise<CheckResult> {
  const secrets = secretFields(facts).map(formFieldOf).filter((f): f is FormField => f !== undefined);
  if (secrets.length > 0) {
    const errors: FieldErrors = { ...localErrors };
    for (const field of secrets) errors[field] = refusalText(field);
    return { ready: false, errors, summary: 'Ta bort lösenordet från formuläret.', reasons: [] };
  }
  let decision: DecisionOutput;
  try {
    decision = await services.decisions.decide(pack.id, 'open-account', facts, ctx);
  } catch (error) {
    if (!(error instanceof FactsError)) throw error;
    const errors: FieldErrors = { ...localErrors };
    for (const issue of error.issues) {
      const field = formFieldOf(issue.field);
      if (!field) continue;
      errors[field] ??= issue.kind === 'looks_like_password' ? refusalText(field) : MISSING_TEXT[field] ?? 'Kontrollera det här fältet.';
    }
    return { ready: false, errors, summary: 'Några uppgifter behöver rättas.', reasons: [] };
  }
  const found = fieldErrorsOf(pack, decision, facts);
  const errors = { ...found.errors, ...localErrors };
  const ready = decision.outcome === 'ready_for_approval' && Object.keys(localErrors).length === 0;
  const summary = ready
    ? ''
    : decision.outcome === 'not_recommended'
      ? 'Enligt policyn bör kontot inte startas som det är beskrivet nu. Läs skälen och ändra det som behövs.'
      : 'Några uppgifter saknas eller behöver kompletteras innan ansökan kan skickas.';
  return { ready, errors, summary, reasons: found.reasons, decision };
}
