import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { BotServices } from '../../bot/services';
import { actorOf } from '../../bot/tenancy';
import type { AdaptiveCard } from '../../cards/render';
import type { LoadedPack } from '../../rules';
import type { DecisionName } from '../../rules';
import { type AccountRequest, type Answer, type AnswerResult, type Person } from '../../requests';
import { approvalCard, pendingApprovers, type Notice } from './card-view';
import { AccountError } from '../../accounts';
import { completeAnswer } from './complete';
import { conflictNotice, rolesWithoutAlternative } from './conflict-notice';
import { ANSWER_LABEL, STATUS_LABEL } from './labels';
import { conflictMessages, enqueueMessages, sendOutbox } from './outbox';
import { APPROVAL_VERBS } from './verbs';
import { refusedFields, SECRET_REFUSED } from '../../cards/submit-guard';
import { workflowOf } from './workflow';

const MAX_COMMENT = 1000;

export const actionDataSchema = z.object({
  requestId: z.string().min(1).max(100),
  round: z.coerce.number().int().min(1).max(10_000),
  comment: z.string().max(MAX_COMMENT * 2).optional(),
});

const VERB_ANSWER: Record<string, Answer> = {
  [APPROVAL_VERBS.approve]: 'approved',
  [APPROVAL_VERBS.reject]: 'rejected',
  [APPROVAL_VERBS.sendBack]: 'returned',
};

export function decisionOf(request: Pick<AccountRequest, 'kind'>): DecisionName {
  return request.kind === 'close' ? 'close-account' : 'open-account';
}

async function respond(context: TurnContext, card: AdaptiveCard | string): Promise<void> {
  const body =
    typeof card === 'string'
      ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: card }
      : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

function personOf(context: TurnContext): Person {
  return { aadObjectId: actorOf(context), name: context.activity.from?.name?.trim() || 'Okänd person' };
}

/** The card as this person should see it: with buttons only when they hold a role that still waits for an answer. */
async function viewFor(services: BotServices, request: AccountRequest, viewer: Person, round: number, extra: { notice?: Notice; commentDraft?: string; commentError?: string } = {}): Promise<AdaptiveCard> {
  const workflow = workflowOf(services);
  const answers = await workflow.requests.answers(request.id, round);
  const approvers = await workflow.approvers.forUnit(request.pack, request.unit);
  const pending = pendingApprovers(request, answers, approvers);
  const mine = round === request.round ? pending.find((a) => a.aadObjectId === viewer.aadObjectId) : undefined;
  return approvalCard(request, answers, { round, approverRole: mine?.role, refreshFor: pending, ...extra });
}

/** The card everybody sees in the channel (no buttons), with the refresh that gives approvers theirs. */
async function baseCard(services: BotServices, request: AccountRequest, round: number): Promise<AdaptiveCard> {
  return viewFor(services, request, { aadObjectId: '', name: '' }, round);
}

/** Replaces the channel message for everyone. The activity id comes from Teams with the press. */
async function updateForEveryone(context: TurnContext, services: BotServices, request: AccountRequest, round: number): Promise<void> {
  const activityId = context.activity.replyToId;
  if (!activityId) return;
  try {
    const card = await baseCard(services, request, round);
    await context.updateActivity({ type: ActivityTypes.Message, id: activityId, attachments: [CardFactory.adaptiveCard(card)] });
    if (round === request.round) await workflowOf(services).requests.setCard(request.id, context.activity.conversation.id.split(';messageid=')[0], activityId);
  } catch (error) {
    services.logger.warn({ event: 'approval_card_update_failed', status: (error as { statusCode?: number }).statusCode }, 'approval card not updated');
  }
}

function refusalNotice(result: Exclude<AnswerResult, { kind: 'recorded' | 'conflict_of_interest' }>, cardRound: number): Notice {
  switch (result.kind) {
    case 'not_approver':
      return { style: 'attention', text: `Du kan inte besluta om den här begäran – du är inte godkännare för ${result.request.unit}. Inget har registrerats.` };
    case 'already_answered':
      return { style: 'warning', text: `Du har redan svarat som ${result.role}. Ditt första svar gäller.` };
    case 'role_taken': {
      const taken = result.answers.find((a) => result.roles.includes(a.role));
      return {
        style: 'warning',
        text: taken
          ? `${taken.approver.name} hann svara som ${taken.role} före dig (${ANSWER_LABEL[taken.answer].toLowerCase()}). Ditt klick registrerades inte.`
          : 'Någon annan hann svara för din roll före dig. Ditt klick registrerades inte.',
      };
    }
    case 'stale':
    default:
      if (cardRound < result.request.round) return { style: 'warning', text: 'Det här kortet gäller en äldre version av begäran. Svara på det senaste kortet i kanalen. Inget har registrerats.' };
      return { style: 'warning', text: `Begäran är redan avgjord (${STATUS_LABEL[result.request.status].toLowerCase()}). Ditt klick registrerades inte.` };
  }
}

function recordedNotice(role: string, answer: Answer, request: AccountRequest): Notice {
  if (answer === 'approved') {
    return { style: 'good', text: request.status === 'approved' ? `Du godkände som ${role}. Begäran är godkänd.` : `Du godkände som ${role}. Nu väntar vi på övriga roller.` };
  }
  if (answer === 'rejected') return { style: 'attention', text: `Du avslog begäran som ${role}. ${request.requester.name} har fått besked.` };
  return { style: 'warning', text: `Du skickade tillbaka begäran som ${role}. ${request.requester.name} har fått din kommentar.` };
}

/** Logs the step as a decision: the request's facts evaluated again by the pack, with the approver as actor. */
async function logStep(services: BotServices, pack: LoadedPack | undefined, request: AccountRequest, context: TurnContext, role: string): Promise<void> {
  if (!pack) return;
  try {
    const decision = await services.decisions.decide(pack.id, decisionOf(request), request.facts, {
      actor: actorOf(context),
      conversationId: context.activity.conversation?.id,
    });
    await workflowOf(services).requests.attachDecision(request.id, request.round, role, decision.decisionId);
  } catch (error) {
    services.logger.error({ event: 'approval_decision_log_failed', requestId: request.id, code: (error as { code?: string }).code }, 'approval step not logged as a decision');
  }
}

/** After the commit: the step goes to the decision log and the outbox's messages are sent. */
async function afterRecorded(context: TurnContext, services: BotServices, result: Extract<AnswerResult, { kind: 'recorded' }>, completed: Completed): Promise<AccountRequest> {
  await logStep(services, services.packs.get(result.request.pack), result.request, context, result.role);
  await sendOutbox(services, completed.messages);
  const request = completed.request;
  const answer = result.answers.find((a) => a.role === result.role)?.answer;
  services.logger.info({ event: 'approval_recorded', requestId: request.id, round: request.round, answer, status: request.status }, 'approval answer recorded');
  return request;
}

/** Jäv: the refusal is in the request's events (written with it); nobody else can decide a role → the admins are told. */
async function onConflict(services: BotServices, result: Extract<AnswerResult, { kind: 'conflict_of_interest' }>, actor: string): Promise<Notice> {
  const { request } = result;
  const uncovered = rolesWithoutAlternative(result.alternatives);
  const now = services.clock.now();
  const messages = uncovered.flatMap((role) => conflictMessages(services, request, role, actor, result.reason, now));
  await sendOutbox(services, await enqueueMessages(services.database.db, messages));
  services.logger.warn(
    { event: 'approval_refused_conflict_of_interest', requestId: request.id, round: request.round, reason: result.reason, rolesWithoutAlternative: uncovered.length },
    'approval press refused: conflict of interest',
  );
  return conflictNotice(result.reason, result.alternatives, request.unit, messages.length > 0);
}

type Completed = { request: AccountRequest; messages: string[] };

/** The register refused what the request holds: the answer is rolled back, and the approver can send it back. */
function registerRefusedNotice(error: AccountError): Notice {
  const text =
    error.code === 'invalid_input' || error.code === 'password_like'
      ? 'Begäran kan inte godkännas ännu: uppgifterna går inte att spara i kontoregistret. Skicka tillbaka begäran med en kommentar, så kan den sökande rätta uppgifterna.'
      : 'Begäran kan inte godkännas: kontot har ändrats i kontoregistret (det kan redan vara avslutat).';
  return { style: 'attention', text: `${text} Inget har registrerats.` };
}

/** One press of Godkänn / Avslå / Skicka tillbaka, or a refresh, on an approval card. */
export async function handleApprovalAction(context: TurnContext, services: BotServices, verb: string, data: unknown): Promise<void> {
  const parsed = actionDataSchema.safeParse(data);
  if (!parsed.success) {
    services.logger.warn({ event: 'card_invalid', verb }, 'approval card data invalid');
    return respond(context, 'Kortet saknar uppgifter om vilken begäran det gäller. Inget har registrerats.');
  }
  const { requestId, round } = parsed.data;
  const workflow = workflowOf(services);
  await workflow.ready;
  const viewer = personOf(context);
  const teamsUserId = context.activity.from?.id;
  if (context.activity.from?.aadObjectId && teamsUserId) await workflow.approvers.learnTeamsUserId(viewer.aadObjectId, teamsUserId);

  const request = await workflow.requests.get(requestId);
  if (!request) return respond(context, 'Den här begäran finns inte längre. Inget har registrerats.');
  if (verb === APPROVAL_VERBS.refresh) return respond(context, await viewFor(services, request, viewer, Math.min(round, request.round)));

  const answer = VERB_ANSWER[verb];
  const comment = (parsed.data.comment ?? '').trim().slice(0, MAX_COMMENT);
  if (refusedFields(context).has('comment')) return respond(context, await viewFor(services, request, viewer, round, { commentError: SECRET_REFUSED }));
  if (answer === 'returned' && !comment) {
    return respond(context, await viewFor(services, request, viewer, round, { commentError: 'Skriv en kommentar om vad som behöver ändras innan du skickar tillbaka.' }));
  }

  let completed: Completed | undefined;
  let result: AnswerResult;
  try {
    result = await workflow.requests.answer({ requestId, round, approver: viewer, answer, comment }, async (trx, recorded) => {
      completed = await completeAnswer(services, trx, recorded, viewer.aadObjectId);
    });
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    services.logger.error({ event: 'approval_register_refused', requestId, round, code: error.code, fields: error.issues?.map((i) => i.field) }, 'approval rolled back: the register refused the account');
    return respond(context, await viewFor(services, request, viewer, round, { notice: registerRefusedNotice(error), commentDraft: comment }));
  }
  if (result.kind === 'conflict_of_interest') {
    const notice = await onConflict(services, result, viewer.aadObjectId);
    return respond(context, await viewFor(services, result.request, viewer, Math.min(round, result.request.round), { notice, commentDraft: comment }));
  }
  if (result.kind !== 'recorded') {
    services.logger.warn({ event: 'approval_refused', reason: result.kind, requestId, round }, 'approval press refused');
    await updateForEveryone(context, services, result.request, Math.min(round, result.request.round));
    return respond(context, await viewFor(services, result.request, viewer, Math.min(round, result.request.round), { notice: refusalNotice(result, round), commentDraft: comment }));
  }
  const decided = await afterRecorded(context, services, result, completed as Completed);
  await updateForEveryone(context, services, decided, round);
  return respond(context, await viewFor(services, decided, viewer, round, { notice: recordedNotice(result.role, answer, decided) }));
}
