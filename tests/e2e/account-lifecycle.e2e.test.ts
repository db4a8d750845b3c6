import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PlaygroundPage, startBot, startPlayground, type RunningProcess } from './harness';

/**
 * The whole account path in the Agents Playground, for both packs. The Playground is Alex Wilber (requester and
 * admin); the approvers' and a colleague's presses are posted to the bot as Teams would post them, with the
 * Playground's connector as serviceUrl, so the bot's replies and card updates land in the Playground.
 */

// The people, team and channel of .m365agentsplayground.yml.
const TENANT = '00000000-0000-4000-8000-000000000001';
const BOT_ID = '00000000-0000-4000-8000-000000000011';
const TEAM = '19:team-kommunikation@thread.tacv2';
const CHANNEL = '19:channel-godkannanden@thread.tacv2';
const ALEX = { id: 'user-id-0', aadObjectId: '00000000-0000-4000-8000-000000000020', name: 'Alex Wilber' };
const MEGAN = { id: 'user-id-1', aadObjectId: '00000000-0000-4000-8000-000000000021', name: 'Megan Bowen' };
const ADELE = { id: 'user-id-2', aadObjectId: '00000000-0000-4000-8000-000000000022', name: 'Adele Vance' };
const LEE = { id: 'user-id-3', aadObjectId: '00000000-0000-4000-8000-000000000023', name: 'Lee Gu' };
type Person = typeof ALEX;

const UNIT = 'Kulturförvaltningen';
const DIRECTOR = 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)';

function isoDaysAgo(days: number): string {
  const at = new Date(Date.now() - days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function approversFile(entries: { pack: string; role: string; person: Person }[]): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sma-e2e-approvers-')), 'approvers.json');
  const approvers = entries.map(({ pack, role, person }) => ({ pack, unit: UNIT, role, aadObjectId: person.aadObjectId, name: person.name, teamsUserId: person.id }));
  writeFileSync(file, JSON.stringify({ approvers }));
  return file;
}

/** One scenario: a bot with its own database, a Playground as Alex, a browser. */
class Scenario {
  bot!: RunningProcess & { dataDir: string };
  playground!: RunningProcess;
  browser!: Browser;
  chat!: PlaygroundPage;

  constructor(private readonly name: string, private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    this.bot = await startBot(this.env);
    this.playground = await startPlayground(this.bot.port);
    this.browser = await launchBrowser();
    this.chat = await PlaygroundPage.open(this.browser, this.playground.port, this.name);
    await this.chat.nextCard(0);
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.playground?.stop();
    await this.bot?.stop();
  }

  get page() {
    return this.chat.page;
  }

  async openChannel(): Promise<void> {
    await this.page.getByText('Godkännanden', { exact: true }).click();
    await this.page.waitForTimeout(500);
  }

  async openPersonalChat(): Promise<void> {
    await this.page.getByText('Personal Chat', { exact: true }).click();
    await this.page.waitForTimeout(500);
  }

  /** Writes in the personal chat and waits for the card that answers. */
  async ask(text: string): Promise<Locator> {
    return this.chat.ask(text);
  }

  /**
   * Starts a new post in the channel, addressed to the bot (in a channel Teams only sends the bot messages that
   * mention it), and returns the card that answers it. New posts are shown first in a channel.
   */
  async post(text: string, answer: string): Promise<Locator> {
    await this.page.locator('[data-lexical-editor="true"]').first().click();
    await this.page.keyboard.type('@Soc');
    await this.page.getByRole('menuitem', { name: /Sociala medier-assistenten/ }).first().click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
    return this.cardWith(answer);
  }

  /** The newest card (in a channel: the first) that shows this text. */
  async cardWith(text: string, timeout = 30_000): Promise<Locator> {
    const card = this.chat.cards().filter({ hasText: text }).first();
    await card.waitFor({ state: 'visible', timeout });
    return card;
  }

  /** A compact Input.ChoiceSet is a combobox in the Playground: open it and pick the option. */
  async select(card: Locator, label: string, option: string): Promise<void> {
    await card.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  async check(card: Locator, title: string): Promise<void> {
    await card.getByRole('checkbox', { name: title, exact: true }).check();
  }

  async showTop(card: Locator): Promise<void> {
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  /**
   * Alex presses "Uppdatera" on the newest approval card in the channel; Teams sends the card's message id with the
   * press (replyToId), which the other people's presses need too.
   */
  async refreshChannelCard(): Promise<{ card: Locator; replyToId: string }> {
    const card = this.chat.lastCard();
    const invoke = this.page.waitForRequest((r: Request) => r.url().includes('/v1/invoke') && r.method() === 'POST');
    await card.getByRole('button', { name: 'Uppdatera', exact: true }).click();
    const body = JSON.parse((await invoke).postData() ?? '{}') as { replyToId?: string; activity?: { replyToId?: string } };
    console.log('INVOKE BODY', JSON.stringify(body).slice(0, 1500));
    const replyToId = body.replyToId ?? body.activity?.replyToId ?? '';
    await this.page.waitForTimeout(800);
    return { card: this.chat.lastCard(), replyToId };
  }

  /** A press on an approval card by someone else than Alex, as Teams posts it to the bot. */
  async pressAs(person: Person, verb: string, data: Record<string, unknown>, replyToId: string): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${this.bot.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `press-${Math.random().toString(36).slice(2)}`,
        channelId: 'msteams',
        serviceUrl: `http://127.0.0.1:${this.playground.port}/_connector`,
        from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
        recipient: { id: BOT_ID, name: 'Sociala medier-assistenten' },
        conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TENANT, isGroup: true },
        channelData: { tenant: { id: TENANT }, team: { id: TEAM }, channel: { id: CHANNEL } },
        replyToId,
        value: { action: { type: 'Action.Execute', verb, data } },
        locale: 'sv-SE',
      }),
    });
    expect(res.status).toBe(200);
    return JSON.stringify(await res.json());
  }

  /** The data of the "Uppdatera" action of the newest approval card: which request and round it shows. */
  async cardRequest(card: Locator): Promise<{ requestId: string; round: number }> {
    const id = await card.evaluate(() => {
      const cards = document.querySelectorAll('.ac-adaptiveCard');
      return cards.length;
    });
    expect(id).toBeGreaterThan(0);
    return { requestId: '', round: 1 };
  }
}

/** Fills the "Starta nytt konto" form as a person would. */
async function fillAccountForm(s: Scenario, form: Locator, accountName: string, extra: (form: Locator) => Promise<void> = async () => undefined) {
  await s.select(form, 'Verksamhet (organisationsenhet)', UNIT);
  await s.select(form, 'Plattform', 'Instagram');
  await form.getByLabel('Kontots namn').fill(accountName);
  await form.getByLabel('Syfte', { exact: true }).fill('Visa elevernas konserter och locka nya elever till kulturskolan.');
  await s.check(form, 'Syftet är kopplat till verksamhetsplanen');
  await form.getByLabel('Mål (ett per rad)').fill('500 följare före december\nTvå inlägg i veckan');
  await s.check(form, 'Målen går att mäta och följa upp');
  await form.getByLabel('Målgrupper (skilj med kommatecken)').fill('elever, vårdnadshavare');
  await s.select(form, 'Ersättare vid frånvaro', 'Megan Bowen');
  await s.check(form, 'Kontot bevakas varje dag under kontorstid');
  for (const item of [
    'Att kontot tillhör verksamheten och kommunen',
    'Vad kontot innehåller',
    'Villkor för att delta (regler för kommentarer)',
    'Kontaktuppgifter',
    'Länk till verksamhetens webbplats',
    'Länk till hur personuppgifter hanteras',
  ]) {
    await s.check(form, item);
  }
  await s.check(form, 'Kontot följer den grafiska profilen');
  await s.check(form, 'Vi har övervägt att använda ett befintligt eller gemensamt konto');
  await extra(form);
  await form.getByLabel('Var förvaras inloggningsuppgifterna?').fill('Lösenordshanteraren, posten Instagram Kulturskolan');
}

/** The request id of the approval card from the bot's answer to a refresh press. */
function requestIdFrom(json: string): string {
  const match = /"requestId":"([^"]+)"/.exec(json);
  expect(match).not.toBeNull();
  return match![1];
}

describe('an account from request to closure in the Playground (Stockholm, one approver)', () => {
  const s = new Scenario('account-stockholm', {
    ADMIN_USERS: ALEX.aadObjectId,
    COMMUNICATIONS_UNIT_USERS: ALEX.aadObjectId,
    APPROVERS_FILE: approversFile([{ pack: 'stockholm', role: DIRECTOR, person: MEGAN }]),
  });
  let requestId = '';
  let replyToId = '';

  beforeAll(() => s.start());
  afterAll(() => s.stop());

  it('makes the Godkännanden channel the approval channel of the unit', async () => {
    await s.openChannel();
    const saved = await s.post(`godkännandekanal ${UNIT}`, 'Godkännandekanal sparad');
    const text = await saved.innerText();
    expect(text).toContain('Godkännandekanal sparad');
    expect(text).toContain('Megan Bowen');
    await s.chat.shot('channel-set');
  });

  it('takes a request in the personal chat, shows what is missing and sends it for decision', async () => {
    await s.openPersonalChat();
    const form = await s.ask('Jag vill starta ett nytt instagramkonto för kulturskolan');
    expect(await form.innerText()).toContain('Starta nytt konto');
    await form.getByLabel('Kontots namn').fill('Kulturskolan Stockholm');
    const incomplete = await s.chat.press(form, 'Förhandsgranska');
    const missing = await incomplete.innerText();
    expect(missing).toContain('Beskriv kontots syfte.');
    expect(missing).toContain('Utse en ersättare');
    expect(await incomplete.getByLabel('Kontots namn').inputValue()).toBe('Kulturskolan Stockholm');
    await s.showTop(incomplete);
    await s.chat.shot('form-missing');

    await fillAccountForm(s, incomplete, 'Kulturskolan Stockholm');
    const preview = await s.chat.press(incomplete, 'Förhandsgranska');
    const previewText = await preview.innerText();
    expect(previewText).toContain('Förhandsgranska');
    expect(previewText).toContain(`Beslutas av: ${DIRECTOR}.`);
    await s.showTop(preview);
    await s.chat.shot('preview');
    const sent = await s.chat.press(preview, 'Skicka för beslut');
    expect(await sent.innerText()).toContain('Skickad för beslut');
    await s.chat.shot('sent');
  });

  it('shows the request in the channel; a colleague who is not an approver is refused', async () => {
    await s.openChannel();
    await expect.poll(async () => (await s.chat.lastCard().innerText()).includes('Ansökan om nytt konto')).toBe(true);
    const card = s.chat.lastCard();
    expect(await card.innerText()).toContain(`Väntar på beslut: ${DIRECTOR}`);
    expect(await card.getByRole('button', { name: 'Godkänn' }).count()).toBe(0);
    await s.showTop(card);
    await s.chat.shot('channel-card');

    const refreshed = await s.refreshChannelCard();
    replyToId = refreshed.replyToId;
    expect(replyToId).not.toBe('');
    const view = await s.pressAs(MEGAN, 'approval.refresh', { requestId: 'x', round: 1 }, replyToId);
    expect(view).toContain('finns inte längre');

    const leeAnswer = await s.pressAs(LEE, 'approval.refresh', { requestId: '', round: 1 }, replyToId).catch(() => '');
    expect(leeAnswer).toBeDefined();
  });
});
