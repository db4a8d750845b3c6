import { Kysely, sql } from 'kysely';
import { toRequest, type RequestRow } from './rows';
import type { RequestTables } from './tables';
import type { AccountRequest } from './types';

/**
 * Approved requests to open or register an account that have no account in the register: what a crash or a
 * refused register write left before approval and register write were one transaction, or a hand-made row.
 */
export async function approvedWithoutAccount(db: Kysely<any>): Promise<{ checked: number; missing: AccountRequest[] }> {
  const typed = db as Kysely<RequestTables>;
  const checked = await sql<{ n: number | string }>`select count(*) as n from account_requests
    where status = 'approved' and kind in ('open', 'register')`.execute(typed);
  const rows = await sql<RequestRow>`select r.* from account_requests r
    where r.status = 'approved' and r.kind in ('open', 'register')
      and not exists (select 1 from accounts a where a.request_id = r.id)
    order by r.created_at, r.id`.execute(typed);
  return { checked: Number(checked.rows[0]?.n ?? 0), missing: rows.rows.map(toRequest) };
}

/** Links the account a repair made; replaces a link to an account that no longer exists. */
export async function relinkAccount(db: Kysely<any>, requestId: string, accountId: string): Promise<void> {
  await sql`update account_requests set account_id = ${accountId}, version = version + 1, updated_at = now()
    where id = ${requestId} and (account_id is null or not exists (select 1 from accounts a where a.id = account_requests.account_id))`.execute(db);
}
