import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlaygroundSession, type PlaygroundPage, type PlaygroundSession } from './harness';

async function tick(card: Locator, option: string): Promise<void> {
  await card.getByText(option, { exact: true }).click();
}

function verdictOf(text: string): string {
  return text.split('\n').map((line) => line.trim()).filter(Boolean)[1] ?? '';
}

/** The checklist lines under "Nästa steg", in order. */
async function steps(card: Locator): Promise<string[]> {
  return card.getByRole('checkbox').evaluateAll((boxes) =>
    boxes.map((box) => (box.closest('span')?.textContent ?? box.getAttribute('aria-label') ?? '').trim()),
  );
}

describe('Hur hanterar jag det här inlägget? in the Agents Playground (Nyköping)', () => {
  let session: PlaygroundSession;
  let chat: PlaygroundPage;

  beforeAll(async () => {
    session = await openPlaygroundSession('moderate-post', { DEFAULT_PACK: 'nykoping' });
    chat = session.chat;
    await chat.nextCard(0);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('answers a threat with the steps in order, from the user\'s own words, without asking for the text', async () => {
    const form = await chat.ask('någon skrev ett hot i kommentarerna');
    const formText = await form.innerText();
    expect(formText).toContain('Hur hanterar jag det här inlägget eller kommentaren?');
    expect(formText).toContain('själva texten varken behövs eller sparas');
    expect(await form.getByRole('checkbox', { name: /Olaga hot/ }).isChecked()).toBe(true);
    expect(await form.locator('textarea').count()).toBe(0);
    await form.getByRole('radiogroup', { name: /Vem skrev det/ }).getByRole('radio', { name: 'Någon utanför kommunen (allmänheten)', exact: true }).check();
    await chat.shot('form');

    const answer = await chat.press(form, 'Visa vad jag ska göra');
    const text = await answer.innerText();
    expect(verdictOf(text)).toBe('Ta bort');
    expect(text).toMatch(/Källa: Rutin för användning av sociala medier, Nyköpings kommun, avsnittet ”6\.2 Olämpliga inlägg”/);
    expect(text).toMatch(/Beslutsreferens: [0-9a-f]{8} · Nyköpings kommun/);
    const list = await steps(answer);
    const at = (pattern: RegExp) => list.findIndex((line) => pattern.test(line));
    expect(at(/skärmdump/)).toBe(0);
    expect(at(/^Diarieför/)).toBeGreaterThan(at(/skärmdump/));
    expect(at(/^Ta bort/)).toBeGreaterThan(at(/^Diarieför/));
    await answer.scrollIntoViewIfNeeded();
    await chat.shot('answer-remove');
  });

  it('answers a question within the pack\'s 24 hours after "Ändra svar"', async () => {
    const form = await chat.press(chat.lastCard(), 'Ändra svar');
    await tick(form, 'Olaga hot');
    await tick(form, 'En fråga till oss');
    await chat.shot('edit');
    const answer = await chat.press(form, 'Visa vad jag ska göra');
    const text = await answer.innerText();
    expect(verdictOf(text)).toBe('Svara');
    expect(text).toContain('Svarstid: inom 24 timmar');
    await answer.scrollIntoViewIfNeeded();
    await chat.shot('answer-question');
  });
});
