import { randomUUID } from 'node:crypto';
import { Kysely, sql, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import { AccountError } from './errors';
import type { AccountTables } from './tables';
import type {
  Account,
  AccountChange,
  AccountFilter,
  AccountHistoryEntry,
  AccountInput,
  AccountReport,
  AccountStatus,
  Person,
} from './types';
import { validateAccountInput, validateDate, validatePerson } from './validate';

/** A row as the register's queries read it: dates come back as text (see COLUMNS), timestamps as either. */
type AccountRow = Omit<Selectable<AccountTables['accounts']>, 'created_at' | 'updated_at'> & {
  created_at: Date | string;
  updated_at: Date | string;
};

// Dates are read as text so that no time zone can move them a day.
const COLUMNS = sql.raw(`id, pack, unit, platform, account_name, url, account_type, purpose, goals, audiences,
  owner_aad_object_id, owner_name, stand_in_aad_object_id, stand_in_name, credentials_location,
  end_date::text as end_date, registered_via, request_id, opened_on::text as opened_on, facts, status,
  closing_on::text as closing_on, closed_on::text as closed_on, created_at, updated_at, version`);

// Open accounts first, then by unit and name, so lists read the same everywhere.
const ORDER = sql.raw(`(status = 'closed'), unit, lower(account_name), id`);

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    pack: row.pack,
    unit: row.unit,
    platform: row.platform,
    accountName: row.account_name,
    url: row.url,
    accountType: row.account_type,
    purpose: row.purpose,
    goals: (json(row.goals) as string[]) ?? [],
    audiences: (json(row.audiences) as string[]) ?? [],
    owner: { aadObjectId: row.owner_aad_object_id, name: row.owner_name },
    standIn: row.stand_in_aad_object_id ? { aadObjectId: row.stand_in_aad_object_id, name: row.stand_in_name ?? '' } : null,
    credentialsLocation: row.credentials_location,
    endDate: row.end_date,
    registeredVia: row.registered_via,
    requestId: row.request_id,
    openedOn: row.opened_on,
    facts: (json(row.facts) as Record<string, unknown>) ?? {},
    status: row.status,
    closingOn: row.closing_on,
    closedOn: row.closed_on,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: Number(row.version),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The account register: accounts, their responsible persons and their history, on PGlite and PostgreSQL.
 * No Teams types here; the flows turn cards into calls.
 */
export class AccountRegister {
  private readonly db: Kysely<AccountTables>;

  constructor(db: Kysely<any>) {
    this.db = db as Kysely<AccountTables>;
  }

  /**
   * Enters an account. Adding again with a `requestId` that is already registered returns the account
   * registered first (an approval replayed or decided twice registers the account once).
   */
  async add(input: AccountInput, actor: string): Promise<Account> {
    const valid = validateAccountInput(input);
    return this.inTransaction(async (trx) => {
      const inserted = await sql<AccountRow>`
        insert into accounts (id, pack, unit, platform, account_name, url, account_type, purpose, goals, audiences,
          owner_aad_object_id, owner_name, stand_in_aad_object_id, stand_in_name, credentials_location, end_date,
          registered_via, request_id, opened_on, facts)
        values (${randomUUID()}, ${valid.pack}, ${valid.unit}, ${valid.platform}, ${valid.accountName}, ${valid.url ?? null},
          ${valid.accountType}, ${valid.purpose}, ${JSON.stringify(valid.goals)}::jsonb, ${JSON.stringify(valid.audiences)}::jsonb,
          ${valid.owner.aadObjectId}, ${valid.owner.name}, ${valid.standIn?.aadObjectId ?? null}, ${valid.standIn?.name ?? null},
          ${valid.credentialsLocation}, ${valid.endDate ?? null}::date, ${valid.registeredVia}, ${valid.requestId ?? null},
          ${valid.openedOn}::date, ${JSON.stringify(valid.facts)}::jsonb)
        on conflict (request_id) where request_id is not null do nothing
        returning ${COLUMNS}`.execute(trx);
      if (inserted.rows.length === 0) {
        const existing = await sql<AccountRow>`select ${COLUMNS} from accounts where request_id = ${valid.requestId ?? null}`.execute(trx);
        return toAccount(existing.rows[0]);
      }
      const account = toAccount(inserted.rows[0]);
      await record(trx, account.id, actor, 'added', {
        registeredVia: account.registeredVia,
        requestId: account.requestId ?? null,
        openedOn: account.openedOn,
      });
      return account;
    });
  }

  /**
   * Runs in the caller's transaction when the register was made on one (an approval and its register write are
   * one unit of work), else in a transaction of its own.
   */
  private inTransaction<T>(work: (trx: Transaction<AccountTables>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db as Transaction<AccountTables>) : this.db.transaction().execute(work);
  }

  async get(id: string): Promise<Account | undefined> {
    const found = await sql<AccountRow>`select ${COLUMNS} from accounts where id = ${id}`.execute(this.db);
    return found.rows[0] ? toAccount(found.rows[0]) : undefined;
  }

  /** The accounts a person owns or stands in for, open ones first. */
  async forPerson(aadObjectId: string): Promise<Account[]> {
    const found = await sql<AccountRow>`
      select ${COLUMNS} from accounts
      where owner_aad_object_id = ${aadObjectId} or stand_in_aad_object_id = ${aadObjectId}
      order by ${ORDER}`.execute(this.db);
    return found.rows.map(toAccount);
  }

  async search(filter: AccountFilter): Promise<Account[]> {
    const conditions: RawBuilder<unknown>[] = [sql`true`];
    if (filter.pack) conditions.push(sql`pack = ${filter.pack}`);
    if (filter.unit) conditions.push(sql`unit = ${filter.unit}`);
    if (filter.platform) conditions.push(sql`lower(platform) = lower(${filter.platform})`);
    if (filter.status) conditions.push(sql`status = ${filter.status}`);
    const text = filter.text?.trim();
    if (text) {
      const pattern = `%${escapeLike(text)}%`;
      conditions.push(sql`(account_name ilike ${pattern} or coalesce(url, '') ilike ${pattern} or platform ilike ${pattern}
        or unit ilike ${pattern} or owner_name ilike ${pattern} or coalesce(stand_in_name, '') ilike ${pattern})`);
    }
    const found = await sql<AccountRow>`
      select ${COLUMNS} from accounts where ${sql.join(conditions, sql` and `)} order by ${ORDER}`.execute(this.db);
    return found.rows.map(toAccount);
  }

  /** Changes owner and/or stand-in. With `expectedVersion`, a change based on an old read is refused. */
  async updatePeople(
    id: string,
    change: { owner?: Person; standIn?: Person | null },
    actor: string,
    expectedVersion?: number,
  ): Promise<Account> {
    const owner = change.owner === undefined ? undefined : validatePerson(change.owner, 'owner');
    const standIn = change.standIn === undefined || change.standIn === null ? change.standIn : validatePerson(change.standIn, 'standIn');
    return this.db.transaction().execute(async (trx) => {
      const current = await lockOpen(trx, id);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new AccountError('version_conflict', `Account ${id} is at version ${current.version}, not ${expectedVersion}`);
      }
      const nextOwner = owner ?? current.owner;
      const nextStandIn = standIn === undefined ? current.standIn : standIn;
      const updated = await sql<AccountRow>`
        update accounts set owner_aad_object_id = ${nextOwner.aadObjectId}, owner_name = ${nextOwner.name},
          stand_in_aad_object_id = ${nextStandIn?.aadObjectId ?? null}, stand_in_name = ${nextStandIn?.name ?? null},
          version = version + 1, updated_at = now()
        where id = ${id} and version = ${current.version}
        returning ${COLUMNS}`.execute(trx);
      if (updated.rows.length === 0) throw new AccountError('version_conflict', `Account ${id} changed meanwhile`);
      const details: Record<string, unknown> = {};
      if (owner !== undefined) details.owner = { from: current.owner.aadObjectId, to: nextOwner.aadObjectId };
      if (standIn !== undefined) details.standIn = { from: current.standIn?.aadObjectId ?? null, to: nextStandIn?.aadObjectId ?? null };
      await record(trx, id, actor, 'people_changed', details);
      return toAccount(updated.rows[0]);
    });
  }

  /** An approved closure: the account is being wound down and is to be closed on `closingOn`. */
  async markClosing(id: string, closingOn: string, actor: string): Promise<Account> {
    const date = validateDate(closingOn, 'closingOn');
    return this.inTransaction(async (trx) => {
      await lockOpen(trx, id);
      const updated = await sql<AccountRow>`
        update accounts set status = 'closing', closing_on = ${date}::date, version = version + 1, updated_at = now()
        where id = ${id} returning ${COLUMNS}`.execute(trx);
      await record(trx, id, actor, 'closing', { closingOn: date });
      return toAccount(updated.rows[0]);
    });
  }

  async markClosed(id: string, closedOn: string, actor: string): Promise<Account> {
    const date = validateDate(closedOn, 'closedOn');
    return this.db.transaction().execute(async (trx) => {
      await lockOpen(trx, id);
      const updated = await sql<AccountRow>`
        update accounts set status = 'closed', closed_on = ${date}::date, version = version + 1, updated_at = now()
        where id = ${id} returning ${COLUMNS}`.execute(trx);
      await record(trx, id, actor, 'closed', { closedOn: date });
      return toAccount(updated.rows[0]);
    });
  }

  async history(id: string): Promise<AccountHistoryEntry[]> {
    const rows = await sql<{ at: Date | string; actor: string; change: string; details: unknown }>`
      select at, actor, change, details from account_history where account_id = ${id} order by id`.execute(this.db);
    return rows.rows.map((row) => ({
      at: iso(row.at),
      actor: row.actor,
      change: row.change,
      details: (json(row.details) as Record<string, unknown>) ?? {},
    }));
  }

  /**
   * The report for a period (both ends included): accounts started in it, accounts started before it that
   * were still open at its end, and accounts closed in it. An account started and closed in the period is
   * in both `opened` and `closed`.
   */
  async report(pack: string, from: string, to: string): Promise<AccountReport> {
    const start = validateDate(from, 'from');
    const end = validateDate(to, 'to');
    if (start > end) throw new AccountError('invalid_input', 'from is after to', [{ field: 'from', message: 'after to' }]);
    const select = (where: RawBuilder<unknown>) =>
      sql<AccountRow>`select ${COLUMNS} from accounts where pack = ${pack} and ${where}
        order by unit, lower(platform), lower(account_name), id`.execute(this.db);
    const [opened, existing, closed] = await Promise.all([
      select(sql`opened_on between ${start}::date and ${end}::date`),
      select(sql`opened_on < ${start}::date and (closed_on is null or closed_on > ${end}::date)`),
      select(sql`closed_on between ${start}::date and ${end}::date`),
    ]);
    return { opened: opened.rows.map(toAccount), existing: existing.rows.map(toAccount), closed: closed.rows.map(toAccount) };
  }
}

async function lockOpen(trx: Kysely<AccountTables>, id: string): Promise<Account> {
  const found = await sql<AccountRow>`select ${COLUMNS} from accounts where id = ${id} for update`.execute(trx);
  if (found.rows.length === 0) throw new AccountError('not_found', `Account ${id} does not exist`);
  const account = toAccount(found.rows[0]);
  if (account.status === 'closed') throw new AccountError('already_closed', `Account ${id} is closed`);
  return account;
}

async function record(trx: Kysely<AccountTables>, accountId: string, actor: string, change: AccountChange, details: Record<string, unknown>) {
  await sql`insert into account_history (account_id, actor, change, details)
    values (${accountId}, ${actor}, ${change}, ${JSON.stringify(details)}::jsonb)`.execute(trx);
}
