import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openPostgresSchema, testDatabases, withSearchPath } from '../../tests/helpers/databases';
import { openDatabase } from '../db';
import { AccountRequests } from './repository';
import { ApproverDirectory } from './approvers';
import { ApprovalChannels } from './channels';
import { RequestError } from './errors';
import type { NewRequest } from './types';

const DIRECTOR = 'Förvaltningsdirektör';
const CHIEF = 'Verksamhetschef';
const COMMUNICATOR = 'Kommunikatör';

const alex = { aadObjectId: 'aad-alex', name: 'Alex Wilber' };
const megan = { aadObjectId: 'aad-megan', name: 'Megan Bowen' };
const adele = { aadObjectId: 'aad-adele', name: 'Adele Vance' };
const lee = { aadObjectId: 'aad-lee', name: 'Lee Gu' };

function request(pack: string, unit: string, roles: string[]): NewRequest {
  return {
    kind: 'open',
    pack,
    unit,
    requester: alex,
    requiredRoles: roles,
    facts: { unit, platform: 'Instagram', accountName: 'skolan' },
    details: { owner: alex },
  };
}

describe.each(testDatabases())('account requests on $name', ({ open }) => {
  let close: () => Promise<void>;
  let requests: AccountRequests;
  let approvers: ApproverDirectory;

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    requests = new AccountRequests(database.db);
    approvers = new ApproverDirectory(database.db);
    await approvers.add('stockholm', 'Skola', { ...megan, role: DIRECTOR }, 'admin');
    await approvers.add('stockholm', 'Skola', { ...adele, role: DIRECTOR }, 'admin');
    await approvers.add('nykoping', 'Skola', { ...megan, role: CHIEF }, 'admin');
    await approvers.add('nykoping', 'Skola', { ...adele, role: COMMUNICATOR }, 'admin');
    await approvers.add('nykoping', 'Skola', { ...adele, role: CHIEF }, 'admin');
  });
  afterAll(() => close());

  it('creates a pending request in round 1 and records that it was submitted', async () => {
    const created = await requests.create(request('stockholm', 'Skola', [DIRECTOR]), alex.aadObjectId);
    expect(created).toMatchObject({ status: 'pending', round: 1, version: 1, requester: alex, requiredRoles: [DIRECTOR] });
    expect(await requests.get(created.id)).toEqual(created);
    expect((await requests.events(created.id)).map((e) => e.event)).toEqual(['submitted']);
  });

  it('approves when the one required role approves, with who and the comment', async () => {
    const created = await requests.create(request('stockholm', 'Skola', [DIRECTOR]), alex.aadObjectId);
    const result = await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved', comment: ' Bra syfte ' });
    expect(result.kind).toBe('recorded');
    if (result.kind !== 'recorded') return;
    expect(result.final).toBe(true);
    expect(result.request.status).toBe('approved');
    expect(result.request.decidedAt).not.toBeNull();
    expect(result.answers).toEqual([expect.objectContaining({ role: DIRECTOR, approver: megan, answer: 'approved', comment: 'Bra syfte' })]);
  });

  it('refuses a password in the facts, the details or a comment, and keeps a handle', async () => {
    const base = request('stockholm', 'Skola', [DIRECTOR]);
    await expect(requests.create({ ...base, details: { ...base.details, purpose: 'kulturskolan / Sommar2024' } }, alex.aadObjectId)).rejects.toMatchObject({ code: 'request_invalid' });
    const created = await requests.create({ ...base, facts: { ...base.facts, accountName: '@nykoping2024' } }, alex.aadObjectId);
    const refused = requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved', comment: 'Lösenordet är Kulturhuset2024' });
    await expect(refused).rejects.toMatchObject({ code: 'request_invalid' });
    await expect(refused).rejects.not.toThrow(/Kulturhuset2024/);
    expect(await requests.answers(created.id)).toEqual([]);
  });

  it('needs every role in Nyköping: one approval keeps it pending, the second approves', async () => {
    const created = await requests.create(request('nykoping', 'Skola', [CHIEF, COMMUNICATOR]), alex.aadObjectId);
    const first = await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' });
    expect(first).toMatchObject({ kind: 'recorded', role: CHIEF, final: false, request: { status: 'pending' } });
    const second = await requests.answer({ requestId: created.id, round: 1, approver: adele, answer: 'approved' });
    expect(second).toMatchObject({ kind: 'recorded', role: COMMUNICATOR, final: true, request: { status: 'approved' } });
  });

  it('lets one rejection end a request that needs two roles', async () => {
    const created = await requests.create(request('nykoping', 'Skola', [CHIEF, COMMUNICATOR]), alex.aadObjectId);
    const result = await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'rejected', comment: 'Inget behov' });
    expect(result).toMatchObject({ kind: 'recorded', final: true, request: { status: 'rejected' } });
    const late = await requests.answer({ requestId: created.id, round: 1, approver: adele, answer: 'approved' });
    expect(late.kind).toBe('stale');
  });

  it('refuses a person who is not an approver of the unit and logs the attempt', async () => {
    const created = await requests.create(request('stockholm', 'Skola', [DIRECTOR]), alex.aadObjectId);
    const result = await requests.answer({ requestId: created.id, round: 1, approver: lee, answer: 'approved' });
    expect(result.kind).toBe('not_approver');
    expect((await requests.get(created.id))?.status).toBe('pending');
    const events = await requests.events(created.id);
    expect(events.at(-1)).toMatchObject({ actor: lee.aadObjectId, event: 'refused_not_approver' });
  });

  it('does not let an approver of another unit or pack answer', async () => {
    const created = await requests.create(request('stockholm', 'Annan enhet', [DIRECTOR]), alex.aadObjectId);
    expect((await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' })).kind).toBe('not_approver');
  });

  it('records a double press once and tells the second press it was already answered', async () => {
    const created = await requests.create(request('nykoping', 'Skola', [CHIEF, COMMUNICATOR]), alex.aadObjectId);
    const first = await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' });
    const again = await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' });
    expect(first.kind).toBe('recorded');
    expect(again).toMatchObject({ kind: 'already_answered', role: CHIEF });
    expect(await requests.answers(created.id)).toHaveLength(1);
  });

  it('keeps exactly one outcome when two approvers of the same role press at the same moment', async () => {
    const created = await requests.create(request('stockholm', 'Skola', [DIRECTOR]), alex.aadObjectId);
    const results = await Promise.all([
      requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' }),
      requests.answer({ requestId: created.id, round: 1, approver: adele, answer: 'rejected' }),
    ]);
    expect(results.filter((r) => r.kind === 'recorded')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'stale')).toHaveLength(1);
    const answers = await requests.answers(created.id);
    expect(answers).toHaveLength(1);
    const stored = await requests.get(created.id);
    expect(stored?.status).toBe(answers[0].answer);
  });

  it('keeps exactly one answer under many simultaneous presses of the same button', async () => {
    const created = await requests.create(request('stockholm', 'Skola', [DIRECTOR]), alex.aadObjectId);
    const presses = Array.from({ length: 8 }, (_, i) =>
      requests.answer({ requestId: created.id, round: 1, approver: i % 2 ? megan : adele, answer: 'approved' }),
    );
    const results = await Promise.all(presses);
    expect(results.filter((r) => r.kind === 'recorded')).toHaveLength(1);
    expect(await requests.answers(created.id)).toHaveLength(1);
    expect((await requests.get(created.id))?.status).toBe('approved');
  });

  it('records both roles when the two Nyköping approvers press at the same moment', async () => {
    await approvers.add('nykoping', 'Fritid', { ...megan, role: CHIEF }, 'admin');
    await approvers.add('nykoping', 'Fritid', { ...lee, role: COMMUNICATOR }, 'admin');
    const created = await requests.create(request('nykoping', 'Fritid', [CHIEF, COMMUNICATOR]), alex.aadObjectId);
    const results = await Promise.all([
      requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' }),
      requests.answer({ requestId: created.id, round: 1, approver: lee, answer: 'approved' }),
    ]);
    expect(results.map((r) => r.kind)).toEqual(['recorded', 'recorded']);
    expect(results.filter((r) => r.kind === 'recorded' && r.final)).toHaveLength(1);
    expect((await requests.get(created.id))?.status).toBe('approved');
  });

  it('lets a person who holds two roles answer for only one of them', async () => {
    const created = await requests.create(request('nykoping', 'Skola', [CHIEF, COMMUNICATOR]), alex.aadObjectId);
    const first = await requests.answer({ requestId: created.id, round: 1, approver: adele, answer: 'approved' });
    expect(first).toMatchObject({ kind: 'recorded', role: CHIEF, request: { status: 'pending' } });
    expect((await requests.answer({ requestId: created.id, round: 1, approver: adele, answer: 'approved' })).kind).toBe('already_answered');
  });

  it('tells a second holder of an answered role that someone else answered', async () => {
    const created = await requests.create(request('nykoping', 'Skola', [CHIEF, COMMUNICATOR]), alex.aadObjectId);
    await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' });
    // Adele holds both roles; Verksamhetschef is taken, so she answers as Kommunikatör.
    const adeles = await requests.answer({ requestId: created.id, round: 1, approver: adele, answer: 'approved' });
    expect(adeles).toMatchObject({ kind: 'recorded', role: COMMUNICATOR });
  });

  it('sends a request back, takes an edited version in a new round and refuses a press on the old card', async () => {
    const created = await requests.create(request('stockholm', 'Skola', [DIRECTOR]), alex.aadObjectId);
    const returned = await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'returned', comment: 'Mätbara mål?' });
    expect(returned).toMatchObject({ kind: 'recorded', request: { status: 'returned' } });
    if (returned.kind !== 'recorded') return;
    await expect(requests.resubmit(created.id, { facts: {}, details: {}, requiredRoles: [DIRECTOR], decisionId: null }, lee.aadObjectId, returned.request.version)).rejects.toBeInstanceOf(RequestError);
    await expect(requests.resubmit(created.id, { facts: {}, details: {}, requiredRoles: [DIRECTOR], decisionId: null }, alex.aadObjectId, 1)).rejects.toMatchObject({ code: 'request_conflict' });
    const again = await requests.resubmit(created.id, { facts: { goals: ['100 följare'] }, details: {}, requiredRoles: [DIRECTOR], decisionId: 'd-2' }, alex.aadObjectId, returned.request.version);
    expect(again).toMatchObject({ status: 'pending', round: 2, facts: { goals: ['100 följare'] }, decisionId: 'd-2' });
    expect(await requests.answers(created.id)).toEqual([]);
    expect((await requests.answers(created.id, 1))[0]).toMatchObject({ answer: 'returned', comment: 'Mätbara mål?' });
    expect((await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' })).kind).toBe('stale');
    expect((await requests.answer({ requestId: created.id, round: 2, approver: megan, answer: 'approved' })).kind).toBe('recorded');
  });

  it('lets only the requester withdraw, once', async () => {
    const created = await requests.create(request('stockholm', 'Skola', [DIRECTOR]), alex.aadObjectId);
    await expect(requests.withdraw(created.id, lee.aadObjectId, 1)).rejects.toMatchObject({ code: 'request_invalid' });
    const withdrawn = await requests.withdraw(created.id, alex.aadObjectId, 1);
    expect(withdrawn.status).toBe('withdrawn');
    await expect(requests.withdraw(created.id, alex.aadObjectId, withdrawn.version)).rejects.toMatchObject({ code: 'request_conflict' });
  });

  it('links the resulting account only once', async () => {
    const created = await requests.create(request('stockholm', 'Skola', [DIRECTOR]), alex.aadObjectId);
    expect(await requests.linkAccount(created.id, 'acc-1')).toBe(true);
    expect(await requests.linkAccount(created.id, 'acc-2')).toBe(false);
    expect((await requests.get(created.id))?.accountId).toBe('acc-1');
  });

  it('creates an already approved request for an existing account that needs no approval', async () => {
    const created = await requests.create({ ...request('stockholm', 'Skola', []), kind: 'register', status: 'approved' }, alex.aadObjectId);
    expect(created.status).toBe('approved');
    expect((await requests.events(created.id)).map((e) => e.event)).toEqual(['registered']);
  });

  it('finds pending requests whose card has not reached a channel, and remembers the card', async () => {
    const created = await requests.create(request('stockholm', 'Väntar', [DIRECTOR]), alex.aadObjectId);
    expect((await requests.pendingWithoutCard('stockholm', 'Väntar')).map((r) => r.id)).toEqual([created.id]);
    await requests.setCard(created.id, '19:kanal@thread.tacv2', 'activity-1');
    expect(await requests.pendingWithoutCard('stockholm', 'Väntar')).toEqual([]);
    expect(await requests.get(created.id)).toMatchObject({ channelConversationId: '19:kanal@thread.tacv2', cardActivityId: 'activity-1' });
  });

  it('throws a coded error for a request that does not exist', async () => {
    await expect(requests.answer({ requestId: 'nope', round: 1, approver: megan, answer: 'approved' })).rejects.toMatchObject({ code: 'request_not_found' });
  });
});

describe.each(testDatabases())('approvers and approval channels on $name', ({ open }) => {
  let close: () => Promise<void>;
  let approvers: ApproverDirectory;
  let channels: ApprovalChannels;

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    approvers = new ApproverDirectory(database.db);
    channels = new ApprovalChannels(database.db);
  });
  afterAll(() => close());

  it('replaces the admin-managed approvers of a unit and keeps the file entries', async () => {
    await approvers.replaceFromFile([{ pack: 'nykoping', unit: 'Kultur', role: CHIEF, ...megan }]);
    await approvers.replaceForUnit('nykoping', 'Kultur', [{ ...adele, role: COMMUNICATOR, teamsUserId: '29:adele' }], 'aad-admin');
    await approvers.replaceForUnit('nykoping', 'Kultur', [{ ...lee, role: COMMUNICATOR }], 'aad-admin');
    const list = await approvers.forUnit('nykoping', 'Kultur');
    expect(list.map((a) => [a.name, a.role, a.source])).toEqual([
      ['Lee Gu', COMMUNICATOR, 'admin'],
      ['Megan Bowen', CHIEF, 'file'],
    ]);
    expect(await approvers.rolesOf('nykoping', 'Kultur', lee.aadObjectId)).toEqual([COMMUNICATOR]);
  });

  it('learns a Teams user id for refresh lists', async () => {
    await approvers.learnTeamsUserId(megan.aadObjectId, '29:megan');
    expect((await approvers.forUnit('nykoping', 'Kultur')).find((a) => a.name === 'Megan Bowen')?.teamsUserId).toBe('29:megan');
  });

  it('stores one approval channel per unit without the reply-thread part of the id', async () => {
    await channels.set('stockholm', 'Skola', '19:abc@thread.tacv2;messageid=123', 'team-1', 'aad-admin');
    await channels.set('stockholm', 'Kultur', '19:abc@thread.tacv2', 'team-1', 'aad-admin');
    expect(await channels.get('stockholm', 'Skola')).toMatchObject({ conversationId: '19:abc@thread.tacv2', teamId: 'team-1' });
    await channels.set('stockholm', 'Skola', '19:other@thread.tacv2', 'team-1', 'aad-admin');
    expect((await channels.unitsOf('19:abc@thread.tacv2')).map((c) => c.unit)).toEqual(['Kultur']);
  });
});

const postgresOnly = testDatabases().filter((d) => d.name === 'postgres');

describe.each(postgresOnly)('simultaneous presses from two bot instances on $name', () => {
  it('records one outcome when two instances answer the same request at once', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const first = await openPostgresSchema(url);
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(first.db)).rows[0].schema;
    // A second pool on the same schema stands for a second bot instance.
    const second = await openDatabase({ databaseUrl: withSearchPath(url, schema), dataDir: '' });
    try {
      const directory = new ApproverDirectory(first.db);
      await directory.add('stockholm', 'Skola', { ...megan, role: DIRECTOR }, 'admin');
      await directory.add('stockholm', 'Skola', { ...adele, role: DIRECTOR }, 'admin');
      const a = new AccountRequests(first.db);
      const b = new AccountRequests(second.db);
      for (let i = 0; i < 10; i++) {
        const created = await a.create(request('stockholm', 'Skola', [DIRECTOR]), alex.aadObjectId);
        const results = await Promise.all([
          a.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' }),
          b.answer({ requestId: created.id, round: 1, approver: adele, answer: 'rejected' }),
          b.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' }),
        ]);
        expect(results.filter((r) => r.kind === 'recorded')).toHaveLength(1);
        expect(await a.answers(created.id)).toHaveLength(1);
      }
    } finally {
      await second.close();
      await first.close();
    }
  });
});
