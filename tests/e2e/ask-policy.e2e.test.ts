import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlaygroundSession, type PlaygroundPage, type PlaygroundSession } from './harness';

/** The card's lines as a person reads them. */
async function linesOf(card: Locator): Promise<string[]> {
  return (await card.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
}

describe('Fråga om policyn in the Agents Playground (Stockholm)', () => {
  let session: PlaygroundSession;
  let chat: PlaygroundPage;

  beforeAll(async () => {
    session = await openPlaygroundSession('ask-policy');
    chat = session.chat;
    await chat.nextCard(0);
  });

  afterAll(async () => {
    await session?.close();
  });

  async function askOnCard(question: string): Promise<Locator> {
    const menu = await chat.ask('meny');
    const questionCard = await chat.press(menu, 'Fråga');
    await questionCard.locator('textarea, input').first().fill(question);
    return chat.press(questionCard, 'Sök i policyn');
  }

  it('answers with the decisive sentence first and its citation under it', async () => {
    const answer = await askOnCard('Får jag använda mitt privata konto när jag svarar i jobbet?');
    const lines = await linesOf(answer);
    expect(lines[0]).toBe('Det här säger policyn');
    expect(lines[1]).toBe('»Som huvudregel bör stadens medarbetare inte använda sina privata konton för tjänsteuppgifter.«');
    expect(lines[2]).toBe('Källa: Policy för Stockholms stads konton i sociala medier, avsnittet ”Sociala medier privat och i tjänsten”');
    await answer.scrollIntoViewIfNeeded();
    await chat.shot('answered');
  });

  it('says when the policy is silent, what the law says, and the related section', async () => {
    const answer = await askOnCard('Kan en 16-åring själv ge samtycke till att synas på bild?');
    const lines = await linesOf(answer);
    expect(lines[0]).toBe('Stockholms stads policy säger inget om när ett barn på 13–17 år får samtycka själv.');
    expect(lines[1]).toMatch(/^Lagen gäller ändå \(2 kap\. 4 § dataskyddslagen \(2018:218\)/);
    expect(lines).toContain('Det här finns i närliggande avsnitt:');
    expect(lines.some((line) => line.includes('avsnittet ”Personuppgifter och sekretessbelagda uppgifter”'))).toBe(true);
    expect(lines).not.toContain('Det här säger policyn');
    await answer.scrollIntoViewIfNeeded();
    await chat.shot('silent');
  });
});
