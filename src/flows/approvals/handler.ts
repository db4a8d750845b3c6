import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { BotServices } from '../../bot/services';
import { actorOf } from '../../bot/tenancy';
import type { AdaptiveCard } from '../../cards/render';
import type { LoadedPack } from '../../rules';
import type { DecisionName } from '../../rules';
import { type AccountRequest, type Answer, type AnswerResult, type ApprovalAnswer, type Person } from '../../requests';
import { approvalCard, pendingApprovers, type Notice } from './card-view';
import { completeApproved } from './complete';
import { isoDay } from './dates';
import { remindsOnClosingDay } from '../close-account/reminder';
import { ANSWER_LABEL, STATUS_LABEL } from './labels';
import { answerNotice, notifyPeople } from './notify';
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

function refusalNotice(result: Exclude<AnswerResult, { kind: 'recorded' }>, cardRound: number): Notice {
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

async function afterRecorded(context: TurnContext, services: BotServices, result: Extract<AnswerResult, { kind: 'recorded' }>, answer: Answer): Promise<AccountRequest> {
  let request = result.request;
  await logStep(services, services.packs.get(request.pack), request, context, result.role);
  if (result.final && request.status === 'approved') {
    try {
      request = await completeApproved(services, request, actorOf(context));
    } catch (error) {
      services.logger.error({ event: 'approval_completion_failed', requestId: request.id, code: (error as { code?: string }).code, message: (error as Error).message }, 'approved request not completed');
    }
  }
  const latest = result.answers.find((a) => a.role === result.role) as ApprovalAnswer;
  const notice = answerNotice(request, result.answers, latest, isoDay(services.clock.now()), remindsOnClosingDay(services, request.pack));
  const owner = (request.details as { owner?: Person }).owner?.aadObjectId;
  await notifyPeople(services, [request.requester.aadObjectId, request.kind === 'close' ? owner : undefined], notice);
  services.logger.info({ event: 'approval_recorded', requestId: request.id, round: request.round, answer, status: request.status }, 'approval answer recorded');
  return request;
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

  const result = await workflow.requests.answer({ requestId, round, approver: viewer, answer, comment });
  if (result.kind !== 'recorded') {
    services.logger.warn({ event: 'approval_refused', reason: result.kind, requestId, round }, 'approval press refused');
    await updateForEveryone(context, services, result.request, Math.min(round, result.request.round));
    return respond(context, await viewFor(services, result.request, viewer, Math.min(round, result.request.round), { notice: refusalNotice(result, round), commentDraft: comment }));
  }
  const decided = await afterRecorded(context, services, result, answer);
  await updateForEveryone(context, services, decided, round);
  return respond(context, await viewFor(services, decided, viewer, round, { notice: recordedNotice(result.role, answer, decided) }));
}
