import type { AccountInput } from './types';

/** A complete, valid account input for tests; override what a test is about. */
export function accountInput(overrides: Partial<AccountInput> = {}): AccountInput {
  return {
    pack: 'stockholm',
    unit: 'Kulturförvaltningen',
    platform: 'Instagram',
    accountName: 'Kulturhuset Ung',
    url: 'https://instagram.com/kulturhusetung',
    accountType: 'official',
    purpose: 'Nå unga med information om kulturutbudet, enligt verksamhetsplanen.',
    goals: ['1 000 följare inom ett år'],
    audiences: ['Unga 13–19 år'],
    owner: { aadObjectId: 'aad-alex', name: 'Alex Wilber' },
    standIn: { aadObjectId: 'aad-megan', name: 'Megan Bowen' },
    credentialsLocation: 'Lösenordshanteraren, posten "Instagram Kulturhuset Ung"',
    endDate: null,
    registeredVia: 'application',
    requestId: null,
    openedOn: '2026-03-02',
    facts: { monitoringDaily: true },
    ...overrides,
  };
}
