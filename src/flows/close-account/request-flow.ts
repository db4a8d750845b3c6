import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Account } from '../../accounts';
import { sendCard, sendNotice } from '../../bot/send';
import type { BotServices } from '../../bot/services';
import { actorOf } from '../../bot/tenancy';
import type { AppTurnState } from '../../bot/turn-state';
import { RequestError, type AccountRequest, type Person } from '../../requests';
import { isoDay } from '../approvals/dates';
import { statusData } from '../approvals/notify';
import { approverRolesFor, closeNoticeDays, rolesText } from '../approvals/pack-settings';
import { postApprovalCard } from '../approvals/post';
import { workflowOf } from '../approvals/workflow';
import { accountFor, accountLabel, canManage, checklistItems, CLOSE_FLOW_ID, closingOrder, packOf, startClose } from './common';
import { requestFacts } from './checklist-values';
import { remindsOnClosingDay } from './reminder';
import { CLOSING_REASONS, isClosingReason, suggestedClosingOn, validateRequest, type RequestErrors, type RequestValues } from './request-values';

interface RequestDraft {
  accountId: string;
  values: RequestValues;
  submissionId: string;
  requestId?: string;
  requestVersion?: number;
}

function draftOf(state: AppTurnState): RequestDraft | undefined {
  const flow = state.conversation.flow;
  return flow?.id === CLOSE_FLOW_ID && flow.step === 'request' ? (flow.draft as unknown as RequestDraft | undefined) : undefined;
}

function saveDraft(state: AppTurnState, draft: RequestDraft): void {
  state.conversation.flow = { id: CLOSE_FLOW_ID, step: 'request', draft: draft as unknown as Record<string, unknown> };
}

/** The request card: the policy's order (the decision first), why, and the date proposed to the approvers. */
async function sendRequest(context: TurnContext, services: BotServices, account: Account, draft: RequestDraft, errors: RequestErrors = {}, note = ''): Promise<void> {
  const pack = packOf(services, context, account);
  const days = closeNoticeDays(pack);
  const channel = await workflowOf(services).channels.get(pack.id, account.unit);
  const steps = closingOrder(pack, remindsOnClosingDay(services, pack.id));
  await sendCard(context, 'close-account.request', {
    heading: draft.requestId ? `Komplettera avslutet av ${accountLabel(account)}` : `Avsluta ${accountLabel(account)}`,
    summary: Object.keys(errors).length > 0 ? 'Några uppgifter behöver rättas.' : note,
    intro: `Enligt ${pack.name} beslutas avslutet först. Du behöver inte göra något på kontot innan beslutet. Sedan görs resten i den här ordningen:`,
    steps: steps.map((step, i) => `${i + 1}. ${step}`),
    facts: [
      { title: 'Konto', value: accountLabel(account) },
      { title: 'Verksamhet', value: account.unit },
    ],
    reasons: Object.entries(CLOSING_REASONS).map(([value, title]) => ({ title, value })),
    v: draft.values,
    e: { closingReason: errors.closingReason ?? '', closingOn: errors.closingOn ?? '' },
    dateNote: days
      ? `${rolesText(approverRolesFor(pack, 'close'))} beslutar om datumet. Föreslå ett datum som låter informationen på kontot ligga kvar ett par veckor (${days} dagar) efter beslutet.`
      : `${rolesText(approverRolesFor(pack, 'close'))} beslutar om datumet. Föreslå ett datum som ger tid för stegen efter beslutet.`,
    channelNote: channel ? `Begäran visas i godkännandekanalen för ${account.unit}.` : `Det finns ännu ingen godkännandekanal för ${account.unit}. Begäran sparas och visas där så snart en administratör har valt kanal.`,
    submitTitle: draft.requestId ? 'Skicka igen för beslut' : 'Skicka för beslut',
    submissionId: draft.submissionId,
  });
}

/** An account picked (from the list, "Mina konton" or the reporting round's "Nej"): the request card, pre-filled. */
export async function onPick(context: TurnContext, state: AppTurnState, services: BotServices, accountId: string, reason = ''): Promise<void> {
  const found = await accountFor(context, services, accountId);
  if (typeof found === 'string') return startClose(context, state, services, found);
  const today = isoDay(services.clock.now());
  const values = { closingReason: isClosingReason(reason) ? reason : '', closingOn: suggestedClosingOn(today, closeNoticeDays(packOf(services, context, found))) };
  const draft: RequestDraft = { accountId: found.id, values, submissionId: randomUUID() };
  saveDraft(state, draft);
  await sendRequest(context, services, found, draft);
}

export async function onSubmitClose(context: TurnContext, state: AppTurnState, services: BotServices, submissionId: string, values: RequestValues): Promise<void> {
  const draft = draftOf(state);
  const workflow = workflowOf(services);
  if (!draft || draft.submissionId !== submissionId) {
    if (submissionId && (await workflow.requests.get(submissionId))) {
      return sendNotice(context, 'Det här är redan skickat', 'Du har redan skickat begäran. Du får ett meddelande när den är besvarad.', 'Good');
    }
    return sendNotice(context, 'Begäran är inte längre aktuell', 'Börja om med "Avsluta konto" i menyn. Inget har skickats.', 'Warning');
  }
  const account = await workflow.register.get(draft.accountId);
  if (!account || !canManage(account, actorOf(context)) || account.status !== 'active') {
    state.conversation.flow = undefined;
    return sendNotice(context, 'Kontot kan inte avslutas nu', 'Det håller redan på att avslutas, är avslutat eller är inte ditt.', 'Warning');
  }
  const today = isoDay(services.clock.now());
  const errors = validateRequest(values, today);
  const next: RequestDraft = { ...draft, values };
  if (Object.keys(errors).length > 0) {
    saveDraft(state, next);
    return sendRequest(context, services, account, next, errors);
  }
  const pack = packOf(services, context, account);
  const facts = requestFacts(today, checklistItems(pack).contentRegistered);
  const decision = await services.decisions.decide(pack.id, 'close-account', facts, { actor: actorOf(context), conversationId: context.activity.conversation?.id });
  const actor = actorOf(context);
  const requester: Person = { aadObjectId: actor, name: context.activity.from?.name?.trim() || 'Okänd person' };
  const details = { platform: account.platform, accountName: account.accountName, url: account.url ?? null, owner: account.owner, standIn: account.standIn, closingReason: values.closingReason };
  const roles = approverRolesFor(pack, 'close');
  state.conversation.flow = undefined;
  let request: AccountRequest;
  try {
    request = draft.requestId
      ? await workflow.requests.resubmit(draft.requestId, { facts, details, requiredRoles: roles, decisionId: decision.decisionId, closingOn: values.closingOn }, actor, draft.requestVersion ?? 0)
      : await workflow.requests.create(
          { id: draft.submissionId, kind: 'close', pack: pack.id, unit: account.unit, requester, requiredRoles: roles, facts, details, accountId: account.id, decisionId: decision.decisionId, closingOn: values.closingOn },
          actor,
        );
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return sendNotice(context, 'Det här är redan skickat', 'Du har redan skickat begäran.', 'Good');
    if (error instanceof RequestError) return sendNotice(context, 'Begäran har redan ändrats', 'Inget nytt har skickats.', 'Warning');
    throw error;
  }
  const posted = await postApprovalCard(services, request);
  services.logger.info({ event: 'close_request_submitted', requestId: request.id, round: request.round, posted: posted.posted }, 'close request submitted');
  await sendCard(context, 'account.status', statusData({
    title: request.round > 1 ? 'Skickad igen för beslut' : 'Skickad för beslut',
    color: 'Good',
    text: posted.posted
      ? `${rolesText(roles)} får begäran i godkännandekanalen för ${account.unit}. Du får ett meddelande här när de har svarat.`
      : `Det finns ännu ingen godkännandekanal för ${account.unit}. Begäran är sparad och visas där så snart en administratör har valt kanal.`,
    facts: [
      { title: 'Konto', value: accountLabel(account) },
      { title: 'Föreslaget stängningsdatum', value: values.closingOn },
    ],
    steps: ['Vänta med att informera på kontot tills avslutet är beslutat. Sedan får du en checklista för resten.'],
    footnote: `Beslutsreferens: ${decision.decisionId.slice(0, 8)}`,
  }));
}

/** "Ändra och skicka igen" on a returned close request. */
export async function onResumeClose(context: TurnContext, state: AppTurnState, services: BotServices, request: AccountRequest): Promise<void> {
  const account = request.accountId ? await workflowOf(services).register.get(request.accountId) : undefined;
  if (!account) return sendNotice(context, 'Kontot finns inte längre i registret', 'Begäran kan inte ändras.', 'Warning');
  const reason = (request.details as { closingReason?: unknown }).closingReason;
  const today = isoDay(services.clock.now());
  const values = { closingReason: isClosingReason(reason) ? reason : '', closingOn: request.closingOn && request.closingOn >= today ? request.closingOn : suggestedClosingOn(today, closeNoticeDays(packOf(services, context, account))) };
  const draft: RequestDraft = { accountId: account.id, values, submissionId: randomUUID(), requestId: request.id, requestVersion: request.version };
  saveDraft(state, draft);
  const answers = await workflowOf(services).requests.answers(request.id);
  const returned = answers.find((a) => a.answer === 'returned');
  await sendRequest(context, services, account, draft, {}, returned ? `${returned.approver.name} (${returned.role}) skrev: ”${returned.comment ?? ''}”` : '');
}
