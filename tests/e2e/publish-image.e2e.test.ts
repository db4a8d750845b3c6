import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlaygroundSession, type PlaygroundPage, type PlaygroundSession } from './harness';

/** Picks a radio button under the question whose label matches. */
async function choose(card: Locator, question: RegExp, option: string): Promise<void> {
  await card.getByRole('radiogroup', { name: question }).getByRole('radio', { name: option, exact: true }).check();
}

/** Picks from a compact choice set (a combobox in the Playground). */
async function select(chat: PlaygroundPage, card: Locator, question: RegExp, option: string): Promise<void> {
  await card.getByRole('combobox', { name: question }).click();
  await chat.page.getByRole('option', { name: option, exact: true }).click();
}

function verdictOf(text: string): string {
  return text.split('\n').map((line) => line.trim()).filter(Boolean)[1] ?? '';
}

describe('Kan jag publicera den här bilden? in the Agents Playground (Stockholm)', () => {
  let session: PlaygroundSession;
  let chat: PlaygroundPage;

  beforeAll(async () => {
    session = await openPlaygroundSession('publish-image');
    chat = session.chat;
    await chat.nextCard(0);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('says no to a picture of an 8-year-old without a guardian\'s consent, asked in the user\'s own words', async () => {
    const basics = await chat.ask('Får jag lägga upp en bild på barnen från utflykten?');
    expect(await basics.innerText()).toContain('Kan jag publicera den här bilden?');
    expect(await basics.innerText()).not.toContain('vårdnadshavare');
    await choose(basics, /bild eller en film/, 'Bild');
    await choose(basics, /känna igen någon person/, 'Ja');
    await choose(basics, /omfattas av sekretess/, 'Nej');
    await choose(basics, /bildbeskrivning/, 'Ja');
    await chat.shot('basics');

    const people = await chat.press(basics, 'Fortsätt');
    expect(await people.innerText()).toContain('Det du har svarat hittills');
    await choose(people, /Varför vill du publicera/, 'Visa en viss person (t.ex. ett porträtt eller en intervju)');
    await choose(people, /många personer/, 'Nej');
    await choose(people, /gett sitt samtycke/, 'Nej');
    await choose(people, /Finns det barn under 18/, 'Ja');
    await select(chat, people, /Var är bilden tagen/, 'Skola');
    await choose(people, /skyddade personuppgifter/, 'Nej');
    await chat.shot('people');

    const child = await chat.press(people, 'Fortsätt');
    const childText = await child.innerText();
    expect(childText).toContain('Hur gammal är det yngsta barnet');
    expect(childText).not.toContain('mognad');
    await child.getByRole('textbox', { name: /Hur gammal är det yngsta barnet/ }).fill('8');
    await choose(child, /vårdnadshavare gett sitt samtycke/, 'Nej');
    await chat.shot('child');

    const answer = await chat.press(child, 'Fortsätt');
    const text = await answer.innerText();
    expect(verdictOf(text)).toBe('Nej');
    expect(text).toContain('Varför');
    expect(text).toMatch(/Källa: Policy för Stockholms stads konton i sociala medier, avsnittet ”.+”/);
    expect(text).toContain('Be vårdnadshavaren om samtycke.');
    expect(text).toMatch(/Beslutsreferens: [0-9a-f]{8} · Stockholms stad/);
    await answer.scrollIntoViewIfNeeded();
    await chat.shot('answer-no');
  });

  it('brings back the filled-in card with "Ändra svar" and says yes with conditions once the guardian has consented', async () => {
    const answer = chat.lastCard();
    const form = await chat.press(answer, 'Ändra svar');
    expect(await form.innerText()).toContain('Här är dina svar');
    await expect.poll(() => form.getByRole('radiogroup', { name: /vårdnadshavare gett sitt samtycke/ }).getByRole('radio', { name: 'Nej', exact: true }).isChecked()).toBe(true);
    expect(await form.getByRole('textbox', { name: /Hur gammal är det yngsta barnet/ }).inputValue()).toBe('8');
    await choose(form, /gett sitt samtycke\?/, 'Ja, från alla – skriftligt');
    await choose(form, /vårdnadshavare gett sitt samtycke/, 'Ja');
    await chat.shot('edit');

    const again = await chat.press(form, 'Fortsätt');
    const text = await again.innerText();
    expect(['Ja', 'Ja, med villkor']).toContain(verdictOf(text));
    expect(text).toMatch(/Beslutsreferens: [0-9a-f]{8}/);
    await again.scrollIntoViewIfNeeded();
    await chat.shot('answer-yes');
  });

  it('asks a film about captions and leaves a film without sound without that condition', async () => {
    const basics = await chat.ask('Får jag lägga upp en film från invigningen?');
    await choose(basics, /bild eller en film/, 'Film');
    await choose(basics, /känna igen någon person/, 'Nej');
    await choose(basics, /omfattas av sekretess/, 'Nej');
    await choose(basics, /bildbeskrivning/, 'Ja');
    const captions = await chat.press(basics, 'Fortsätt');
    expect(await captions.innerText()).toContain('undertexter');
    await choose(captions, /undertexter/, 'Filmen har inget ljud');
    const answer = await chat.press(captions, 'Fortsätt');
    const text = await answer.innerText();
    expect(verdictOf(text)).toBe('Ja');
    expect(text).not.toContain('Filmen behöver undertexter');
    await answer.scrollIntoViewIfNeeded();
    await chat.shot('answer-silent-film');
  });
});
