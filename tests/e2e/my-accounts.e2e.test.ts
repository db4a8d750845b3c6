import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRegister } from '../../src/accounts';
import { accountInput } from '../../src/accounts/test-fixtures';
import { openDatabase } from '../../src/db';
import { openPlaygroundSession, type PlaygroundPage, type PlaygroundSession } from './harness';

// The people of .m365agentsplayground.yml. Alex (the Playground's user) is in the communications unit here.
const ALEX = { aadObjectId: '00000000-0000-4000-8000-000000000020', name: 'Alex Wilber' };
const MEGAN = { aadObjectId: '00000000-0000-4000-8000-000000000021', name: 'Megan Bowen' };
const ADELE = { aadObjectId: '00000000-0000-4000-8000-000000000022', name: 'Adele Vance' };
const LEE = { aadObjectId: '00000000-0000-4000-8000-000000000023', name: 'Lee Gu' };

/** The register as it is before the bot starts (the embedded database has one user at a time). */
async function seedRegister(dataDir: string): Promise<void> {
  const database = await openDatabase({ dataDir });
  const register = new AccountRegister(database.db);
  await register.add(accountInput({ accountName: 'Kulturhuset Ung', platform: 'Instagram', owner: ALEX, standIn: MEGAN, openedOn: '2025-10-06' }), 'e2e');
  await register.add(
    accountInput({ accountName: 'Stadsbiblioteket', platform: 'Facebook', url: 'https://facebook.com/stadsbiblioteket', owner: MEGAN, standIn: ALEX, openedOn: '2018-03-01', registeredVia: 'existing' }),
    'e2e',
  );
  await register.add(
    accountInput({ accountName: 'Skolval 2026', platform: 'Facebook', unit: 'Utbildningsförvaltningen', owner: LEE, standIn: null, openedOn: '2019-08-15', registeredVia: 'existing' }),
    'e2e',
  );
  const closed = await register.add(accountInput({ accountName: 'Sommarlovsaktiviteter', platform: 'Instagram', owner: LEE, standIn: null, openedOn: '2017-05-01', registeredVia: 'existing' }), 'e2e');
  await register.markClosed(closed.id, '2025-11-30', 'e2e');
  await database.close();
}

function approversFile(dir: string): string {
  const file = path.join(dir, 'approvers.json');
  const approver = (p: { aadObjectId: string; name: string }, role: string) => ({ pack: 'stockholm', unit: 'Kulturförvaltningen', role, ...p });
  writeFileSync(file, JSON.stringify({ approvers: [approver(MEGAN, 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)'), approver(ADELE, 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)')] }));
  return file;
}

describe('Mina konton and Kontoregister in the Agents Playground', () => {
  let session: PlaygroundSession;
  let chat: PlaygroundPage;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sma-e2e-register-'));
    const dataDir = path.join(dir, 'data');
    await seedRegister(dataDir);
    session = await openPlaygroundSession('my-accounts', { DATA_DIR: dataDir, COMMUNICATIONS_UNIT_USERS: ALEX.aadObjectId, APPROVERS_FILE: approversFile(dir) });
    chat = session.chat;
    await chat.nextCard(0);
  });

  afterAll(async () => {
    await session?.close();
  });

  /** A compact Input.ChoiceSet is a Fluent combobox in the Playground: open it, pick the option. */
  async function select(card: Locator, label: string, option: string): Promise<void> {
    await card.getByRole('combobox', { name: label, exact: true }).click();
    await chat.page.getByRole('option', { name: option, exact: true }).click();
  }

  async function showTop(card: Locator): Promise<void> {
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  it('opens the whole register for the communications unit from the menu', async () => {
    const menu = await chat.ask('meny');
    const register = await chat.press(menu, 'Visa konton');
    const text = await register.innerText();
    expect(text).toContain('Kontoregister');
    for (const name of ['Kulturhuset Ung', 'Stadsbiblioteket', 'Skolval 2026', 'Sommarlovsaktiviteter']) expect(text).toContain(name);
    expect(text).toContain('4 konton.');
    await showTop(register);
    await chat.shot('register');
  });

  it('filters the register by platform and status', async () => {
    const card = chat.lastCard();
    await select(card, 'Plattform', 'Facebook');
    await select(card, 'Status', 'Aktivt');
    const filtered = await chat.press(card, 'Filtrera');
    const text = await filtered.innerText();
    expect(text).toContain('Stadsbiblioteket');
    expect(text).toContain('Skolval 2026');
    expect(text).not.toContain('Kulturhuset Ung');
    expect(text).toContain('2 konton.');
    await chat.shot('register-filtered');
  });

  it('makes the report for a period and downloads it as Excel from the card', async () => {
    const exportForm = await chat.press(chat.lastCard(), 'Rapport och export');
    expect(await exportForm.innerText()).toContain('rapporterar nystartade, befintliga och avslutade konton i februari och september');
    await exportForm.getByLabel('Från och med').fill('2025-09-01');
    await exportForm.getByLabel('Till och med').fill('2026-01-31');
    const ready = await chat.press(exportForm, 'Ta fram rapporten');
    const text = await ready.innerText();
    expect(text).toContain('1 september 2025 – 31 januari 2026');
    expect(text).toMatch(/Nystartade\s*1/);
    expect(text).toMatch(/Befintliga\s*2/);
    expect(text).toMatch(/Avslutade\s*1/);
    await chat.shot('report-ready');

    // Action.OpenUrl opens the link in a new tab (role "link" in the Playground); the browser asks the bot for the file.
    const opened = chat.page.context().waitForEvent('request', (r) => r.url().includes('/exports/'));
    const tab = chat.page.context().waitForEvent('page');
    await ready.getByRole('link', { name: 'Ladda ner Excel', exact: true }).click();
    const url = (await opened).url();
    // Close the download tab: a Playground left in a background tab is throttled by the browser.
    await (await tab).close();
    await chat.page.bringToFront();
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${session.bot.port}/exports/`));
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.getWorksheet('Nystartade')!.getRow(2).getCell(3).value).toBe('Kulturhuset Ung');
    expect(workbook.getWorksheet('Avslutade')!.getRow(2).getCell(3).value).toBe('Sommarlovsaktiviteter');
    const csv = await fetch(url.replace('.xlsx.', '.csv.'));
    expect(csv.status).toBe(404);
  });

  it('lists Alex’s own accounts and changes the stand-in', async () => {
    const register = await chat.press(chat.lastCard(), 'Kontoregister');
    const mine = await chat.press(register, 'Mina konton');
    const text = await mine.innerText();
    expect(text).toContain('Mina konton');
    expect(text).toContain('Kulturhuset Ung');
    expect(text).toContain('Stadsbiblioteket');
    expect(text).not.toContain('Skolval 2026');
    await chat.shot('mine');

    // Kulturhuset Ung comes first (open accounts by unit and name); each account has its own button.
    const before = await chat.cards().count();
    await mine.getByRole('button', { name: 'Ändra ansvariga', exact: true }).first().click();
    const edit = await chat.nextCard(before);
    expect(await edit.innerText()).toContain('Kulturhuset Ung · Instagram');
    await select(edit, 'Ersättare', 'Adele Vance');
    await chat.shot('edit');
    const saved = await chat.press(edit, 'Spara');
    expect(await saved.innerText()).toContain('Ändringen är sparad');
    expect(await saved.innerText()).toContain('ersättare är Adele Vance');

    const after = await chat.ask('visa mina konton');
    expect(await after.innerText()).toContain('Ansvarig: Alex Wilber · Ersättare: Adele Vance');
    await chat.shot('mine-after');
  });
});
