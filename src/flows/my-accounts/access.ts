import type { Account } from '../../accounts';
import type { BotServices } from '../../bot/services';

/** The communications unit sees and exports the whole register (configuration, never card data). */
export function isCommunicationsUnit(services: BotServices, aadObjectId: string): boolean {
  return services.config.communicationsUnitUsers.includes(aadObjectId);
}

export function isResponsibleFor(account: Account, aadObjectId: string): boolean {
  return account.owner.aadObjectId === aadObjectId || account.standIn?.aadObjectId === aadObjectId;
}

/** Owner, stand-in and the communications unit may change who is responsible for an open account. */
export function mayEditPeople(services: BotServices, account: Account, aadObjectId: string): boolean {
  return account.status !== 'closed' && (isResponsibleFor(account, aadObjectId) || isCommunicationsUnit(services, aadObjectId));
}
