import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountError, AccountRegister } from '.';
import { accountInput } from './test-fixtures';
import { testDatabases } from '../../tests/helpers/databases';

async function refusal(promise: Promise<unknown>): Promise<AccountError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AccountError);
  return error as AccountError;
}

describe.each(testDatabases())('account register on $name', ({ open }) => {
  let close: () => Promise<void>;
  let register: AccountRegister;

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    register = new AccountRegister(database.db);
  });
  afterAll(() => close());

  it('adds an account and reads it back as it was entered, active and at version 1', async () => {
    const input = accountInput({ accountName: 'Läsfrämjandet', goals: ['Två inlägg i veckan', 'Svar inom ett dygn'] });
    const added = await register.add(input, 'aad-megan');
    expect(added).toMatchObject({ ...input, status: 'active', closingOn: null, closedOn: null, version: 1 });
    expect(await register.get(added.id)).toEqual(added);
    expect(await register.history(added.id)).toEqual([
      expect.objectContaining({ actor: 'aad-megan', change: 'added', details: { registeredVia: 'application', requestId: null, openedOn: '2026-03-02' } }),
    ]);
  });

  it('keeps ISO dates exactly, whatever the time zone', async () => {
    const added = await register.add(
      accountInput({ accountType: 'pedagogical', endDate: '2026-12-31', openedOn: '2026-01-01' }),
      'aad-alex',
    );
    expect((await register.get(added.id))?.endDate).toBe('2026-12-31');
    expect((await register.get(added.id))?.openedOn).toBe('2026-01-01');
  });

  it('registers an approved request once even when the approval is replayed at the same time', async () => {
    const input = accountInput({ requestId: 'req-42', accountName: 'Stadsbiblioteket' });
    const [a, b] = await Promise.all([register.add(input, 'aad-megan'), register.add(input, 'aad-adele')]);
    expect(a.id).toBe(b.id);
    expect(await register.search({ text: 'Stadsbiblioteket' })).toHaveLength(1);
    expect(await register.history(a.id)).toHaveLength(1);
  });

  it('refuses incomplete input, naming the fields', async () => {
    const error = await refusal(register.add(accountInput({ accountName: ' ', accountType: 'pedagogical', endDate: null }), 'x'));
    expect(error.code).toBe('invalid_input');
    expect(error.issues.map((i) => i.field).sort()).toEqual(['accountName', 'endDate']);
  });

  it('refuses a password in the credentials field and never stores or repeats it', async () => {
    const secret = 'lösenord: Sommar2026!';
    const error = await refusal(register.add(accountInput({ accountName: 'Hemligt', credentialsLocation: secret }), 'x'));
    expect(error.code).toBe('password_like');
    expect(JSON.stringify({ message: error.message, issues: error.issues })).not.toContain('Sommar2026');
    expect(await register.search({ text: 'Hemligt' })).toEqual([]);
  });

  it('refuses a password in any text column, accepts a handle as the name', async () => {
    const error = await refusal(register.add(accountInput({ accountName: 'Kultur Ung', purpose: 'Informera', goals: ['Fler följare', 'Kulturhuset2024'] }), 'x'));
    expect(error.code).toBe('password_like');
    expect(error.issues.map((i) => i.field)).toEqual(['goals[1]']);
    expect(JSON.stringify({ message: error.message, issues: error.issues })).not.toContain('Kulturhuset2024');
    const handle = await register.add(accountInput({ accountName: 'nykoping2024', url: 'https://www.instagram.com/nykoping2024' }), 'x');
    expect(handle.accountName).toBe('nykoping2024');
  });

  it('lists the accounts a person owns or stands in for, open ones first', async () => {
    const owned = await register.add(accountInput({ accountName: 'B-kontot', owner: { aadObjectId: 'aad-lee', name: 'Lee Gu' }, standIn: null }), 'x');
    const standing = await register.add(
      accountInput({ accountName: 'A-kontot', owner: { aadObjectId: 'aad-other', name: 'Någon Annan' }, standIn: { aadObjectId: 'aad-lee', name: 'Lee Gu' } }),
      'x',
    );
    const closed = await register.add(accountInput({ accountName: '0-kontot', owner: { aadObjectId: 'aad-lee', name: 'Lee Gu' } }), 'x');
    await register.markClosed(closed.id, '2026-04-01', 'aad-lee');
    const mine = await register.forPerson('aad-lee');
    expect(mine.map((a) => a.id)).toEqual([standing.id, owned.id, closed.id]);
  });

  it('filters by pack, unit, platform, status and text', async () => {
    await register.add(accountInput({ pack: 'nykoping', unit: 'Kultur och fritid', platform: 'Facebook', accountName: 'Nyköpings bibliotek' }), 'x');
    await register.add(accountInput({ pack: 'nykoping', unit: 'Barn och ungdom', platform: 'Instagram', accountName: 'Fritidsgården 100%' }), 'x');
    expect((await register.search({ pack: 'nykoping' })).map((a) => a.accountName).sort()).toEqual(['Fritidsgården 100%', 'Nyköpings bibliotek']);
    expect((await register.search({ pack: 'nykoping', unit: 'Kultur och fritid' })).map((a) => a.accountName)).toEqual(['Nyköpings bibliotek']);
    expect((await register.search({ pack: 'nykoping', platform: 'instagram' })).map((a) => a.accountName)).toEqual(['Fritidsgården 100%']);
    expect((await register.search({ pack: 'nykoping', text: 'BIBLIO' })).map((a) => a.accountName)).toEqual(['Nyköpings bibliotek']);
    expect((await register.search({ pack: 'nykoping', text: '100%' })).map((a) => a.accountName)).toEqual(['Fritidsgården 100%']);
    expect(await register.search({ pack: 'nykoping', text: '%' })).toHaveLength(1);
    expect(await register.search({ pack: 'nykoping', status: 'closed' })).toEqual([]);
  });

  it('changes owner and stand-in, counts the version and records who did it', async () => {
    const added = await register.add(accountInput({ accountName: 'Byte av ansvarig' }), 'aad-alex');
    const changed = await register.updatePeople(added.id, { owner: { aadObjectId: 'aad-adele', name: 'Adele Vance' }, standIn: null }, 'aad-alex', 1);
    expect(changed).toMatchObject({ owner: { aadObjectId: 'aad-adele', name: 'Adele Vance' }, standIn: null, version: 2 });
    const history = await register.history(added.id);
    expect(history.at(-1)).toMatchObject({
      actor: 'aad-alex',
      change: 'people_changed',
      details: { owner: { from: 'aad-alex', to: 'aad-adele' }, standIn: { from: 'aad-megan', to: null } },
    });
  });

  it('refuses a change based on an old version, and lets one of two simultaneous changes win', async () => {
    const added = await register.add(accountInput({ accountName: 'Samtidiga ändringar' }), 'aad-alex');
    const results = await Promise.allSettled([
      register.updatePeople(added.id, { standIn: { aadObjectId: 'aad-lee', name: 'Lee Gu' } }, 'aad-alex', 1),
      register.updatePeople(added.id, { standIn: { aadObjectId: 'aad-adele', name: 'Adele Vance' } }, 'aad-megan', 1),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as AccountError).code).toBe('version_conflict');
    expect((await register.get(added.id))?.version).toBe(2);
    expect(await register.history(added.id)).toHaveLength(2);
  });

  it('moves an account through closing to closed and then refuses further changes', async () => {
    const added = await register.add(accountInput({ accountName: 'Ska avslutas' }), 'aad-alex');
    const closing = await register.markClosing(added.id, '2026-05-15', 'aad-megan');
    expect(closing).toMatchObject({ status: 'closing', closingOn: '2026-05-15', version: 2 });
    const closed = await register.markClosed(added.id, '2026-05-16', 'aad-alex');
    expect(closed).toMatchObject({ status: 'closed', closingOn: '2026-05-15', closedOn: '2026-05-16', version: 3 });
    expect((await refusal(register.markClosed(added.id, '2026-05-17', 'aad-alex'))).code).toBe('already_closed');
    expect((await refusal(register.updatePeople(added.id, { standIn: null }, 'aad-alex'))).code).toBe('already_closed');
    expect((await register.history(added.id)).map((h) => h.change)).toEqual(['added', 'closing', 'closed']);
  });

  it('closes exactly once when two closings race', async () => {
    const added = await register.add(accountInput({ accountName: 'Dubbelklick' }), 'aad-alex');
    const results = await Promise.allSettled([
      register.markClosed(added.id, '2026-06-01', 'aad-alex'),
      register.markClosed(added.id, '2026-06-01', 'aad-alex'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await register.history(added.id)).filter((h) => h.change === 'closed')).toHaveLength(1);
  });

  it('names unknown accounts and bad dates', async () => {
    expect(await register.get('no-such-id')).toBeUndefined();
    expect((await refusal(register.markClosing('no-such-id', '2026-01-01', 'x'))).code).toBe('not_found');
    expect((await refusal(register.markClosing('no-such-id', '2026-02-30', 'x'))).code).toBe('invalid_input');
  });
});

describe.each(testDatabases())('account report on $name', ({ open }) => {
  let close: () => Promise<void>;
  let register: AccountRegister;

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    register = new AccountRegister(database.db);
  });
  afterAll(() => close());

  it('sorts accounts into started, continuing and closed for the period, for one pack', async () => {
    const add = (accountName: string, openedOn: string, pack = 'stockholm') =>
      register.add(accountInput({ accountName, openedOn, pack, registeredVia: openedOn < '2026-01-01' ? 'existing' : 'application' }), 'x');
    const old = await add('Gammalt konto', '2019-05-01');
    const oldClosedInPeriod = await add('Stängt i perioden', '2020-01-01');
    await register.markClosed(oldClosedInPeriod.id, '2026-03-31', 'x');
    const oldClosedBefore = await add('Stängt förut', '2020-01-01');
    await register.markClosed(oldClosedBefore.id, '2025-12-31', 'x');
    const oldClosedAfter = await add('Stängt efteråt', '2020-01-01');
    await register.markClosed(oldClosedAfter.id, '2026-07-01', 'x');
    const started = await add('Nystartat', '2026-01-01');
    const startedAndClosed = await add('Kortlivat', '2026-02-01');
    await register.markClosed(startedAndClosed.id, '2026-06-30', 'x');
    await add('Efter perioden', '2026-07-01');
    await add('Annan organisation', '2026-02-01', 'nykoping');

    const report = await register.report('stockholm', '2026-01-01', '2026-06-30');
    const names = (list: { accountName: string }[]) => list.map((a) => a.accountName).sort();
    expect(names(report.opened)).toEqual(['Kortlivat', 'Nystartat']);
    expect(names(report.existing)).toEqual(['Gammalt konto', 'Stängt efteråt']);
    expect(names(report.closed)).toEqual(['Kortlivat', 'Stängt i perioden']);
    expect(report.existing.find((a) => a.id === old.id)?.status).toBe('active');
    expect(started.status).toBe('active');
  });

  it('refuses a period that ends before it starts', async () => {
    expect((await refusal(register.report('stockholm', '2026-06-30', '2026-01-01'))).code).toBe('invalid_input');
  });
});
