import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../tests/helpers/databases';
import { AccountRegister } from '../accounts';
import type { Database } from '../db';
import { checkRequests, parseRequestsCheckArgs } from './requests-check';

const details = (accountName: string, audiences: string[]) => ({
  platform: 'Instagram',
  accountName,
  url: null,
  accountType: 'official',
  purpose: 'Visa elevernas konserter',
  goals: ['500 följare'],
  audiences,
  owner: { aadObjectId: 'aad-alex', name: 'Alex Wilber' },
  standIn: null,
  credentialsLocation: 'Lösenordshanteraren',
  endDate: null,
  openedOn: null,
});

/** An approved request written by hand, the way a crash or an operator's edit could leave one: no account. */
async function approvedByHand(db: Database['db'], id: string, accountName: string, audiences = ['elever']): Promise<void> {
  await sql`insert into account_requests (id, kind, pack, unit, requester_aad, requester_name, status, required_roles, facts, details, decided_at)
    values (${id}, 'open', 'stockholm', 'Kulturförvaltningen', 'aad-alex', 'Alex Wilber', 'approved', '["Direktör"]'::jsonb, '{}'::jsonb,
      ${JSON.stringify(details(accountName, audiences))}::jsonb, '2026-03-02T10:00:00Z')`.execute(db);
}

describe.each(testDatabases())('requests:check on $name', ({ open }) => {
  let database: Database;

  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());

  it('finds an approved request without its account, repairs it once, and then finds nothing', async () => {
    await approvedByHand(database.db, 'req-hand-1', 'Kulturskolan');
    await approvedByHand(database.db, 'req-hand-2', 'Fritidsgården', ['x'.repeat(201)]);

    const found = await checkRequests(database.db, { repair: false });
    expect(found.checked).toBe(2);
    expect(found.missing.map((m) => m.requestId)).toEqual(['req-hand-1', 'req-hand-2']);
    expect(found.repaired).toEqual([]);

    const repaired = await checkRequests(database.db, { repair: true });
    expect(repaired.repaired.map((r) => r.requestId)).toEqual(['req-hand-1']);
    expect(repaired.failed).toEqual([{ requestId: 'req-hand-2', code: 'invalid_input', fields: ['audiences.0'] }]);
    const account = await new AccountRegister(database.db).get(repaired.repaired[0].accountId);
    expect(account).toMatchObject({ accountName: 'Kulturskolan', requestId: 'req-hand-1', openedOn: '2026-03-02', registeredVia: 'application' });
    const linked = await sql<{ account_id: string }>`select account_id from account_requests where id = 'req-hand-1'`.execute(database.db);
    expect(linked.rows[0].account_id).toBe(account?.id);

    const again = await checkRequests(database.db, { repair: true });
    expect(again.missing.map((m) => m.requestId)).toEqual(['req-hand-2']);
    expect(again.repaired).toEqual([]);
    const count = await sql<{ n: number | string }>`select count(*) as n from accounts where request_id = 'req-hand-1'`.execute(database.db);
    expect(Number(count.rows[0].n)).toBe(1);
  });

  it('takes --repair and nothing else', () => {
    expect(parseRequestsCheckArgs([])).toEqual({ repair: false });
    expect(parseRequestsCheckArgs(['--repair'])).toEqual({ repair: true });
    expect(() => parseRequestsCheckArgs(['--fix'])).toThrow('Okänt argument: --fix');
  });
});
