import type { AccountInput, Person } from '../../accounts';
import type { BotServices } from '../../bot/services';
import type { AccountRequest } from '../../requests';
import { scheduleClosingReminder } from '../close-account/reminder';
import { isoDay } from './dates';
import { workflowOf } from './workflow';

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
 */
export async function completeApproved(services: BotServices, request: AccountRequest, actor: string): Promise<AccountRequest> {
  const workflow = workflowOf(services);
  const today = isoDay(services.clock.now());
  if (request.kind === 'close') {
    if (!request.accountId) return request;
    const closingOn = request.closingOn && request.closingOn > today ? request.closingOn : today;
    const account = await workflow.register.markClosing(request.accountId, closingOn, actor);
    if (closingOn > today) await scheduleClosingReminder(services, account);
    services.logger.info({ event: 'account_closing', requestId: request.id, accountId: account.id }, 'closure approved');
    return { ...request, closingOn };
  }
  const account = await workflow.register.add(accountInputOf(request, today), actor);
  await workflow.requests.linkAccount(request.id, account.id);
  services.logger.info({ event: 'account_registered', requestId: request.id, accountId: account.id, via: request.kind }, 'account registered');
  return { ...request, accountId: account.id };
}
