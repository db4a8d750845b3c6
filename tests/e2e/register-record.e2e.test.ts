import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlaygroundSession, type PlaygroundPage, type PlaygroundSession } from './harness';

function verdictOf(text: string): string {
  return text.split('\n').map((line) => line.trim()).filter(Boolean)[1] ?? '';
}

describe('Behöver jag diarieföra det här? in the Agents Playground (Stockholm)', () => {
  let session: PlaygroundSession;
  let chat: PlaygroundPage;

  beforeAll(async () => {
    session = await openPlaygroundSession('register-record');
    chat = session.chat;
    await chat.nextCard(0);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('says to register a message that becomes a case, and not a simple question, from the user\'s own words', async () => {
    const form = await chat.ask('måste jag diarieföra ett meddelande från en medborgare?');
    expect(await form.innerText()).toContain('Behöver jag diarieföra det här?');
    await form.getByRole('checkbox', { name: /blir ett ärende/ }).check();
    await chat.shot('form');

    const answer = await chat.press(form, 'Visa svaret');
    const text = await answer.innerText();
    expect(verdictOf(text)).toBe('Ja, diarieför');
    expect(text).toMatch(/Källa: Policy för Stockholms stads konton i sociala medier, avsnittet ”.+”/);
    expect(text).toMatch(/Beslutsreferens: [0-9a-f]{8} · Stockholms stad/);
    expect(await answer.getByText('Blir ett ärende', { exact: true }).isVisible()).toBe(false);
    await answer.getByRole('button', { name: 'Visa dina svar' }).click();
    await expect.poll(() => answer.getByText('Blir ett ärende', { exact: true }).isVisible()).toBe(true);
    await answer.scrollIntoViewIfNeeded();
    await chat.shot('answer-register');

    const again = await chat.press(answer, 'Ändra svar');
    expect(await again.getByRole('checkbox', { name: /blir ett ärende/ }).isChecked()).toBe(true);
    await again.getByRole('checkbox', { name: /blir ett ärende/ }).uncheck();
    await again.getByRole('checkbox', { name: /ringa eller tillfällig betydelse/ }).check();
    const simple = await chat.press(again, 'Visa svaret');
    expect(verdictOf(await simple.innerText())).toBe('Nej, ingen diarieföring behövs');
    await simple.scrollIntoViewIfNeeded();
    await chat.shot('answer-no-registration');
  });
});
