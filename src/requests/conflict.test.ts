import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../tests/helpers/databases';
import { AccountRegister } from '../accounts';
import { accountInput } from '../accounts/test-fixtures';
import { ApproverDirectory } from './approvers';
import { AccountRequests } from './repository';
import type { AnswerResult, NewRequest, Person } from './types';

const DIRECTOR = 'Förvaltningsdirektör';
const CHIEF = 'Verksamhetschef';
const COMMUNICATOR = 'Kommunikatör';

const alex = { aadObjectId: 'aad-alex', name: 'Alex Wilber' };
const megan = { aadObjectId: 'aad-megan', name: 'Megan Bowen' };
const adele = { aadObjectId: 'aad-adele', name: 'Adele Vance' };
const lee = { aadObjectId: 'aad-lee', name: 'Lee Gu' };

function request(pack: string, unit: string, roles: string[], requester: Person, details: Record<string, unknown> = {}): NewRequest {
  return { kind: 'open', pack, unit, requester, requiredRoles: roles, facts: {}, details: { owner: requester, standIn: null, ...details } };
}

function conflict(result: AnswerResult) {
  if (result.kind !== 'conflict_of_interest') throw new Error(`expected a conflict of interest, got ${result.kind}`);
  return { reason: result.reason, alternatives: result.alternatives };
}

describe.each(testDatabases())('jäv (förvaltningslagen 16 §) on $name', ({ open }) => {
  let close: () => Promise<void>;
  let requests: AccountRequests;
  let register: AccountRegister;

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    requests = new AccountRequests(database.db);
    register = new AccountRegister(database.db);
    const approvers = new ApproverDirectory(database.db);
    await approvers.add('stockholm', 'Skola', { ...megan, role: DIRECTOR }, 'admin');
    await approvers.add('stockholm', 'Skola', { ...adele, role: DIRECTOR }, 'admin');
    await approvers.add('stockholm', 'Ensam', { ...megan, role: DIRECTOR }, 'admin');
    await approvers.add('nykoping', 'Skola', { ...megan, role: CHIEF }, 'admin');
    await approvers.add('nykoping', 'Skola', { ...lee, role: CHIEF }, 'admin');
    await approvers.add('nykoping', 'Skola', { ...adele, role: COMMUNICATOR }, 'admin');
  });
  afterAll(() => close());

  it('refuses the requester, records nothing but the refusal and names the other approver of the role', async () => {
    const created = await requests.create(request('stockholm', 'Skola', [DIRECTOR], megan), megan.aadObjectId);
    const result = await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' });
    expect(conflict(result)).toEqual({ reason: 'requester', alternatives: [{ role: DIRECTOR, people: [adele] }] });
    expect(await requests.answers(created.id)).toEqual([]);
    expect((await requests.get(created.id))?.status).toBe('pending');
    const events = await requests.events(created.id);
    expect(events.at(-1)).toMatchObject({ event: 'refused_conflict_of_interest', actor: megan.aadObjectId, details: { reason: 'requester' } });
    expect((await requests.answer({ requestId: created.id, round: 1, approver: adele, answer: 'approved' })).kind).toBe('recorded');
  });

  it('refuses a rejection by the requester too', async () => {
    const created = await requests.create(request('stockholm', 'Skola', [DIRECTOR], adele), adele.aadObjectId);
    expect(conflict(await requests.answer({ requestId: created.id, round: 1, approver: adele, answer: 'rejected' })).reason).toBe('requester');
  });

  it('names nobody when the requester is the only approver of the role', async () => {
    const created = await requests.create(request('stockholm', 'Ensam', [DIRECTOR], megan), megan.aadObjectId);
    expect(conflict(await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' }))).toEqual({
      reason: 'requester',
      alternatives: [{ role: DIRECTOR, people: [] }],
    });
  });

  it('refuses the owner and the stand-in named in someone else\'s request', async () => {
    const created = await requests.create(request('nykoping', 'Skola', [CHIEF, COMMUNICATOR], alex, { owner: megan, standIn: adele }), alex.aadObjectId);
    expect(conflict(await requests.answer({ requestId: created.id, round: 1, approver: megan, answer: 'approved' }))).toEqual({
      reason: 'owner',
      alternatives: [{ role: CHIEF, people: [lee] }],
    });
    expect(conflict(await requests.answer({ requestId: created.id, round: 1, approver: adele, answer: 'approved' }))).toEqual({
      reason: 'stand_in',
      alternatives: [{ role: COMMUNICATOR, people: [] }],
    });
    expect((await requests.answer({ requestId: created.id, round: 1, approver: lee, answer: 'approved' })).kind).toBe('recorded');
  });

  it('refuses the registered owner of the account a close request is about, even when the request names someone else', async () => {
    const account = await register.add(accountInput({ pack: 'nykoping', unit: 'Skola', owner: lee, standIn: null }), 'test');
    const created = await requests.create({ ...request('nykoping', 'Skola', [CHIEF, COMMUNICATOR], alex, { owner: alex }), kind: 'close', accountId: account.id }, alex.aadObjectId);
    expect(conflict(await requests.answer({ requestId: created.id, round: 1, approver: lee, answer: 'approved' }))).toEqual({
      reason: 'owner',
      alternatives: [{ role: CHIEF, people: [megan] }],
    });
  });
});
