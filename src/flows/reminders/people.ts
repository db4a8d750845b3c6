import type { Kysely } from 'kysely';
import { AccountRegister, type Account } from '../../accounts';
import { ConversationReferences } from '../../db/conversation-references';
import type { CoreTables } from '../../db/tables';

/** Accounts of a pack that are still in use (active or being closed). */
export async function openAccounts(db: Kysely<CoreTables>, pack: string): Promise<Account[]> {
  return (await new AccountRegister(db).search({ pack })).filter((a) => a.status !== 'closed');
}

/** Owners and stand-ins of the pack's open accounts: the people who report. */
export async function reportingPeople(db: Kysely<CoreTables>, pack: string): Promise<string[]> {
  const people = new Set<string>();
  for (const account of await openAccounts(db, pack)) {
    people.add(account.owner.aadObjectId);
    if (account.standIn) people.add(account.standIn.aadObjectId);
  }
  return [...people];
}

/**
 * Splits people into those the bot can write to (a live personal chat) and those it cannot yet. A reminder is only
 * planned for someone reachable: the planners run every interval, so a person who opens the bot later in the month
 * is reminded then, instead of the job failing once for good with `no_reference`.
 */
export async function splitReachable(db: Kysely<CoreTables>, people: string[]): Promise<{ reachable: string[]; unreachable: string[] }> {
  const found = await new ConversationReferences(db).personalForMany(people);
  return { reachable: people.filter((p) => found.has(p)), unreachable: people.filter((p) => !found.has(p)) };
}
