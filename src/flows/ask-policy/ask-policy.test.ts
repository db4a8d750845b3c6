import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { Chat } from '../decision-answer/testing/chat';

// One bot for the file: Stockholm by default, Nyköping for tenant-nyk.
let bot: TestBot;
let counter = 0;
beforeAll(async () => {
  bot = await createTestBot({ PACK_MAPPING: 'tenant-nyk=nykoping' });
});
afterAll(() => bot.close());

function chat(tenantId?: string): Chat {
  counter += 1;
  return new Chat(bot.conversation({ userId: `ask-${counter}`, ...(tenantId ? { tenantId } : {}) }));
}

const ask = (question: string) => submit({ verb: 'askPolicy.submit', question });

/** The card's text blocks in order, as a person reads them. */
function lines(card: Parameters<typeof cardText>[0]): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as { type?: string; text?: string };
    if (element.type === 'TextBlock' && typeof element.text === 'string') texts.push(element.text);
    Object.values(node).forEach(walk);
  };
  walk(cardOf(card)?.body);
  return texts;
}

describe('asking about the policy', () => {
  it('shows the decisive sentence first, with its citation right under it', async () => {
    const card = await chat().card(ask('Får jag använda mitt privata konto i jobbet?'));
    const text = lines(card);
    expect(text[0]).toBe('Det här säger policyn');
    expect(text[1]).toBe('»Som huvudregel bör stadens medarbetare inte använda sina privata konton för tjänsteuppgifter.«');
    expect(text[2]).toBe('Källa: Policy för Stockholms stads konton i sociala medier, avsnittet ”Sociala medier privat och i tjänsten”');
  });

  it('says when Nyköpings rutin is silent, and what the law says instead', async () => {
    const card = await chat('tenant-nyk').card(ask('Måste vi texta filmerna vi lägger ut?'));
    const text = lines(card);
    expect(text[0]).toBe('Nyköpings rutin säger inget om tillgänglighet, som undertexter och bildbeskrivningar.');
    expect(text[1]).toContain('lagen (2018:1937) om tillgänglighet till digital offentlig service');
    expect(text[1]).toContain('undertexter');
    expect(cardText(card)).not.toContain('Det här säger policyn');
    expect(text.some((t) => t.startsWith('»'))).toBe(false);
  });

  it('names the related section beside the note when the pack has one', async () => {
    const card = await chat('tenant-nyk').card(ask('Ska vi polisanmäla hot i kommentarerna?'));
    const text = lines(card);
    expect(text[0]).toBe('Nyköpings rutin säger inget om när ni ska polisanmäla något som skrivs på kommunens konton.');
    expect(text[1]).toContain('5 § lagen (1998:112) om ansvar för elektroniska anslagstavlor');
    expect(text).toContain('Det här finns i närliggande avsnitt:');
    expect(cardText(card)).toContain('avsnittet ”6.2 Olämpliga inlägg”');
  });

  it('is honest when nothing in the policy answers the question', async () => {
    const card = await chat().card(ask('Hur bakar man kanelbullar?'));
    expect(lines(card)[0]).toBe('Jag hittade inget avsnitt i Stockholms stad som svarar säkert på din fråga.');
  });
});
