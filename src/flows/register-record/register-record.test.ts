import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { Chat, inputIds, inputsOf } from '../decision-answer/testing/chat';

const QUESTIONS = ['leadsToAction', 'becomesCase', 'relatesToExistingCase', 'containsConfidential', 'specialInterest', 'politicalMatter', 'trivial'];

let counter = 0;
function newChat(bot: TestBot, options: Parameters<TestBot['conversation']>[0] = {}): Chat {
  counter += 1;
  return new Chat(bot.conversation({ userId: `registrar-${counter}`, ...options }));
}

const openForm = (chat: Chat) => chat.card(submit({ verb: 'menu.openFlow', flow: 'register-record' }));

// One bot for the file (building one trains the intent recogniser): Stockholm by default, Nyköping for tenant-nyk.
let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ PACK_MAPPING: 'tenant-nyk=nykoping' });
});
afterAll(() => bot.close());

describe('registration guidance (Stockholm)', () => {

  it('starts from the user\'s own words with every question as a Yes/No toggle', async () => {
    const card = await newChat(bot).card('måste jag diarieföra ett meddelande från en medborgare?');
    expect(cardText(card)).toContain('Behöver jag diarieföra det här?');
    expect(inputIds(card)).toEqual(QUESTIONS);
    expect(Object.values(inputsOf(card))).toEqual(QUESTIONS.map(() => 'false'));
  });

  it('says register for something that becomes a case', async () => {
    const chat = newChat(bot);
    const answer = await chat.press(await openForm(chat), 'Visa svaret', { becomesCase: 'true' });
    const text = cardText(answer);
    expect(text.split('\n')[1]).toMatch(/diarieför/i);
    expect(text).toMatch(/Källa: .+, avsnittet ”.+”/);
    expect(text).toMatch(/Beslutsreferens: [0-9a-f]{8} · Stockholms stad/);
  });

  it('says no registration is needed for a simple question answered at once', async () => {
    const chat = newChat(bot);
    const answer = await chat.press(await openForm(chat), 'Visa svaret', { trivial: 'true' });
    expect(cardText(answer).split('\n')[1]).toMatch(/behöver inte|Ingen diarieföring/i);
  });

  it('refuses a submit with a missing or wrong toggle value, and shows the card again', async () => {
    const card = await newChat(bot).card(submit({ verb: 'registerRecord.submit', rev: 1, leadsToAction: 'yes', becomesCase: 'true' }));
    const text = cardText(card);
    expect(text).toContain('Kortet var gammalt eller ofullständigt');
    expect(text).toContain('Svaret saknades på kortet');
    expect(inputsOf(card).becomesCase).toBe('true');
  });

  it('brings back the ticked boxes with "Ändra svar"', async () => {
    const chat = newChat(bot);
    const answer = await chat.press(await openForm(chat), 'Visa svaret', { containsConfidential: 'true', politicalMatter: 'true' });
    const form = await chat.press(answer, 'Ändra svar');
    expect(inputsOf(form)).toMatchObject({ containsConfidential: 'true', politicalMatter: 'true', trivial: 'false' });
  });
});

describe('registration guidance (Nyköping)', () => {

  it('cites section 7 of the Nyköping routine', async () => {
    const chat = newChat(bot, { tenantId: 'tenant-nyk' });
    const answer = await chat.press(await openForm(chat), 'Visa svaret', { relatesToExistingCase: 'true' });
    const text = cardText(answer);
    expect(text).toContain('7');
    expect(text).toContain('Nyköpings kommun');
  });
});
