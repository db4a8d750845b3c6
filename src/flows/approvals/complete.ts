import type { Kysely } from 'kysely';
import { AccountRegister, type AccountInput, type Person } from '../../accounts';
import type { BotServices } from '../../bot/services';
import { AccountRequests, type AccountRequest } from '../../requests';
import { scheduleClosingReminder } from '../close-account/reminder';
import { isoDay } from './dates';
import { answerMessages, enqueueMessages } from './outbox';

type Details = {
  platform: string;
  accountName: string;
  url: string | null;
  accountType: 'official' | 'pedagogical';
  purpose: string;
  goals: string[];
  audiences: string[];
  owner: Person;
  standIn: Person | null;
  credentialsLocation: string;
  endDate: string | null;
  openedOn: string | null;
};

/** The register entry an open or register request describes. */
export function accountInputOf(request: AccountRequest, today: string): AccountInput {
  const d = request.details as Details;
  return {
    pack: request.pack,
    unit: request.unit,
    platform: d.platform,
    accountName: d.accountName,
    url: d.url,
    accountType: d.accountType,
    purpose: d.purpose,
    goals: d.goals,
    audiences: d.audiences,
    owner: d.owner,
    standIn: d.standIn,
    credentialsLocation: d.credentialsLocation,
    endDate: d.endDate,
    registeredVia: request.kind === 'register' ? 'existing' : 'application',
    requestId: request.id,
    openedOn: d.openedOn ?? today,
    facts: request.facts,
  };
}

/**
 * What an approved request does: a new or existing account enters the register (once per request, however often
 * this runs), an approved closure marks the account as closing and plans the reminder for the closing date.
 * `db`: the approval's transaction, so that the approval and its register write commit together or not at all.
 */
export async function completeApproved(services: BotServices, request: AccountRequest, actor: string, db: Kysely<any> = services.database.db): Promise<AccountRequest> {
  const register = new AccountRegister(db);
  const today = isoDay(services.clock.now());
  if (request.kind === 'close') {
    if (!request.accountId) return request;
    const closingOn = request.closingOn && request.closingOn > today ? request.closingOn : today;
    const account = await register.markClosing(request.accountId, closingOn, actor);
    if (closingOn > today) await scheduleClosingReminder(services, account, db);
    services.logger.info({ event: 'account_closing', requestId: request.id, accountId: account.id }, 'closure approved');
    return { ...request, closingOn };
  }
  const account = await register.add(accountInputOf(request, today), actor);
  await new AccountRequests(db).linkAccount(request.id, account.id);
  services.logger.info({ event: 'account_registered', requestId: request.id, accountId: account.id, via: request.kind }, 'account registered');
  return { ...request, accountId: account.id };
}

/**
 * The unit of work of one recorded answer, inside the answer's transaction: an approved request's register write
 * and the messages the answer sends. A failure rolls the answer back with it. Returns the request as completed and
 * the keys of the messages to send after the commit.
 */
export async function completeAnswer(
  services: BotServices,
  trx: Kysely<any>,
  result: { request: AccountRequest; role: string; final: boolean },
  actor: string,
): Promise<{ request: AccountRequest; messages: string[] }> {
  const request = result.final && result.request.status === 'approved' ? await completeApproved(services, result.request, actor, trx) : result.request;
  const messages = await enqueueMessages(trx, answerMessages(request, result.role, services.clock.now()));
  return { request, messages };
}
