import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { sendCard, sendNotice } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { actorOf, tenancyOf } from '../../bot/tenancy';
import type { AppTurnState } from '../../bot/turn-state';
import type { LoadedPack } from '../../rules';
import { RequestError, type AccountRequest, type Person } from '../../requests';
import { completeApproved } from '../approvals/complete';
import { requestFacts } from '../approvals/card-view';
import { statusData } from '../approvals/notify';
import { approverRolesFor, existingAccountsNeedApproval, pedagogicalAllowed, rolesText } from '../approvals/pack-settings';
import { postApprovalCard } from '../approvals/post';
import { workflowOf } from '../approvals/workflow';
import { checkFacts, isRefusal, refusalText } from './check';
import { refusedFields } from '../../cards/submit-guard';
import { extraFactsOf } from './extra-facts';
import {
  BASIC_INFO_CHOICES,
  emptyValues,
  EXTRA_PREFIX,
  extrasFromFacts,
  FORM_FIELDS,
  parseExtras,
  PLATFORMS,
  toFacts,
  valuesFromRequest,
  type Converted,
  type FieldErrors,
  type FormField,
  type FormMode,
  type FormValues,
} from './form-values';
import { knownPeople } from './people';

export const FLOW_ID: Record<FormMode, string> = { new: 'open-account', existing: 'register-account' };

export interface FormDraft {
  mode: FormMode;
  values: FormValues;
  /** The pack's own yes/no questions, 'true' or 'false' by fact name. */
  extras?: Record<string, string>;
  people: Person[];
  /** Set when a returned request is being completed. */
  requestId?: string;
  requestVersion?: number;
  /** Makes "Skicka för beslut" idempotent: a second press finds the request already created. */
  submissionId?: string;
}

const HEADINGS: Record<FormMode, string> = { new: 'Starta nytt konto', existing: 'Registrera befintligt konto' };

function draftOf(state: AppTurnState, mode?: FormMode): FormDraft | undefined {
  const flow = state.conversation.flow;
  if (!flow || (flow.id !== FLOW_ID.new && flow.id !== FLOW_ID.existing)) return undefined;
  const draft = flow.draft as unknown as FormDraft | undefined;
  if (!draft || (mode && draft.mode !== mode)) return undefined;
  return draft;
}

function saveDraft(state: AppTurnState, step: 'form' | 'preview', draft: FormDraft): void {
  state.conversation.flow = { id: FLOW_ID[draft.mode], step, draft: draft as unknown as Record<string, unknown> };
}

function intro(mode: FormMode, pack: LoadedPack, resubmitting: boolean): string {
  if (resubmitting) return 'Ändra det som godkännarna bad om och skicka ansökan igen. Dina tidigare uppgifter finns kvar.';
  return mode === 'existing'
    ? `Policyn gäller även konton som redan finns. Fyll i uppgifterna så kontrollerar jag dem mot ${pack.name} innan kontot registreras.`
    : `Fyll i uppgifterna om kontot. Jag kontrollerar dem mot ${pack.name} och visar vad som saknas innan något skickas för beslut.`;
}

export async function sendForm(
  context: TurnContext,
  services: BotServices,
  draft: FormDraft,
  check: { errors?: FieldErrors; summary?: string; reasons?: { text: string; section: string }[] } = {},
): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  const errors = Object.fromEntries(FORM_FIELDS.map((f) => [f, check.errors?.[f] ?? '']));
  const accountTypes = [{ title: 'Officiellt konto', value: 'official' }];
  if (pedagogicalAllowed(pack)) accountTypes.push({ title: 'Pedagogiskt konto (tidsbegränsat, t.ex. för en klass)', value: 'pedagogical' });
  await sendCard(context, 'account.form', {
    heading: draft.requestId ? 'Komplettera ansökan' : HEADINGS[draft.mode],
    intro: intro(draft.mode, pack, Boolean(draft.requestId)),
    mode: draft.mode,
    summary: check.summary ?? '',
    reasons: check.reasons ?? [],
    units: services.config.orgUnits.map((u) => ({ title: u, value: u })),
    platforms: PLATFORMS.map((p) => ({ title: p, value: p })),
    accountTypes,
    people: draft.people.map((p) => ({ title: p.name, value: p.aadObjectId })),
    basicInfoChoices: BASIC_INFO_CHOICES,
    showEndDate: pedagogicalAllowed(pack),
    showOpenedOn: draft.mode === 'existing',
    extrasHeading: `Frågor som ${pack.name} ställer`,
    extras: extraFactsOf(pack).map((f) => ({ inputId: `${EXTRA_PREFIX}${f.name}`, label: f.label, value: draft.extras?.[f.name] ?? 'false' })),
    v: draft.values,
    e: errors,
  });
}

/** Starts the form (a new account or an existing one), with the person writing as the responsible person. */
export async function startForm(context: TurnContext, state: AppTurnState, services: BotServices, mode: FormMode): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  const values = emptyValues();
  values.accountType = 'official';
  values.owner = actorOf(context);
  const people = await knownPeople(context, services, pack.id);
  const draft: FormDraft = { mode, values, people };
  saveDraft(state, 'form', draft);
  await sendForm(context, services, draft);
}

/** The form without any text refused as a password, so the draft does not keep it and the card does not show it. */
function withoutRefusedSecrets(values: FormValues, errors: FieldErrors): FormValues {
  const kept = { ...values };
  for (const field of FORM_FIELDS) if (isRefusal(errors[field])) kept[field] = '';
  return kept;
}

function needsApproval(mode: FormMode, pack: LoadedPack): boolean {
  return mode === 'new' || existingAccountsNeedApproval(pack);
}

async function sendPreview(context: TurnContext, services: BotServices, pack: LoadedPack, draft: FormDraft, converted: Converted): Promise<void> {
  const approval = needsApproval(draft.mode, pack);
  const roles = approverRolesFor(pack, draft.mode === 'new' ? 'open' : 'register');
  const channel = approval ? await workflowOf(services).channels.get(pack.id, draft.values.unit) : undefined;
  const pseudo = pseudoRequest(pack, draft, converted, context);
  await sendCard(context, 'account.preview', {
    heading: 'Förhandsgranska',
    intro: approval ? 'Allt som behövs finns med. Kontrollera uppgifterna innan du skickar dem för beslut.' : 'Allt som behövs finns med. Kontrollera uppgifterna innan kontot registreras.',
    facts: requestFacts(pseudo).filter((f) => f.title !== 'Skickad' && f.title !== 'Basinformation'),
    basicInfo: BASIC_INFO_CHOICES.filter((c) => (converted.facts.basicInfo as string[]).includes(c.value)).map((c) => c.title),
    decidedBy: approval ? `Beslutas av: ${rolesText(roles)}.` : 'Befintliga konton registreras direkt, utan nytt beslut.',
    channelNote: approval
      ? channel
        ? `Ansökan visas i godkännandekanalen för ${draft.values.unit}. Du får ett meddelande här när den är besvarad.`
        : `Det finns ännu ingen godkännandekanal för ${draft.values.unit}. Ansökan sparas och visas där så snart en administratör har valt kanal.`
      : '',
    submitTitle: approval ? (draft.requestId ? 'Skicka igen för beslut' : 'Skicka för beslut') : 'Registrera kontot',
    mode: draft.mode,
    submissionId: draft.submissionId ?? '',
  });
}

function pseudoRequest(pack: LoadedPack, draft: FormDraft, converted: Converted, context: TurnContext): AccountRequest {
  const now = new Date().toISOString();
  return {
    id: draft.submissionId ?? '',
    kind: draft.mode === 'new' ? 'open' : 'register',
    pack: pack.id,
    unit: draft.values.unit,
    requester: { aadObjectId: actorOf(context), name: context.activity.from?.name ?? '' },
    status: 'pending',
    round: 1,
    requiredRoles: [],
    facts: converted.facts,
    details: converted.details as unknown as Record<string, unknown>,
    accountId: null,
    decisionId: null,
    closingOn: null,
    channelConversationId: null,
    cardActivityId: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    decidedAt: null,
  };
}

/** "Förhandsgranska": the pack checks the form; what is missing is shown beside the fields, else the preview. */
export async function onPreview(context: TurnContext, state: AppTurnState, services: BotServices, mode: FormMode, values: FormValues, data: unknown): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  const previous = draftOf(state, mode);
  const people = previous?.people?.length ? previous.people : await knownPeople(context, services, pack.id);
  const extras = parseExtras(data, extraFactsOf(pack).map((f) => f.name));
  const converted = toFacts(values, people, mode, extras);
  if (!services.config.orgUnits.includes(values.unit) && values.unit) converted.errors.unit = 'Välj en verksamhet i listan.';
  for (const field of refusedFields(context)) if ((FORM_FIELDS as readonly string[]).includes(field)) converted.errors[field as FormField] = refusalText(field as FormField);
  const check = await checkFacts(services, pack, converted.facts, converted.errors, { actor: actorOf(context), conversationId: context.activity.conversation?.id, log: false });
  const draft: FormDraft = { ...(previous ?? {}), mode, people, extras, values: withoutRefusedSecrets(values, check.errors) };
  if (!check.ready) {
    saveDraft(state, 'form', draft);
    await sendForm(context, services, draft, check);
    return;
  }
  draft.submissionId = previous?.submissionId ?? randomUUID();
  saveDraft(state, 'preview', draft);
  await sendPreview(context, services, pack, draft, converted);
}

export async function onEdit(context: TurnContext, state: AppTurnState, services: BotServices, mode: FormMode): Promise<void> {
  const draft = draftOf(state, mode);
  if (!draft) return startForm(context, state, services, mode);
  saveDraft(state, 'form', draft);
  await sendForm(context, services, draft);
}

export async function onCancel(context: TurnContext, state: AppTurnState): Promise<void> {
  state.conversation.flow = undefined;
  await sendNotice(context, 'Okej, inget har skickats', 'Uppgifterna är inte sparade. Du kan börja om från menyn när du vill.');
}

function submittedCard(request: AccountRequest, posted: boolean) {
  const roles = rolesText(request.requiredRoles);
  return statusData({
    title: request.round > 1 ? 'Skickad igen för beslut' : 'Skickad för beslut',
    color: 'Good',
    text: posted
      ? `${roles} får ansökan i godkännandekanalen för ${request.unit}. Du får ett meddelande här när de har svarat.`
      : `Det finns ännu ingen godkännandekanal för ${request.unit}. Ansökan är sparad och visas där så snart en administratör har valt kanal. Du får ett meddelande här när den är besvarad.`,
    facts: [
      { title: 'Konto', value: [request.details.platform, request.details.accountName].filter(Boolean).join(' – ') },
      { title: 'Beslutas av', value: roles },
    ],
    footnote: `Beslutsreferens: ${(request.decisionId ?? request.id).slice(0, 8)}`,
  });
}

/** "Skicka för beslut" / "Registrera kontot": checked again from the server's draft (not the card), then sent. */
export async function onSubmit(context: TurnContext, state: AppTurnState, services: BotServices, mode: FormMode, submissionId: string): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  const draft = draftOf(state, mode);
  const workflow = workflowOf(services);
  if (!draft || state.conversation.flow?.step !== 'preview' || !draft.submissionId || draft.submissionId !== submissionId) {
    const already = submissionId ? await workflow.requests.get(submissionId) : undefined;
    if (already) return sendNotice(context, 'Det här är redan skickat', 'Du har redan skickat den här ansökan. Du får ett meddelande när den är besvarad.', 'Good');
    return sendNotice(context, 'Förhandsgranskningen är inte längre aktuell', 'Börja om från menyn, så visar jag formuläret igen. Inget har skickats.', 'Warning');
  }
  const actor = actorOf(context);
  const converted = toFacts(draft.values, draft.people, mode, draft.extras ?? {});
  const check = await checkFacts(services, pack, converted.facts, converted.errors, { actor, conversationId: context.activity.conversation?.id, log: true });
  if (!check.ready || !check.decision) {
    const kept = { ...draft, values: withoutRefusedSecrets(draft.values, check.errors) };
    saveDraft(state, 'form', kept);
    await sendForm(context, services, kept, check);
    return;
  }
  const requester: Person = { aadObjectId: actor, name: context.activity.from?.name?.trim() || 'Okänd person' };
  const details = converted.details as unknown as Record<string, unknown>;
  const kind = mode === 'new' ? 'open' : 'register';
  state.conversation.flow = undefined;

  if (!needsApproval(mode, pack)) {
    try {
      // The request and its account are one unit of work: both are stored, or neither.
      let completed: AccountRequest | undefined;
      await workflow.requests.create(
        { id: draft.submissionId, kind, pack: pack.id, unit: draft.values.unit, requester, requiredRoles: [], facts: converted.facts, details, decisionId: check.decision.decisionId, status: 'approved' },
        actor,
        async (trx, created) => void (completed = await completeApproved(services, created, actor, trx)),
      );
      const account = await workflow.register.get((completed as AccountRequest).accountId ?? '');
      if (!account) throw new Error('registered account not found after commit');
      await sendCard(context, 'account.status', statusData({
        title: 'Kontot är registrerat',
        color: 'Good',
        text: `${account.platform} – ${account.accountName} finns nu i kontoregistret för ${account.unit}.`,
        showMyAccounts: true,
        footnote: `Beslutsreferens: ${check.decision.decisionId.slice(0, 8)}`,
      }));
    } catch (error) {
      if (isDuplicate(error)) return sendNotice(context, 'Det här är redan registrerat', 'Kontot registrerades när du tryckte första gången.', 'Good');
      throw error;
    }
    return;
  }

  const roles = approverRolesFor(pack, kind);
  let request: AccountRequest;
  try {
    request = draft.requestId
      ? await workflow.requests.resubmit(draft.requestId, { facts: converted.facts, details, requiredRoles: roles, decisionId: check.decision.decisionId, unit: draft.values.unit }, actor, draft.requestVersion ?? 0)
      : await workflow.requests.create({ id: draft.submissionId, kind, pack: pack.id, unit: draft.values.unit, requester, requiredRoles: roles, facts: converted.facts, details, decisionId: check.decision.decisionId }, actor);
  } catch (error) {
    if (isDuplicate(error)) return sendNotice(context, 'Det här är redan skickat', 'Du har redan skickat den här ansökan. Du får ett meddelande när den är besvarad.', 'Good');
    if (error instanceof RequestError && error.code === 'request_conflict') {
      return sendNotice(context, 'Ansökan har redan ändrats', 'Någon har ändrat ansökan sedan du öppnade den (eller så är den redan skickad igen). Inget nytt har skickats.', 'Warning');
    }
    throw error;
  }
  const posted = await postApprovalCard(services, request);
  services.logger.info({ event: 'account_request_submitted', requestId: request.id, round: request.round, kind, posted: posted.posted }, 'account request submitted');
  await sendCard(context, 'account.status', submittedCard(request, posted.posted));
}

/** "Ändra och skicka igen" on a returned request: the form again with what the request holds. */
export async function onResume(context: TurnContext, state: AppTurnState, services: BotServices, request: AccountRequest): Promise<void> {
  const mode: FormMode = request.kind === 'register' ? 'existing' : 'new';
  const details = request.details as unknown as Converted['details'];
  const values = valuesFromRequest(request.facts, details, request.unit);
  const people = await knownPeople(context, services, request.pack, [details.owner, details.standIn]);
  const pack = services.packs.get(request.pack) ?? packFor(services, tenancyOf(context));
  const extras = extrasFromFacts(request.facts, extraFactsOf(pack).map((f) => f.name));
  const draft: FormDraft = { mode, values, extras, people, requestId: request.id, requestVersion: request.version };
  saveDraft(state, 'form', draft);
  const answers = await workflowOf(services).requests.answers(request.id);
  const returned = answers.find((a) => a.answer === 'returned');
  await sendForm(context, services, draft, {
    summary: returned ? `${returned.approver.name} (${returned.role}) skrev: ”${returned.comment ?? ''}”` : '',
  });
}

function isDuplicate(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}
