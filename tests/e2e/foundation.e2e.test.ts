import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlaygroundSession, type PlaygroundPage, type PlaygroundSession } from './harness';

describe('the bot in the Agents Playground (personal chat)', () => {
  let session: PlaygroundSession;
  let chat: PlaygroundPage;

  beforeAll(async () => {
    session = await openPlaygroundSession('foundation');
    chat = session.chat;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the Swedish welcome card when the app is installed', async () => {
    const welcome = await chat.nextCard(0);
    await expect.poll(() => welcome.innerText()).toContain('Hej! Jag är Sociala medier-assistenten');
    expect(await welcome.innerText()).toContain('Stockholms stad');
    await chat.shot('welcome');
  });

  it('answers "hjälp" with the menu card', async () => {
    const menu = await chat.ask('hjälp');
    const text = await menu.innerText();
    expect(text).toContain('Vad vill du göra?');
    expect(text).toContain('Fråga om policyn');
    await chat.shot('menu');
  });

  it('reaches the bot with a card submit and answers it', async () => {
    const menu = chat.lastCard();
    const questionCard = await chat.press(menu, 'Fråga');
    expect(await questionCard.innerText()).toContain('Skriv din fråga');
    await questionCard.locator('textarea, input').first().fill('Hur snabbt ska vi svara på frågor från medborgare?');
    await chat.shot('question-filled');
    const answer = await chat.press(questionCard, 'Sök i policyn');
    const text = await answer.innerText();
    expect(text).toContain('Det här säger policyn');
    expect(text).toContain('Besvara frågor och kommentarer');
    await chat.shot('answer');
  });

  it('takes the welcome card button back to the menu', async () => {
    const welcome = chat.cards().first();
    const menu = await chat.press(welcome, 'Visa menyn');
    expect(await menu.innerText()).toContain('Vad vill du göra?');
  });
});
