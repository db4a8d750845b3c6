import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRegister } from '../../src/accounts';
import { accountInput } from '../../src/accounts/test-fixtures';
import { openDatabase } from '../../src/db';
import { openPlaygroundSession, type PlaygroundPage, type PlaygroundSession } from './harness';

// The Playground's user (.m365agentsplayground.yml); here Alex owns an account and is in the communications unit.
const ALEX = { aadObjectId: '00000000-0000-4000-8000-000000000020', name: 'Alex Wilber' };
const MEGAN = { aadObjectId: '00000000-0000-4000-8000-000000000021', name: 'Megan Bowen' };

/** 09:30 in Stockholm on the first day of February, a reporting month of the Stockholm pack. */
const REPORTING_MONTH_START = '2027-02-01T08:30:00Z';

async function seedRegister(dataDir: string): Promise<void> {
  const database = await openDatabase({ dataDir });
  await new AccountRegister(database.db).add(accountInput({ accountName: 'Kulturhuset Ung', platform: 'Instagram', owner: ALEX, standIn: MEGAN, openedOn: '2026-03-02' }), 'e2e');
  await database.close();
}

describe('reminders in the Agents Playground', () => {
  let session: PlaygroundSession;
  let chat: PlaygroundPage;

  beforeAll(async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'sma-e2e-reminders-')), 'data');
    await seedRegister(dataDir);
    session = await openPlaygroundSession('reminders', {
      DATA_DIR: dataDir,
      CLOCK_START: REPORTING_MONTH_START,
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_INTERVAL_MS: '500',
      COMMUNICATIONS_UNIT_USERS: ALEX.aadObjectId,
    });
    chat = session.chat;
  });

  afterAll(async () => {
    await session?.close();
  });

  async function cardWith(text: string, timeout = 60_000): Promise<Locator> {
    const card = chat.cards().filter({ hasText: text }).last();
    await card.waitFor({ state: 'visible', timeout });
    return card;
  }

  it('sends the reporting reminder to the owner on their own once the chat exists', async () => {
    await cardWith('Hej! Jag är Sociala medier-assistenten');
    const reminder = await cardWith('Dags att se över dina konton');
    const text = await reminder.innerText();
    expect(text).toContain('rapporteringsmånad (februari 2027)');
    expect(text).toContain('Kulturhuset Ung');
    expect(text).toContain('Du är ansvarig');
    expect(text).toContain('Används kontot fortfarande?');
    expect(text).toContain('När ett konto inte längre används ska det avslutas.');
    await reminder.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await chat.shot('reporting-reminder');
  });

  it('answers "Ja, de används och stämmer – bekräfta" and records the confirmation', async () => {
    const reminder = await cardWith('Dags att se över dina konton');
    const answer = await chat.press(reminder, 'Ja, de används och stämmer – bekräfta');
    expect(await answer.innerText()).toContain('Tack! Dina konton är bekräftade');
    await chat.shot('confirmed');
  });

  it('answers "Nej" to "Används kontot fortfarande?" with the closing request for that account, reason filled in', async () => {
    const reminder = await cardWith('Dags att se över dina konton');
    const request = await chat.press(reminder, 'Nej – avsluta kontot');
    expect(await request.innerText()).toContain('Avsluta Instagram – Kulturhuset Ung');
    expect(await request.innerText()).toContain('beslutas avslutet först');
    expect(await request.getByRole('radio', { name: 'Kontot används inte längre' }).isChecked()).toBe(true);
    await request.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await chat.shot('still-used-no');
    const cancelled = await chat.press(request, 'Avbryt');
    expect(await cancelled.innerText()).toContain('Okej, inget har skickats');
  });

  it('shows the communications unit the campaign progress', async () => {
    const card = await chat.ask('Rapportering');
    const text = await card.innerText();
    expect(text).toContain('Rapporteringen för februari 2027');
    expect(text).toMatch(/Skickade\s*1/);
    expect(text).toMatch(/Bekräftade\s*1/);
    expect(text).toMatch(/Utestående\s*0/);
    await chat.shot('campaign');
  });

  it('finds the same progress from the words of the communications unit', async () => {
    const card = await chat.ask('hur går det med rapporteringen?');
    expect(await card.innerText()).toContain('Rapporteringen för februari 2027');
    await chat.shot('campaign-own-words');
  });

  it('sends the reminder only once while the scheduler keeps running', async () => {
    await chat.ask('Rapportering');
    expect(await chat.cards().filter({ hasText: 'Dags att se över dina konton' }).count()).toBe(1);
  });
});
