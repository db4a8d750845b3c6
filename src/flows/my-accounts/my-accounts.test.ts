import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { AccountRegister, exportTokensFor, type Account } from '../../accounts';
import { accountInput } from '../../accounts/test-fixtures';
import { cardActions, cardOf, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';

const ALEX = { aadObjectId: 'aad-alex', name: 'Alex Wilber' };
const MEGAN = { aadObjectId: 'aad-megan', name: 'Megan Bowen' };
const LEE = { aadObjectId: 'aad-lee', name: 'Lee Gu' };

/** The choices of an Input.ChoiceSet on a card, by input id. */
function choicesOf(reply: Partial<Activity>, id: string): { title: string; value: string }[] {
  let found: { title: string; value: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const n = node as { type?: string; id?: string; choices?: { title: string; value: string }[] };
      if (n.type === 'Input.ChoiceSet' && n.id === id) found = n.choices ?? [];
      Object.values(node).forEach(walk);
    }
  };
  walk(cardOf(reply));
  return found;
}

function openUrls(reply: Partial<Activity>): Record<string, string> {
  const urls: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const n = node as { type?: string; title?: string; url?: string };
      if (n.type === 'Action.OpenUrl' && n.title && n.url) urls[n.title] = n.url;
      Object.values(node).forEach(walk);
    }
  };
  walk(cardOf(reply));
  return urls;
}

async function replies(testBot: TestBot, user: string, value: Record<string, unknown>, count = 1): Promise<Partial<Activity>[]> {
  const got: Partial<Activity>[] = [];
  let flow = testBot.conversation({ userId: user }).send(submit(value));
  for (let i = 0; i < count; i++) flow = flow.assertReply((reply) => void got.push(reply));
  await flow.startTest();
  return got;
}

// One bot for the file: building it (packs, language model) costs seconds; each test uses its own people.
let testBot: TestBot;
beforeAll(async () => {
  testBot = await createTestBot({ COMMUNICATIONS_UNIT_USERS: 'aad-comms' });
});
afterAll(() => testBot.close());

describe('Mina konton', () => {
  let register: AccountRegister;
  let owned: Account;
  let standingIn: Account;

  beforeAll(async () => {
    register = new AccountRegister(testBot.bot.services.database.db);
    owned = await register.add(accountInput({ accountName: 'Kulturhuset Ung', owner: ALEX, standIn: MEGAN }), 'test');
    standingIn = await register.add(accountInput({ accountName: 'Stadsbiblioteket', platform: 'Facebook', owner: MEGAN, standIn: ALEX }), 'test');
    await register.add(accountInput({ accountName: 'Någon annans konto', owner: LEE, standIn: null }), 'test');
  });

  it('lists the accounts the person owns or stands in for, and nobody else’s', async () => {
    const [reply] = await replies(testBot, 'alex', { verb: 'menu.openFlow', flow: 'my-accounts' });
    const text = cardText(reply);
    expect(text).toContain('Mina konton');
    expect(text).toContain('Kulturhuset Ung · Instagram');
    expect(text).toContain('Stadsbiblioteket · Facebook');
    expect(text).toContain('Du är ansvarig');
    expect(text).toContain('Du är ersättare');
    expect(text).not.toContain('Någon annans konto');
    expect(text).not.toContain('Rapport och export');
    expect(cardActions(reply)['Ändra ansvariga']).toMatchObject({ verb: 'myAccounts.edit' });
  });

  it('offers to start or register an account when the person has none', async () => {
    const [reply] = await replies(testBot, 'nobody', { verb: 'myAccounts.mine' });
    expect(cardText(reply)).toContain('Du är inte ansvarig eller ersättare för något konto');
    expect(cardActions(reply)['Registrera befintligt konto']).toEqual({ verb: 'menu.openFlow', flow: 'register-account' });
  });

  it('swaps owner and stand-in, says so, and tells the new owner', async () => {
    const [edit] = await replies(testBot, 'alex', { verb: 'myAccounts.edit', accountId: owned.id });
    expect(cardText(edit)).toContain('Ändra ansvariga');
    expect(choicesOf(edit, 'owner').map((c) => c.value)).toEqual(expect.arrayContaining(['aad-alex', 'aad-megan']));
    expect(cardActions(edit)['Spara']).toEqual({ verb: 'myAccounts.savePeople', accountId: owned.id, version: 1 });

    const before = testBot.notifications.length;
    const [saved] = await replies(testBot, 'alex', { verb: 'myAccounts.savePeople', accountId: owned.id, version: 1, owner: 'aad-megan', standIn: 'aad-alex' });
    expect(cardText(saved)).toContain('Ändringen är sparad');
    expect(cardText(saved)).toContain('ansvarig är Megan Bowen, ersättare är Test Person');
    const account = await register.get(owned.id);
    expect(account).toMatchObject({ owner: MEGAN, standIn: { aadObjectId: 'aad-alex' }, version: 2 });
    const sent = testBot.notifications.slice(before);
    expect(sent.map((n) => n.to)).toEqual([{ user: 'aad-megan' }]);
    expect(cardText(sent[0].activity)).toContain('Du är nu ansvarig för Kulturhuset Ung (Instagram)');
  });

  it('shows what holds now when the card is older than the account', async () => {
    const [reply] = await replies(testBot, 'alex', { verb: 'myAccounts.savePeople', accountId: owned.id, version: 1, owner: 'aad-alex', standIn: 'aad-megan' });
    expect(cardText(reply)).toContain('Någon annan har ändrat kontot sedan du öppnade kortet');
    expect((await register.get(owned.id))?.version).toBe(2);
  });

  it('keeps the choices and explains when owner and stand-in are the same person', async () => {
    const [reply] = await replies(testBot, 'alex', { verb: 'myAccounts.savePeople', accountId: standingIn.id, version: 1, owner: 'aad-megan', standIn: 'aad-megan' });
    expect(cardText(reply)).toContain('Ersättaren ska vara en annan person än den ansvarige.');
    expect((await register.get(standingIn.id))?.version).toBe(1);
  });

  it('refuses a person who is not in the list of choices', async () => {
    const [reply] = await replies(testBot, 'alex', { verb: 'myAccounts.savePeople', accountId: standingIn.id, version: 1, owner: 'aad-hacker', standIn: 'ingen' });
    expect(cardText(reply)).toContain('Välj en person i listan.');
    expect((await register.get(standingIn.id))?.owner).toEqual(MEGAN);
  });

  it('refuses someone who is neither responsible nor in the communications unit, whatever the card says', async () => {
    const [reply] = await replies(testBot, 'lee', { verb: 'myAccounts.savePeople', accountId: standingIn.id, version: 1, owner: 'aad-lee', standIn: 'ingen' });
    expect(cardText(reply)).toContain('Du kan inte ändra det här kontot');
    expect((await register.get(standingIn.id))?.owner).toEqual(MEGAN);
  });

  it('does not let closed accounts change', async () => {
    const closed = await register.add(accountInput({ accountName: 'Stängt', owner: ALEX, standIn: null }), 'test');
    await register.markClosed(closed.id, '2026-01-31', 'test');
    const [reply] = await replies(testBot, 'alex', { verb: 'myAccounts.edit', accountId: closed.id });
    expect(cardText(reply)).toContain('Kontot är avslutat');
  });
});

describe('Kontoregister for the communications unit', () => {
  beforeAll(async () => {
    const register = new AccountRegister(testBot.bot.services.database.db);
    await register.add(accountInput({ accountName: 'Kulturhuset Ung', openedOn: '2025-10-01' }), 'test');
    await register.add(accountInput({ accountName: 'Skolornas Facebook', platform: 'Facebook', unit: 'Utbildningsförvaltningen', openedOn: '2019-01-01', registeredVia: 'existing' }), 'test');
    await register.add(accountInput({ pack: 'nykoping', accountName: 'Nyköpings konto' }), 'test');
  });

  it('shows every account of the pack with filters', async () => {
    const [reply] = await replies(testBot, 'comms', { verb: 'menu.openFlow', flow: 'my-accounts' });
    const text = cardText(reply);
    expect(text).toContain('Kontoregister');
    expect(text).toContain('Kulturhuset Ung');
    expect(text).toContain('Skolornas Facebook');
    expect(text).not.toContain('Nyköpings konto');
    expect(text).toMatch(/\d+ konton\./);
    expect(choicesOf(reply, 'platform').map((c) => c.title)).toEqual(['Alla plattformar', 'Facebook', 'Instagram']);
    expect(choicesOf(reply, 'unit').map((c) => c.title)).toContain('Utbildningsförvaltningen');
  });

  it('filters by platform and by text', async () => {
    const [byPlatform] = await replies(testBot, 'comms', { verb: 'myAccounts.filter', unit: 'alla', platform: 'Facebook', status: 'alla', text: '' });
    expect(cardText(byPlatform)).toContain('Skolornas Facebook');
    expect(cardText(byPlatform)).not.toContain('Kulturhuset Ung');
    const [byText] = await replies(testBot, 'comms', { verb: 'myAccounts.filter', unit: 'alla', platform: 'alla', status: 'closed', text: 'Skolornas' });
    expect(cardText(byText)).toContain('Inga konton matchar filtret.');
  });

  it('makes the report with download links for Excel and CSV that name the period', async () => {
    const [form] = await replies(testBot, 'comms', { verb: 'myAccounts.exportForm' });
    expect(cardText(form)).toContain('Stockholms stad rapporterar nystartade, befintliga och avslutade konton i februari och september.');
    const [ready] = await replies(testBot, 'comms', { verb: 'myAccounts.export', from: '2025-09-01', to: '2026-01-31' });
    const text = cardText(ready);
    expect(text).toContain('1 september 2025 – 31 januari 2026');
    const links = openUrls(ready);
    expect(Object.keys(links)).toEqual(['Ladda ner Excel', 'Ladda ner CSV']);
    const tokens = await exportTokensFor(testBot.bot.services.database.db);
    const token = links['Ladda ner Excel'].split('/exports/')[1];
    expect(tokens.verify(token, new Date())).toMatchObject({ pack: 'stockholm', from: '2025-09-01', to: '2026-01-31', format: 'xlsx' });
    expect(links['Ladda ner CSV']).toMatch(/^http:\/\/127\.0\.0\.1:3978\/exports\/r1\.stockholm\.20250901\.20260131\.csv\./);
  });

  it('says what is wrong with the period and keeps it', async () => {
    const [reply] = await replies(testBot, 'comms', { verb: 'myAccounts.export', from: '2026-02-01', to: '2026-01-01' });
    expect(cardText(reply)).toContain('Startdatumet ligger efter slutdatumet');
    expect(cardText(reply)).toContain('2026-02-01');
  });

  it('refuses the register and the export to others and shows their own accounts instead', async () => {
    const [notice, mine] = await replies(testBot, 'lee', { verb: 'myAccounts.export', from: '2025-09-01', to: '2026-01-31' }, 2);
    expect(cardText(notice)).toContain('Rapporten är för kommunikationsenheten');
    expect(cardText(mine)).toContain('Mina konton');
    const [refused] = await replies(testBot, 'lee', { verb: 'myAccounts.filter', platform: 'Facebook' });
    expect(cardText(refused)).toContain('Kontoregistret är för kommunikationsenheten');
  });
});
