import { randomUUID } from 'node:crypto';
import { Kysely, sql, type Transaction } from 'kysely';
import { secretFields } from '../rules/secrets';
import { RequestError } from './errors';
import { concernedBy, conflictOf, type Concerned } from './conflict';
import { openRoles, roleToAnswer, statusFromAnswers } from './outcome';
import { toAnswer, toEvent, toRequest, type ApprovalRow, type EventRow, type RequestRow } from './rows';
import type { RequestTables } from './tables';
import type { AccountRequest, Answer, AnswerResult, ApprovalAnswer, NewRequest, Person, RequestEvent, RoleAlternatives } from './types';

/** A request row never holds a password: the card guard refuses them first, and this refuses what gets past it. */
function refuseSecrets(value: Record<string, unknown>): void {
  const fields = secretFields(value);
  if (fields.length > 0) throw new RequestError('request_invalid', `${fields.join(', ')} looks like a password`);
}

export interface AnswerInput {
  requestId: string;
  /** The round the pressed card showed; an older round is a stale card. */
  round: number;
  approver: Person;
  answer: Answer;
  comment?: string | null;
}

export interface Resubmission {
  facts: Record<string, unknown>;
  details: Record<string, unknown>;
  requiredRoles: string[];
  decisionId: string | null;
  unit?: string;
  closingOn?: string | null;
}

type Db = Kysely<RequestTables>;

/** Work that belongs to a recorded answer and commits with it, or not at all. */
export type RecordedWork = (trx: Transaction<any>, result: Extract<AnswerResult, { kind: 'recorded' }>) => Promise<void>;

/**
 * Requests and their approvals. Answering takes a row lock on the request, so two presses at the same moment are
 * decided one after the other: exactly one answer per role and round is recorded, and the rest learn why not.
 */
export class AccountRequests {
  private readonly db: Db;

  constructor(db: Kysely<any>) {
    this.db = db as Db;
  }

  /** `within` runs in the same transaction (an already approved request's register write). */
  async create(input: NewRequest, actor: string, within?: (trx: Transaction<any>, request: AccountRequest) => Promise<void>): Promise<AccountRequest> {
    refuseSecrets({ facts: input.facts, details: input.details });
    if (input.requiredRoles.length === 0 && input.status !== 'approved') {
      throw new RequestError('request_invalid', 'A request that needs approval must name at least one role');
    }
    const id = input.id ?? randomUUID();
    const status = input.status ?? 'pending';
    return this.db.transaction().execute(async (trx) => {
      const row = await sql<RequestRow>`
        insert into account_requests (id, kind, pack, unit, requester_aad, requester_name, status, required_roles, facts, details,
          account_id, decision_id, closing_on, decided_at)
        values (${id}, ${input.kind}, ${input.pack}, ${input.unit}, ${input.requester.aadObjectId}, ${input.requester.name}, ${status},
          ${JSON.stringify(input.requiredRoles)}::jsonb, ${JSON.stringify(input.facts)}::jsonb, ${JSON.stringify(input.details)}::jsonb,
          ${input.accountId ?? null}, ${input.decisionId ?? null}, ${input.closingOn ?? null}, ${status === 'approved' ? sql`now()` : null})
        returning *`.execute(trx);
      await addEvent(trx, id, actor, status === 'approved' ? 'registered' : 'submitted', 1, null, input.decisionId ?? null);
      const request = toRequest(row.rows[0]);
      if (within) await within(trx, request);
      return request;
    });
  }

  async get(id: string): Promise<AccountRequest | undefined> {
    const row = await sql<RequestRow>`select * from account_requests where id = ${id}`.execute(this.db);
    return row.rows[0] ? toRequest(row.rows[0]) : undefined;
  }

  async require(id: string): Promise<AccountRequest> {
    const request = await this.get(id);
    if (!request) throw new RequestError('request_not_found', `No request ${id}`);
    return request;
  }

  /** The answers of a round (default: the current one), in the order they were given. */
  async answers(id: string, round?: number): Promise<ApprovalAnswer[]> {
    return answersOf(this.db, id, round);
  }

  async events(id: string): Promise<RequestEvent[]> {
    const rows = await sql<EventRow>`select at, actor, event, round, role, decision_id, details from request_events
      where request_id = ${id} order by id`.execute(this.db);
    return rows.rows.map(toEvent);
  }

  async forRequester(aadObjectId: string): Promise<AccountRequest[]> {
    const rows = await sql<RequestRow>`select * from account_requests where requester_aad = ${aadObjectId}
      order by created_at desc`.execute(this.db);
    return rows.rows.map(toRequest);
  }

  /** Pending requests of a unit whose card has not reached a channel yet (no approval channel when they were sent). */
  async pendingWithoutCard(pack: string, unit: string): Promise<AccountRequest[]> {
    const rows = await sql<RequestRow>`select * from account_requests where pack = ${pack} and unit = ${unit}
      and status = 'pending' and channel_conversation_id is null order by created_at`.execute(this.db);
    return rows.rows.map(toRequest);
  }

  /** Open close requests for an account (at most one should be pending). */
  async openForAccount(accountId: string): Promise<AccountRequest[]> {
    const rows = await sql<RequestRow>`select * from account_requests where account_id = ${accountId}
      and kind = 'close' and status in ('pending', 'returned') order by created_at`.execute(this.db);
    return rows.rows.map(toRequest);
  }

  /**
   * Records one press. Who may answer is read here, inside the transaction, from the approvers table: never from
   * the card. The request row is locked first, so concurrent presses see each other's answers. `within` runs in
   * the same transaction after a recorded answer (the register write, the outbox): if it throws, nothing is kept.
   */
  async answer(input: AnswerInput, within?: RecordedWork): Promise<AnswerResult> {
    const comment = input.comment?.trim() ? input.comment.trim() : null;
    refuseSecrets({ comment });
    try {
      return await this.db.transaction().execute(async (trx) => {
        const result = await this.answerIn(trx, input, comment);
        if (result.kind === 'recorded' && within) await within(trx, result);
        return result;
      });
    } catch (error) {
      // Two presses racing past the lock can only happen without it (it is always taken); the unique keys still
      // refuse the second, and the caller gets the same answer as if it had waited.
      if (isUniqueViolation(error)) {
        const request = await this.require(input.requestId);
        const answers = await this.answers(request.id);
        const mine = answers.find((a) => a.approver.aadObjectId === input.approver.aadObjectId);
        if (mine) return { kind: 'already_answered', role: mine.role, request, answers };
        return { kind: 'role_taken', roles: [], request, answers };
      }
      throw error;
    }
  }

  private async answerIn(trx: Transaction<RequestTables>, input: AnswerInput, comment: string | null): Promise<AnswerResult> {
    const locked = await sql<RequestRow>`select * from account_requests where id = ${input.requestId} for update`.execute(trx);
    if (!locked.rows[0]) throw new RequestError('request_not_found', `No request ${input.requestId}`);
    const request = toRequest(locked.rows[0]);
    const answers = await answersOf(trx, request.id, request.round);
    const held = await rolesHeld(trx, request.pack, request.unit, input.approver.aadObjectId);
    const mayAnswer = held.some((role) => request.requiredRoles.includes(role));

    if (!mayAnswer) {
      await addEvent(trx, request.id, input.approver.aadObjectId, 'refused_not_approver', request.round, null, null);
      return { kind: 'not_approver', request, answers };
    }
    const concerned = concernedBy(request, await accountPeople(trx, request.accountId));
    const conflict = conflictOf(concerned, input.approver.aadObjectId);
    if (conflict) {
      const alternatives = await alternativesFor(trx, request, answers, held, concerned);
      await addEvent(trx, request.id, input.approver.aadObjectId, 'refused_conflict_of_interest', request.round, null, null, { reason: conflict });
      return { kind: 'conflict_of_interest', reason: conflict, alternatives, request, answers };
    }
    // A second press by someone who answered this round: their first answer stands, whatever happened since.
    const mine = input.round === request.round ? answers.find((a) => a.approver.aadObjectId === input.approver.aadObjectId) : undefined;
    if (mine) {
      await addEvent(trx, request.id, input.approver.aadObjectId, 'refused_already_answered', request.round, mine.role, null);
      return { kind: 'already_answered', role: mine.role, request, answers };
    }
    if (request.status !== 'pending' || input.round !== request.round) {
      await addEvent(trx, request.id, input.approver.aadObjectId, 'refused_stale', request.round, null, null, { cardRound: input.round });
      return { kind: 'stale', request, answers };
    }
    const role = roleToAnswer(request.requiredRoles, answers, held);
    if (!role) {
      const roles = held.filter((r) => request.requiredRoles.includes(r));
      await addEvent(trx, request.id, input.approver.aadObjectId, 'refused_role_taken', request.round, roles[0] ?? null, null);
      return { kind: 'role_taken', roles, request, answers };
    }

    await sql`insert into request_approvals (request_id, round, role, approver_aad, approver_name, answer, comment)
      values (${request.id}, ${request.round}, ${role}, ${input.approver.aadObjectId}, ${input.approver.name}, ${input.answer}, ${comment})`.execute(trx);
    const after = await answersOf(trx, request.id, request.round);
    const status = statusFromAnswers(request.requiredRoles, after);
    const final = status !== 'pending';
    const updated = await sql<RequestRow>`
      update account_requests set status = ${status}, version = version + 1, updated_at = now(),
        decided_at = ${final ? sql`now()` : null}
      where id = ${request.id} and version = ${request.version}
      returning *`.execute(trx);
    if (!updated.rows[0]) throw new RequestError('request_conflict', `Request ${request.id} changed while it was locked`);
    await addEvent(trx, request.id, input.approver.aadObjectId, input.answer, request.round, role, null);
    if (final) await addEvent(trx, request.id, input.approver.aadObjectId, status, request.round, null, null);
    return { kind: 'recorded', role, request: toRequest(updated.rows[0]), answers: after, final };
  }

  /** The logged decision that went with an answer. */
  async attachDecision(requestId: string, round: number, role: string, decisionId: string): Promise<void> {
    await sql`update request_approvals set decision_id = ${decisionId}
      where request_id = ${requestId} and round = ${round} and role = ${role}`.execute(this.db);
  }

  /** The requester sends a returned request in again, edited: a new round with no answers. */
  async resubmit(id: string, change: Resubmission, actor: string, expectedVersion: number): Promise<AccountRequest> {
    refuseSecrets({ facts: change.facts, details: change.details });
    return this.db.transaction().execute(async (trx) => {
      const current = await lockedRequest(trx, id);
      if (current.requester.aadObjectId !== actor) throw new RequestError('request_invalid', 'Only the requester may send a request in again');
      if (current.status !== 'returned') throw new RequestError('request_conflict', `Request ${id} is ${current.status}, not returned`);
      if (current.version !== expectedVersion) throw new RequestError('request_conflict', `Request ${id} has version ${current.version}`);
      const row = await sql<RequestRow>`
        update account_requests set status = 'pending', round = round + 1, version = version + 1, updated_at = now(),
          facts = ${JSON.stringify(change.facts)}::jsonb, details = ${JSON.stringify(change.details)}::jsonb,
          required_roles = ${JSON.stringify(change.requiredRoles)}::jsonb, decision_id = ${change.decisionId},
          unit = ${change.unit ?? current.unit}, closing_on = ${change.closingOn === undefined ? current.closingOn : change.closingOn},
          channel_conversation_id = null, card_activity_id = null, decided_at = null
        where id = ${id} returning *`.execute(trx);
      const request = toRequest(row.rows[0]);
      await addEvent(trx, id, actor, 'resubmitted', request.round, null, change.decisionId);
      return request;
    });
  }

  /** The requester gives up a returned or pending request. */
  async withdraw(id: string, actor: string, expectedVersion: number): Promise<AccountRequest> {
    return this.db.transaction().execute(async (trx) => {
      const current = await lockedRequest(trx, id);
      if (current.requester.aadObjectId !== actor) throw new RequestError('request_invalid', 'Only the requester may withdraw a request');
      if (current.status !== 'returned' && current.status !== 'pending') {
        throw new RequestError('request_conflict', `Request ${id} is ${current.status}`);
      }
      if (current.version !== expectedVersion) throw new RequestError('request_conflict', `Request ${id} has version ${current.version}`);
      const row = await sql<RequestRow>`update account_requests set status = 'withdrawn', version = version + 1, updated_at = now(),
        decided_at = now() where id = ${id} returning *`.execute(trx);
      await addEvent(trx, id, actor, 'withdrawn', current.round, null, null);
      return toRequest(row.rows[0]);
    });
  }

  /** Where the approval card of the current round was posted, so it can be updated for everyone later. */
  async setCard(id: string, conversationId: string, activityId: string | null): Promise<void> {
    await sql`update account_requests set channel_conversation_id = ${conversationId},
      card_activity_id = coalesce(${activityId}, card_activity_id), updated_at = now() where id = ${id}`.execute(this.db);
  }

  /**
   * Links the account an approved request produced (or the close request's account). Only the first call sets it,
   * so a retry after a crash cannot link a second account; returns false when it was already set.
   */
  async linkAccount(id: string, accountId: string): Promise<boolean> {
    const row = await sql`update account_requests set account_id = ${accountId}, version = version + 1, updated_at = now()
      where id = ${id} and account_id is null returning id`.execute(this.db);
    return row.rows.length === 1;
  }

  async recordEvent(requestId: string, actor: string, event: string, details: Record<string, unknown> = {}, decisionId: string | null = null): Promise<void> {
    const request = await this.require(requestId);
    await addEvent(this.db, requestId, actor, event, request.round, null, decisionId, details);
  }
}

async function lockedRequest(trx: Transaction<RequestTables>, id: string): Promise<AccountRequest> {
  const row = await sql<RequestRow>`select * from account_requests where id = ${id} for update`.execute(trx);
  if (!row.rows[0]) throw new RequestError('request_not_found', `No request ${id}`);
  return toRequest(row.rows[0]);
}

async function answersOf(db: Kysely<RequestTables>, id: string, round?: number): Promise<ApprovalAnswer[]> {
  const rows = await sql<ApprovalRow>`
    select a.round, a.role, a.approver_aad, a.approver_name, a.answer, a.comment, a.decision_id, a.at
    from request_approvals a join account_requests r on r.id = a.request_id
    where a.request_id = ${id} and a.round = ${round ?? sql`r.round`}
    order by a.id`.execute(db);
  return rows.rows.map(toAnswer);
}

/** The account's owner and stand-in as the register holds them now (a close request's account may have changed hands). */
async function accountPeople(db: Kysely<RequestTables>, accountId: string | null): Promise<{ owner: string | null; standIn: string | null } | undefined> {
  if (!accountId) return undefined;
  const rows = await sql<{ owner_aad_object_id: string; stand_in_aad_object_id: string | null }>`
    select owner_aad_object_id, stand_in_aad_object_id from accounts where id = ${accountId}`.execute(db);
  const row = rows.rows[0];
  return row ? { owner: row.owner_aad_object_id, standIn: row.stand_in_aad_object_id } : undefined;
}

/**
 * For each role the refused person holds (open roles first): the other approvers of the unit who may answer for it,
 * i.e. not concerned by the request and not already answering in this round.
 */
async function alternativesFor(db: Kysely<RequestTables>, request: AccountRequest, answers: ApprovalAnswer[], held: string[], concerned: Concerned): Promise<RoleAlternatives[]> {
  const open = openRoles(request.requiredRoles, answers).filter((role) => held.includes(role));
  const roles = open.length > 0 ? open : held.filter((role) => request.requiredRoles.includes(role));
  const answered = new Set(answers.map((a) => a.approver.aadObjectId));
  const rows = await sql<{ role: string; aad_object_id: string; name: string }>`select role, aad_object_id, name from approvers
    where pack = ${request.pack} and unit = ${request.unit} order by name, id`.execute(db);
  return roles.map((role) => ({
    role,
    people: rows.rows
      .filter((r) => r.role === role && !answered.has(r.aad_object_id) && !conflictOf(concerned, r.aad_object_id))
      .map((r) => ({ aadObjectId: r.aad_object_id, name: r.name })),
  }));
}

async function rolesHeld(db: Kysely<RequestTables>, pack: string, unit: string, aadObjectId: string): Promise<string[]> {
  const rows = await sql<{ role: string }>`select role from approvers
    where pack = ${pack} and unit = ${unit} and aad_object_id = ${aadObjectId} order by id`.execute(db);
  return rows.rows.map((r) => r.role);
}

async function addEvent(
  db: Kysely<RequestTables>,
  requestId: string,
  actor: string,
  event: string,
  round: number,
  role: string | null,
  decisionId: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await sql`insert into request_events (request_id, actor, event, round, role, decision_id, details)
    values (${requestId}, ${actor}, ${event}, ${round}, ${role}, ${decisionId}, ${JSON.stringify(details)}::jsonb)`.execute(db);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}
