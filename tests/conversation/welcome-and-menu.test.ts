import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../helpers/test-bot';

describe('welcome and menu in a personal chat', () => {
  let testBot: TestBot;
  beforeAll(async () => {
    testBot = await createTestBot();
  });
  afterAll(() => testBot.close());

  it('welcomes the user in Swedish with the pack name when the bot is installed', async () => {
    const adapter = testBot.conversation();
    await adapter
      .send({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-id', name: 'Sociala medier-assistenten' }] })
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Hej! Jag är Sociala medier-assistenten');
        expect(text).toContain('Stockholms stad');
        expect(cardActions(reply)['Visa menyn']).toEqual({ verb: 'menu.show' });
      })
      .startTest();
  });

  it('does not welcome anyone when someone else joins', async () => {
    const adapter = testBot.conversation({ userId: 'quiet' });
    await adapter.send({ type: 'conversationUpdate', membersAdded: [{ id: 'another-person', name: 'Megan Bowen' }] }).assertNoReply().startTest();
  });

  it.each(['hjälp', 'meny', 'Hjälp!', 'menu'])('answers "%s" with the menu card', async (word) => {
    const adapter = testBot.conversation();
    await adapter
      .send(word)
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Vad vill du göra?');
        expect(cardText(reply)).toContain('Fråga om policyn');
      })
      .startTest();
  });

  it('opens a flow from the menu button', async () => {
    const adapter = testBot.conversation();
    await adapter
      .send(submit({ verb: 'menu.openFlow', flow: 'ask-policy' }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Skriv din fråga'))
      .startTest();
  });

  it('shows the current menu when a stale card names a flow that does not exist', async () => {
    const adapter = testBot.conversation();
    await adapter
      .send(submit({ verb: 'menu.openFlow', flow: 'gammalt-flöde' }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Det valet finns inte längre'))
      .assertReply((reply) => expect(cardText(reply)).toContain('Vad vill du göra?'))
      .startTest();
  });

  it('explains in Swedish when a card submit has no verb or an unknown one', async () => {
    for (const value of [{}, { verb: 'nonexistent.verb' }, { verb: 42 }, { question: 'utan verb' }]) {
      await testBot
        .conversation()
        .send(submit(value))
        .assertReply((reply) => expect(cardText(reply)).toContain('Jag känner inte igen det kortet'))
        .startTest();
    }
  });

  it('offers the menu when it cannot tell what the user means', async () => {
    await testBot
      .conversation()
      .send('xq zzv plörk')
      .assertReply((reply) => expect(cardText(reply)).toContain('Jag är inte säker på vad du menar'))
      .assertReply((reply) => expect(cardText(reply)).toContain('Vad vill du göra?'))
      .startTest();
  });

  it('survives a huge message with control characters and still answers', async () => {
    const huge = `${'får jag publicera\u0000\u0007 '.repeat(20_000)}😀`;
    await testBot
      .conversation()
      .send(huge)
      .assertReply((reply) => expect(reply.type).toBe('message'))
      .startTest();
  });
});

describe('policy questions', () => {
  let testBot: TestBot;
  beforeAll(async () => {
    testBot = await createTestBot();
  });
  afterAll(() => testBot.close());

  it('answers a question typed on the card with a quoted section', async () => {
    await testBot
      .conversation()
      .send(submit({ verb: 'askPolicy.submit', question: 'Hur snabbt ska vi svara på frågor?' }))
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Det här säger policyn');
        expect(text).toContain('Besvara frågor och kommentarer');
      })
      .startTest();
  });

  it('keeps what was typed and says what is wrong when the question is too short', async () => {
    await testBot
      .conversation()
      .send(submit({ verb: 'askPolicy.submit', question: 'a' }))
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Skriv en fråga på minst några ord.');
        expect(text).toContain('a');
      })
      .startTest();
  });

  it('uses the Nyköping pack for a tenant mapped to it', async () => {
    const nykoping = await createTestBot({ PACK_MAPPING: 'tenant-nyk=nykoping' });
    try {
      await nykoping
        .conversation({ tenantId: 'tenant-nyk' })
        .send(submit({ verb: 'askPolicy.submit', question: 'Inom hur lång tid ska vi svara på frågor?' }))
        .assertReply((reply) => expect(cardText(reply)).toContain('6. Bevakning'))
        .startTest();
    } finally {
      await nykoping.close();
    }
  });
});
