import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { BotServices } from '../../bot/services';
import { renderCard } from '../../cards/render';
import { ReminderJobs, type JobSpec, type ProactiveActivity, type ReminderJob, type ReminderRenderer } from '../../reminders';
import type { AccountRequest, ConflictReason, Person } from '../../requests';
import { remindsOnClosingDay } from '../close-account/reminder';
import { accountTitle } from './card-view';
import { isoDay } from './dates';
import { KIND_OBJECT } from './labels';
import { answerNotice } from './notify';
import { workflowOf } from './workflow';

/**
 * The approvals' outbox: the messages a decision sends are jobs in the durable reminder queue, written in the
 * decision's own transaction (ids only; the text is made when sent). Right after the commit they are sent here;
 * whatever is not delivered then stays in the queue, and the reminder worker sends it (retried, never lost).
 */
export const ANSWER_MESSAGE_KIND = 'request-answer';
export const CONFLICT_MESSAGE_KIND = 'request-conflict';

const LEASE_MS = 60_000;
const RETRY_AFTER_MS = 60_000;
const WORKER_ID = `outbox:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** The requester (and for a closure the account owner) hears about an answer: one message per answer and person. */
export function answerMessages(request: AccountRequest, role: string, now: Date): JobSpec[] {
  const owner = (request.details as { owner?: Person }).owner?.aadObjectId;
  const recipients = [request.requester.aadObjectId, request.kind === 'close' ? owner : undefined];
  return unique(recipients).map((aadObjectId) => ({
    idempotencyKey: `${ANSWER_MESSAGE_KIND}:${request.id}:${request.round}:${role}:${aadObjectId}`,
    kind: ANSWER_MESSAGE_KIND,
    target: { type: 'user', aadObjectId },
    payload: { requestId: request.id, round: request.round, role },
    dueAt: now,
  }));
}

/** The admins and the communications unit hear once per round and role that nobody without jäv can decide. */
export function conflictMessages(services: BotServices, request: AccountRequest, role: string, refused: string, reason: ConflictReason, now: Date): JobSpec[] {
  const recipients = [...services.config.adminUsers, ...services.config.communicationsUnitUsers];
  return unique(recipients).map((aadObjectId) => ({
    idempotencyKey: `${CONFLICT_MESSAGE_KIND}:${request.id}:${request.round}:${role}:${aadObjectId}`,
    kind: CONFLICT_MESSAGE_KIND,
    target: { type: 'user', aadObjectId },
    payload: { requestId: request.id, role, refused, reason },
    dueAt: now,
  }));
}

function unique(ids: (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

/** Writes the messages with the caller's transaction (or alone). Returns their keys for `sendOutbox`. */
export async function enqueueMessages(db: Kysely<any>, messages: JobSpec[]): Promise<string[]> {
  if (messages.length > 0) await new ReminderJobs(db).enqueue(messages);
  return messages.map((m) => m.idempotencyKey);
}

/** After the commit: sends each message nobody else holds; one that fails goes back to the queue for the worker. */
export async function sendOutbox(services: BotServices, keys: string[]): Promise<number> {
  const jobs = new ReminderJobs(services.database.db);
  const render = outboxRenderers(services);
  let sent = 0;
  for (const key of keys) {
    const now = services.clock.now();
    const job = await jobs.claimByKey(key, { workerId: WORKER_ID, now, leaseMs: LEASE_MS });
    if (!job) continue;
    let error = 'no_reference';
    try {
      const activity = await render[job.kind](job, undefined as never);
      const outcome = job.target.type === 'user' ? await services.notifier.sendToUser(job.target.aadObjectId, activity) : await services.notifier.sendToConversation(job.target.conversationId, activity);
      if (outcome.status === 'delivered' && (await jobs.markSent(job.id, WORKER_ID, services.clock.now()))) {
        sent += 1;
        continue;
      }
      if (outcome.status === 'dead') {
        // The notifier has marked the conversation dead; sending again cannot reach it.
        await jobs.markDead(job.id, WORKER_ID, `http_${outcome.httpStatus}`);
        services.logger.warn({ event: 'outbox_conversation_dead', jobId: job.id, kind: job.kind }, 'message not delivered: conversation gone');
        continue;
      }
      error = outcome.status;
    } catch (failure) {
      error = String((failure as { statusCode?: number }).statusCode ?? 'send_error');
    }
    await jobs.retryLater(job.id, WORKER_ID, new Date(services.clock.now().getTime() + RETRY_AFTER_MS), error);
    services.logger.warn({ event: 'outbox_send_deferred', jobId: job.id, kind: job.kind, error }, 'message left to the reminder worker');
  }
  return sent;
}

function message(card: ReturnType<typeof renderCard>, summary: string): ProactiveActivity {
  return { type: 'message', summary, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
}

async function requestOf(services: BotServices, job: ReminderJob): Promise<AccountRequest> {
  const request = await workflowOf(services).requests.get(String(job.payload.requestId ?? ''));
  if (!request) throw new Error('request of the message no longer exists');
  return request;
}

const CONFLICT_REASON_TEXT: Record<ConflictReason, string> = {
  requester: 'har själv begärt det',
  owner: 'är ansvarig för kontot',
  stand_in: 'är ersättare för kontot',
};

/** The outbox's messages, for the immediate send above and for the reminder worker (src/flows/reminders/renderers.ts). */
export function outboxRenderers(services: BotServices): Record<string, ReminderRenderer> {
  return {
    [ANSWER_MESSAGE_KIND]: async (job) => {
      let request = await requestOf(services, job);
      const round = Number(job.payload.round);
      const answers = await workflowOf(services).requests.answers(request.id, round);
      const latest = answers.find((a) => a.role === job.payload.role);
      if (!latest) throw new Error('answer of the message no longer exists');
      if (request.kind === 'close' && request.accountId) {
        const account = await workflowOf(services).register.get(request.accountId);
        if (account?.closingOn) request = { ...request, closingOn: account.closingOn };
      }
      const data = answerNotice(request, answers, latest, isoDay(services.clock.now()), remindsOnClosingDay(services, request.pack));
      return message(renderCard('account.status', data), data.title);
    },
    [CONFLICT_MESSAGE_KIND]: async (job) => {
      const request = await requestOf(services, job);
      const role = String(job.payload.role ?? '');
      const approvers = await workflowOf(services).approvers.forUnit(request.pack, request.unit);
      const refused = approvers.find((a) => a.aadObjectId === job.payload.refused)?.name ?? 'En godkännare';
      const reason = CONFLICT_REASON_TEXT[job.payload.reason as ConflictReason] ?? CONFLICT_REASON_TEXT.requester;
      const title = 'En begäran behöver en annan godkännare';
      const text =
        `${refused} ${reason} och får därför inte besluta om ${KIND_OBJECT[request.kind].replace(/^din /, 'en ')} ` +
        `(${accountTitle(request)}, ${request.unit}) enligt förvaltningslagen 16 § om jäv. ` +
        `Det finns ingen annan godkännare för ${role} i ${request.unit}. ` +
        'Lägg till en godkännare för rollen med kommandot "godkännare" i godkännandekanalen, så kan den personen besluta.';
      return message(renderCard('notice', { title, text, color: 'Warning' }), title);
    },
  };
}
