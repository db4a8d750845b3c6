import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlaygroundSession, type PlaygroundSession } from './harness';

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
  session?: PlaygroundSession;

  constructor(private readonly name: string, private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    this.session = await openPlaygroundSession(this.name, this.env);
    await this.chat.nextCard(0);
  }

  async stop(): Promise<void> {
    await this.session?.close();
  }

  /** The started session; only valid between start() and stop(). */
  private get started(): PlaygroundSession {
    if (!this.session) throw new Error(`${this.name}: the scenario has not been started`);
    return this.session;
  }

  get chat() {
    return this.started.chat;
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

  /** Toggles and multi-select items are checkboxes labelled with their title (the item's name also holds the set's label). */
  async check(card: Locator, title: string): Promise<void> {
    await card.locator(`input[type="checkbox"][aria-label="${title}"]`).check();
  }

  async showTop(card: Locator): Promise<void> {
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  /**
   * Alex presses "Uppdatera" on an approval card in the channel. Teams sends the card's message id with the press
   * (replyToId) and the card's data (which request, which round); the other people's presses need both.
   */
  async refresh(card: Locator): Promise<{ replyToId: string; requestId: string; round: number }> {
    const invoke = this.page.waitForRequest((r: Request) => r.url().includes('/v1/invoke') && r.method() === 'POST');
    await card.getByRole('button', { name: 'Uppdatera', exact: true }).click();
    const body = (await invoke).postData() ?? '{}';
    const replyToId = /"replyToId":"([^"]+)"/.exec(body)?.[1] ?? '';
    const requestId = /"requestId":"([^"]+)"/.exec(body)?.[1] ?? '';
    const round = Number(/"round":"?(\d+)/.exec(body)?.[1] ?? '1');
    await this.page.waitForTimeout(500);
    return { replyToId, requestId, round };
  }

  /** A press on an approval card by someone else than Alex, as Teams posts it to the bot. */
  async pressAs(person: Person, verb: string, data: Record<string, unknown>, replyToId: string): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${this.started.bot.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `press-${Math.random().toString(36).slice(2)}`,
        channelId: 'msteams',
        serviceUrl: `http://127.0.0.1:${this.started.playground.port}/_connector`,
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
  // Not an approver: nobody decides a request for an account they stand in for (jäv).
  await s.select(form, 'Ersättare vid frånvaro', 'Lee Gu');
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

/** Kontoregister → Rapport och export → Ladda ner Excel, as the communications unit; the account names of a sheet. */
async function registerReport(s: Scenario, sheet: string): Promise<unknown[]> {
  const register = await s.chat.ask('visa kontoregistret');
  const exportForm = await s.chat.press(register, 'Rapport och export');
  await exportForm.getByLabel('Från och med').fill(isoDaysAgo(30));
  await exportForm.getByLabel('Till och med').fill(isoDaysAgo(-1));
  const ready = await s.chat.press(exportForm, 'Ta fram rapporten');
  const opened = s.page.context().waitForEvent('request', (r) => r.url().includes('/exports/'));
  const tab = s.page.context().waitForEvent('page');
  await ready.getByRole('link', { name: 'Ladda ner Excel', exact: true }).click();
  const url = (await opened).url();
  // A Playground left in a background tab is throttled by the browser: close the download tab.
  await (await tab).close();
  await s.page.bringToFront();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await (await fetch(url)).arrayBuffer());
  const names: unknown[] = [];
  workbook.getWorksheet(sheet)?.eachRow((row) => names.push(row.getCell(3).value));
  return names;
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

  it('lets the admin give a channel member an approver role from the member list', async () => {
    const card = await s.post('godkännare', `Godkännare för ${UNIT}`);
    const text = await card.innerText();
    expect(text).toContain('Adele Vance');
    expect(text).toContain('Lee Gu');
    await s.select(card, 'Adele Vance', DIRECTOR);
    await s.showTop(card);
    await s.chat.shot('approvers-card');
    await card.getByRole('button', { name: 'Spara godkännare', exact: true }).click();
    const saved = await s.cardWith('Godkännare sparade');
    const savedText = await saved.innerText();
    expect(savedText).toContain('Adele Vance');
    expect(savedText).toContain('Megan Bowen');
    await s.chat.shot('approvers-saved');
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
    const card = await s.cardWith('Ansökan om nytt konto: Instagram – Kulturskolan Stockholm');
    expect(await card.innerText()).toContain(`Väntar på beslut: ${DIRECTOR}`);
    expect(await card.getByRole('button', { name: 'Godkänn' }).count()).toBe(0);
    await s.showTop(card);
    await s.chat.shot('channel-card');

    ({ replyToId, requestId } = await s.refresh(card));
    expect(replyToId).not.toBe('');
    expect(requestId).not.toBe('');

    const lee = await s.pressAs(LEE, 'approval.approve', { requestId, round: 1 }, replyToId);
    expect(lee).toContain('du är inte godkännare för Kulturförvaltningen');
  });

  it('gives the approver the buttons, records the approval and updates the card for everyone', async () => {
    const view = await s.pressAs(MEGAN, 'approval.refresh', { requestId, round: 1 }, replyToId);
    expect(view).toContain('"title":"Godkänn"');
    const answer = await s.pressAs(MEGAN, 'approval.approve', { requestId, round: 1, comment: 'Bra syfte, kör!' }, replyToId);
    expect(answer).toContain('Du godkände som');
    const twice = await s.pressAs(MEGAN, 'approval.approve', { requestId, round: 1 }, replyToId);
    expect(twice).toContain('Du har redan svarat som');

    // What Alex sees in the channel: the same message, now decided, with who, when and the comment.
    const card = await s.cardWith('Ansökan om nytt konto: Instagram – Kulturskolan Stockholm');
    await expect.poll(() => card.innerText()).toContain('Godkänd');
    const text = await card.innerText();
    expect(text).toContain('Megan Bowen');
    expect(text).toContain('Bra syfte, kör!');
    expect(await card.getByRole('button', { name: 'Uppdatera' }).count()).toBe(0);
    await s.showTop(card);
    await s.chat.shot('channel-approved');
  });

  it('tells the requester and shows the account in Mina konton and in the Excel export', async () => {
    await s.openPersonalChat();
    const told = await s.cardWith('Ditt nya konto är godkänt');
    expect(await told.innerText()).toContain('Kontot finns nu i kontoregistret');
    await s.chat.shot('told-approved');

    const mine = await s.chat.press(told, 'Mina konton');
    expect(await mine.innerText()).toContain('Kulturskolan Stockholm');
    await s.chat.shot('mina-konton');

    const names = await registerReport(s, 'Nystartade');
    expect(names).toContain('Kulturskolan Stockholm');
  });

  it('closes the account in the policy’s order: decision in the channel, then the checklist, and closed in the register', async () => {
    const pick = await s.ask('jag vill avsluta ett konto');
    expect(await pick.innerText()).toContain('Vilket av dina konton vill du avsluta?');
    await pick.getByRole('radio', { name: 'Instagram – Kulturskolan Stockholm (Kulturförvaltningen)' }).check();
    const request = await s.chat.press(pick, 'Nästa');
    const asked = await request.innerText();
    expect(asked).toContain('beslutas avslutet först');
    // The steps are a numbered list in the card: their order is the order of the lines.
    expect(asked).toMatch(/Förvaltnings- eller bolagsdirektör[^\n]*beslutar om avslutet[\s\S]*Informera på kontot[\s\S]*Arkivera innehållet[\s\S]*Stäng kontot/);
    expect(asked).not.toContain('Jag har publicerat information');
    await request.getByRole('radio', { name: 'Kontot ersätts av en annan kanal eller ett annat konto' }).check();
    await request.getByLabel('Föreslaget datum då kontot stängs').fill(isoDaysAgo(0));
    await s.showTop(request);
    await s.chat.shot('close-request');
    const sent = await s.chat.press(request, 'Skicka för beslut');
    expect(await sent.innerText()).toContain('Skickad för beslut');

    await s.openChannel();
    const card = await s.cardWith('Begäran om att avsluta konto: Instagram – Kulturskolan Stockholm');
    expect(await card.innerText()).toContain('Kontot ersätts av en annan kanal');
    const pressed = await s.refresh(card);
    const answer = await s.pressAs(MEGAN, 'approval.approve', { requestId: pressed.requestId, round: 1 }, pressed.replyToId);
    expect(answer).toContain('Du godkände som');
    await expect.poll(() => card.innerText()).toContain('Godkänd');
    await s.showTop(card);
    await s.chat.shot('close-approved');

    await s.openPersonalChat();
    const told = await s.cardWith('Avslutet är godkänt');
    await s.chat.shot('close-told');
    const checklist = await s.chat.press(told, 'Öppna checklistan');
    expect(await checklist.innerText()).toContain('Efter beslutet: avsluta Instagram – Kulturskolan Stockholm');
    await s.check(checklist, 'Jag har publicerat information på kontot om att det ska avslutas');
    await checklist.getByLabel('Datum då informationen publicerades').fill(isoDaysAgo(3));
    await s.check(checklist, 'Informationen säger varför kontot avslutas');
    const notYet = await s.chat.press(checklist, 'Spara och kontrollera');
    expect(await notYet.innerText()).toContain('Arkivera kontots innehåll');
    expect(await notYet.innerText()).toContain('Hänvisa om möjligt till andra kontaktvägar');
    await s.showTop(notYet);
    await s.chat.shot('close-checklist-missing');

    await s.check(notYet, 'Innehållet är arkiverat enligt arkivets vägledning');
    const ready = await s.chat.press(notYet, 'Spara och kontrollera');
    const readyText = await ready.innerText();
    expect(readyText).toContain('Allt som ska göras före avslutet är gjort.');
    // Three days of notice: the policy's "ett par veckor" is shown as a recommendation, not a block.
    expect(readyText).toContain('Det är en rekommendation, inget krav.');
    await s.showTop(ready);
    await s.chat.shot('close-checklist-ready');
    const closed = await s.chat.press(ready, 'Jag har stängt kontot');
    expect(await closed.innerText()).toContain('Kontot är avslutat');
    expect(await closed.innerText()).toContain(isoDaysAgo(0));
    await s.chat.shot('closed');

    const mine = await s.chat.press(closed, 'Mina konton');
    expect(await mine.innerText()).toMatch(/Kulturskolan Stockholm[\s\S]*(Avslutat|avslutat)/);
  });
});

describe('an account from request to closure in the Playground (Nyköping, verksamhetschef and kommunikatör)', () => {
  const s = new Scenario('account-nykoping', {
    DEFAULT_PACK: 'nykoping',
    ADMIN_USERS: ALEX.aadObjectId,
    COMMUNICATIONS_UNIT_USERS: ALEX.aadObjectId,
    APPROVERS_FILE: approversFile([
      { pack: 'nykoping', role: 'Verksamhetschef', person: MEGAN },
      { pack: 'nykoping', role: 'Kommunikatör', person: ADELE },
    ]),
  });
  const title = 'Ansökan om nytt konto: Instagram – Biblioteket Nyköping';

  beforeAll(() => s.start());
  afterAll(() => s.stop());

  it('sends a complete request from the personal chat to the approval channel', async () => {
    await s.openChannel();
    await s.post(`godkännandekanal ${UNIT}`, 'Godkännandekanal sparad');
    await s.openPersonalChat();
    const form = await s.ask('vi vill starta ett instagramkonto för biblioteket');
    await fillAccountForm(s, form, 'Biblioteket Nyköping');
    const missing = await s.chat.press(form, 'Förhandsgranska');
    expect(await missing.innerText()).toContain('uppstartsmöte');
    await s.check(missing, 'Redaktörerna har fått utbildning');
    await s.check(missing, 'Vi har haft uppstartsmöte med kommunikatören');
    const preview = await s.chat.press(missing, 'Förhandsgranska');
    expect(await preview.innerText()).toContain('Beslutas av: Verksamhetschef och Kommunikatör.');
    const sent = await s.chat.press(preview, 'Skicka för beslut');
    expect(await sent.innerText()).toContain('Skickad för beslut');
  });

  it('shows each role\'s answer and approves only when both have approved', async () => {
    await s.openChannel();
    const card = await s.cardWith(title);
    expect(await card.innerText()).toContain('Väntar på beslut: Verksamhetschef och Kommunikatör');
    const { replyToId, requestId } = await s.refresh(card);

    expect(await s.pressAs(LEE, 'approval.approve', { requestId, round: 1 }, replyToId)).toContain('du är inte godkännare');
    expect(await s.pressAs(MEGAN, 'approval.approve', { requestId, round: 1 }, replyToId)).toContain('Du godkände som Verksamhetschef. Nu väntar vi på övriga roller.');
    await expect.poll(() => card.innerText()).toContain('Väntar på beslut: Kommunikatör');
    expect(await card.innerText()).toContain('Verksamhetschef: Godkänt');
    await s.showTop(card);
    await s.chat.shot('channel-first-approval');

    expect(await s.pressAs(ADELE, 'approval.approve', { requestId, round: 1 }, replyToId)).toContain('Du godkände som Kommunikatör. Begäran är godkänd.');
    await expect.poll(() => card.innerText()).toContain('Kommunikatör: Godkänt');
    expect(await card.innerText()).toContain('Godkänd');
    await s.showTop(card);
    await s.chat.shot('channel-approved');
  });

  it('tells the requester at each step and puts the account in Mina konton and the Excel report', async () => {
    await s.openPersonalChat();
    expect(await (await s.cardWith('Ett första godkännande')).innerText()).toContain('Nu väntar vi på Kommunikatör');
    const told = await s.cardWith('Ditt nya konto är godkänt');
    await s.chat.shot('told-approved');
    const mine = await s.chat.press(told, 'Mina konton');
    expect(await mine.innerText()).toContain('Biblioteket Nyköping');
    expect(await registerReport(s, 'Nystartade')).toContain('Biblioteket Nyköping');
  });

  it('closes the account after the decision and after the content is documented and registered', async () => {
    const pick = await s.ask('stäng vårt instagramkonto');
    await pick.getByRole('radio', { name: 'Instagram – Biblioteket Nyköping (Kulturförvaltningen)' }).check();
    const request = await s.chat.press(pick, 'Nästa');
    const text = await request.innerText();
    expect(text).toMatch(/Verksamhetschef och Kommunikatör beslutar om avslutet[\s\S]*Dokumentera och diarieför innehållet[\s\S]*Stäng kontot/);
    await request.getByRole('radio', { name: 'Kontot används inte längre' }).check();
    await request.getByLabel('Föreslaget datum då kontot stängs').fill(isoDaysAgo(0));
    await s.chat.press(request, 'Skicka för beslut');

    await s.openChannel();
    const card = await s.cardWith('Begäran om att avsluta konto: Instagram – Biblioteket Nyköping');
    const { replyToId, requestId } = await s.refresh(card);
    await s.pressAs(ADELE, 'approval.approve', { requestId, round: 1 }, replyToId);
    await s.pressAs(MEGAN, 'approval.approve', { requestId, round: 1 }, replyToId);
    await expect.poll(() => card.innerText()).toContain('Godkänd');

    await s.openPersonalChat();
    const told = await s.cardWith('Avslutet är godkänt');
    const checklist = await s.chat.press(told, 'Öppna checklistan');
    await s.check(checklist, 'Innehållet är arkiverat enligt arkivets vägledning');
    const notYet = await s.chat.press(checklist, 'Spara och kontrollera');
    expect(await notYet.innerText()).toContain('Diarieför kanalens innehåll innan den avvecklas.');
    await s.showTop(notYet);
    await s.chat.shot('close-checklist');
    await s.check(notYet, 'Innehållet är dokumenterat och diariefört');
    const ready = await s.chat.press(notYet, 'Spara och kontrollera');
    const closed = await s.chat.press(ready, 'Jag har stängt kontot');
    expect(await closed.innerText()).toContain('Kontot är avslutat');
    await s.chat.shot('closed');
    expect(await registerReport(s, 'Avslutade')).toContain('Biblioteket Nyköping');
  });
});

describe('a requester who is also an approver is refused on their own request (jäv, förvaltningslagen 16 §)', () => {
  const s = new Scenario('account-jav', {
    ADMIN_USERS: ALEX.aadObjectId,
    COMMUNICATIONS_UNIT_USERS: ALEX.aadObjectId,
    APPROVERS_FILE: approversFile([
      { pack: 'stockholm', role: DIRECTOR, person: ALEX },
      { pack: 'stockholm', role: DIRECTOR, person: MEGAN },
    ]),
  });

  beforeAll(() => s.start());
  afterAll(() => s.stop());

  it('refuses the requester\'s own press on Godkänn in the channel and names who can decide', async () => {
    await s.openChannel();
    await s.post(`godkännandekanal ${UNIT}`, 'Godkännandekanal sparad');
    await s.openPersonalChat();
    const form = await s.ask('Jag vill starta ett nytt instagramkonto för kulturskolan');
    await fillAccountForm(s, form, 'Kulturskolan Jäv');
    const preview = await s.chat.press(form, 'Förhandsgranska');
    expect(await (await s.chat.press(preview, 'Skicka för beslut')).innerText()).toContain('Skickad för beslut');

    await s.openChannel();
    const card = await s.cardWith('Ansökan om nytt konto: Instagram – Kulturskolan Jäv');
    const { requestId } = await s.refresh(card);
    await card.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await expect.poll(() => card.innerText()).toContain('Du kan inte besluta om den här begäran eftersom du själv har begärt den.');
    const text = await card.innerText();
    expect(text).toContain('förvaltningslagen (16 § om jäv)');
    expect(text).toContain(`Megan Bowen kan besluta som ${DIRECTOR}.`);
    expect(text).toContain(`Väntar på beslut: ${DIRECTOR}`);
    await s.showTop(card);
    await s.chat.shot('jav-refused');
    expect(requestId).not.toBe('');
  });
});
