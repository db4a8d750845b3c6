import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../helpers/test-bot';
import { AccountRegister } from '../../src/accounts';
import { ApproverDirectory, AccountRequests } from '../../src/requests';
import { as, CHANNEL, execute, invokeCard, json, people, stockholmForm, UNIT } from '../../src/flows/approvals/testing';

/**
 * Issue 11 item 3: a password typed into any free-text field is refused and never written anywhere. The bot runs on
 * an embedded database in a folder on disk; afterwards every file of that folder (tables, old row versions, the
 * write-ahead log) is searched byte by byte.
 */
const DIRECTOR = 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)';

/** What is typed, and the part of it that must never be found on disk. */
const PASSWORDS = [
  { typed: 'kulturskolan / Sommar2024', secret: 'Sommar2024' },
  { typed: 'Kulturhuset2024', secret: 'Kulturhuset2024' },
  { typed: 'Hösten2023!', secret: 'Hösten2023!' },
  { typed: 'Lösen123', secret: 'Lösen123' },
  { typed: 'P@ssw0rd', secret: 'P@ssw0rd' },
  { typed: 'Xk9#mP2$vL', secret: 'Xk9#mP2$vL' },
  { typed: 'inlogg kultur, lösenord Vinter#99', secret: 'Vinter#99' },
  { typed: 'K0mmun3n', secret: 'K0mmun3n' },
];

/** Real handles, names and texts, each typed where it belongs; all of them must be accepted and kept. */
const ACCEPTED: Record<string, string> = {
  accountName: '@nykoping2024',
  url: 'https://www.instagram.com/nykopingskommun',
  purpose: 'Sommarlovet 2024 börjar – vi visar programmet för sthlm_stad_2030',
  goals: '500 följare före 2025-12-31\n2 inlägg i veckan',
  audiences: 'unga 13–19 år, föräldrar',
  credentialsLocation: 'Lösenordshanteraren, posten Instagram @nykoping2024',
};
const ACCEPTED_NAMES = ['sthlm_stad_2030', 'kulturhuset_stadsteatern', 'Nyköpings bibliotek', 'stockholmsstad'];
const FORM_TEXT_FIELDS = Object.keys(ACCEPTED);

/** Found on disk after the run, which proves the search reads the files as they are. */
const CONTROL = 'Kontrollmarkör Ängsövik';

const REFUSED = 'ser ut som ett lösenord';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('no password reaches the database files, whatever field it is typed into', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'secrets-on-disk-'));
  let testBot: TestBot;
  let closed = false;
  let requestId = '';
  let accountId = '';

  const alex = () => as(testBot.conversation, people.alex);
  const megan = () => as(testBot.conversation, people.megan, { channel: true });
  const form = (overrides: Record<string, string>, mode: 'new' | 'existing' = 'new') =>
    submit({ verb: 'account.preview', mode, ...stockholmForm(people.alex.aadObjectId, people.lee.aadObjectId), ...(mode === 'existing' ? { openedOn: '2019-05-01' } : {}), ...overrides });
  const expectNoSecretIn = (reply: Partial<Activity>) => {
    for (const { secret } of PASSWORDS) expect(json(reply)).not.toContain(secret);
  };

  beforeAll(async () => {
    testBot = await createTestBot({ DATA_DIR: dataDir, ADMIN_USERS: people.admin.aadObjectId, ORG_UNITS: UNIT });
    await new ApproverDirectory(testBot.bot.services.database.db).add('stockholm', UNIT, { ...people.megan, role: DIRECTOR, teamsUserId: people.megan.userId }, 'test');
    // The stand-in must be someone other than the approver (jäv); an approver of another unit is known to the form.
    await new ApproverDirectory(testBot.bot.services.database.db).add('stockholm', 'Utbildningsförvaltningen', { ...people.lee, role: DIRECTOR, teamsUserId: people.lee.userId }, 'test');
    await as(testBot.conversation, people.admin, { channel: true })
      .send(`godkännandekanal ${UNIT}`)
      .assertReply((reply) => expect(cardText(reply)).toContain('Godkännandekanal sparad'))
      .startTest();
  });
  afterAll(async () => {
    if (!closed) await testBot.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(FORM_TEXT_FIELDS)('refuses every password in the %s field of both account forms, beside the field', async (field) => {
    for (const mode of ['new', 'existing'] as const) {
      for (const { typed } of PASSWORDS) {
        await alex()
          .send(form({ [field]: typed }, mode))
          .assertReply((reply) => {
            expect(cardText(reply), `${mode} ${field}: ${typed}`).toContain(REFUSED);
            expect(cardActions(reply)['Skicka för beslut']).toBeUndefined();
            expectNoSecretIn(reply);
          })
          .startTest();
      }
    }
  }, 300_000);

  it('accepts real handles, names and texts in the fields they belong to', async () => {
    for (const accountName of ACCEPTED_NAMES) {
      await alex()
        .send(form({ ...ACCEPTED, accountName }))
        .assertReply((reply) => expect(cardText(reply), accountName).toContain('Förhandsgranska'))
        .startTest();
    }
    let submitData: Record<string, unknown> = {};
    await alex()
      .send(form({ ...ACCEPTED, purpose: `${ACCEPTED.purpose}. ${CONTROL}` }))
      .assertReply((reply) => {
        expect(cardText(reply)).not.toContain(REFUSED);
        submitData = cardActions(reply)['Skicka för beslut'];
      })
      .startTest();
    await alex()
      .send(submit(submitData))
      .assertReply((reply) => expect(cardText(reply)).toContain('Skickad för beslut'))
      .startTest();
    const channelCard = testBot.notifications.filter((n) => n.to.conversation === CHANNEL).at(-1)!.activity;
    requestId = String(cardActions(channelCard)['Uppdatera'].requestId);
    expect(cardText(channelCard)).toContain('@nykoping2024');
  });

  it('refuses a password in an approver comment and records nothing, then accepts a comment with a handle', async () => {
    for (const verb of ['approval.return', 'approval.approve', 'approval.reject']) {
      for (const { typed } of PASSWORDS) {
        await megan()
          .send(execute(verb, { requestId, round: 1, comment: `Kommentar: ${typed}` }))
          .assertReply((reply) => {
            expect(json(invokeCard(reply)), `${verb}: ${typed}`).toContain(REFUSED);
            expectNoSecretIn(reply);
          })
          .startTest();
      }
    }
    const requests = new AccountRequests(testBot.bot.services.database.db);
    expect((await requests.get(requestId))?.status).toBe('pending');
    await megan()
      .send(execute('approval.approve', { requestId, round: 1, comment: 'Bra! Följ gärna @sthlm_stad_2030, ring 08-508 290 00.' }))
      .assertReply((reply) => expect(json(invokeCard(reply))).toContain('Begäran är godkänd'))
      .startTest();
    const request = await requests.get(requestId);
    expect(request?.status).toBe('approved');
    accountId = request!.accountId!;
    const account = await new AccountRegister(testBot.bot.services.database.db).get(accountId);
    expect(account).toMatchObject({ accountName: '@nykoping2024', url: ACCEPTED.url, audiences: ['unga 13–19 år', 'föräldrar'] });
  });

  it('refuses a password as a policy question, an approver name, in the closing and the "Mina konton" cards, and keeps none typed in chat', async () => {
    for (const { typed } of PASSWORDS) {
      await alex()
        .send(submit({ verb: 'askPolicy.submit', question: `Får jag dela ${typed} med en kollega?` }))
        .assertReply((reply) => {
          expect(cardText(reply)).toContain(REFUSED);
          expectNoSecretIn(reply);
        })
        .startTest();
      await as(testBot.conversation, people.admin, { channel: true })
        .send(submit({ verb: 'admin.saveApprovers', unit: UNIT, manualName: typed, manualAad: '8f2c41aa-1b2c-4d5e-9f00-aabbccddeeff', manualRole: DIRECTOR }))
        .assertReply((reply) => {
          expect(cardText(reply)).toContain(REFUSED);
          expectNoSecretIn(reply);
        })
        .startTest();
      await alex()
        .send(submit({ verb: 'closeAccount.pick', accountId }))
        .assertReply(expectNoSecretIn)
        .send(submit({ verb: 'closeAccount.check', noticePosted: 'true', noticePostedOn: typed, reasonGiven: typed, archived: 'true' }))
        .assertReply(expectNoSecretIn)
        .send(submit({ verb: 'myAccounts.savePeople', accountId, version: 1, owner: typed, standIn: typed }))
        .assertReply(expectNoSecretIn)
        .send(`Lösenordet till vårt Instagram är ${typed}`)
        .assertReply(expectNoSecretIn)
        .startTest();
    }
    await alex()
      .send(submit({ verb: 'askPolicy.submit', question: 'Får vi använda @nykoping2024 under Sommarlovet 2024?' }))
      .assertReply((reply) => expect(cardText(reply)).not.toContain(REFUSED))
      .startTest();
  }, 300_000);

  it('has none of the passwords in any table, and none in any file of the data folder', async () => {
    const db = testBot.bot.services.database.db;
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
    let dump = '';
    for (const { name } of tables.rows) {
      const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(db);
      dump += rows.rows.map((r) => r.row).join('\n');
    }
    expect(dump).toContain(CONTROL);
    for (const { secret } of PASSWORDS) expect(dump, secret).not.toContain(secret);

    await testBot.close();
    closed = true;
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(10);
    const contents = files.map((file) => readFileSync(file));
    const found = (text: string) => contents.some((bytes) => bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le')));
    expect(found(CONTROL)).toBe(true);
    for (const { secret } of PASSWORDS) expect(found(secret), secret).toBe(false);
  }, 120_000);
});
