import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { Chat, inputIds, inputsOf } from '../decision-answer/testing/chat';

let counter = 0;
function newChat(bot: TestBot, options: Parameters<TestBot['conversation']>[0] = {}): Chat {
  counter += 1;
  return new Chat(bot.conversation({ userId: `moderator-${counter}`, ...options }));
}

const openForm = (chat: Chat) => chat.card(submit({ verb: 'menu.openFlow', flow: 'moderate-post' }));

/** The checklist lines of an answer card, in order. */
function steps(text: string): string[] {
  const after = text.split('\nNästa steg\n')[1] ?? '';
  return after.split('\n').filter((line) => line && !line.startsWith('Beslutsreferens') && line !== 'false' && line !== 'Visa dina svar');
}

// One bot for the file (building one trains the intent recogniser): Stockholm by default, Nyköping for tenant-nyk.
let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ PACK_MAPPING: 'tenant-nyk=nykoping' });
});
afterAll(() => bot.close());

describe('moderation (Stockholm)', () => {

  it('starts from the user\'s own words, pre-ticks a threat, and never asks for the text', async () => {
    const card = await newChat(bot).card('någon skrev ett hot i kommentarerna');
    const text = cardText(card);
    expect(text).toContain('Hur hanterar jag det här inlägget eller kommentaren?');
    expect(text).toContain('själva texten varken behövs eller sparas');
    expect(inputIds(card)).toEqual(['problems', 'ordinary', 'postedBy']);
    expect(inputsOf(card).problems).toBe('unlawful_threat');
    expect(text).toContain('Jag har kryssat i det som verkar stämma');
  });

  it('answers a double press of "Visa vad jag ska göra" once, and logs one decision', async () => {
    const chat = newChat(bot);
    const db = bot.bot.services.database.db;
    const count = async () => Number((await sql<{ n: number }>`select count(*)::int as n from decision_log where decision = 'moderate-post'`.execute(db)).rows[0].n);
    const form = await openForm(chat);
    const before = await count();
    const choices = { problems: 'unlawful_threat', ordinary: '', postedBy: 'public' };
    expect(cardText(await chat.press(form, 'Visa vad jag ska göra', choices))).toContain('Beslutsreferens:');
    expect(cardText(await chat.press(form, 'Visa vad jag ska göra', choices))).toContain('Det här har jag redan svarat på');
    expect(await count()).toBe(before + 1);
  });

  it('never stores what the user wrote about the comment, only the chosen categories', async () => {
    const chat = newChat(bot);
    const card = await chat.card('Någon skrev "Anna Svensson på Storgatan 3 ska få stryk" som hot i kommentarerna');
    const answer = await chat.press(card, 'Visa vad jag ska göra', { postedBy: 'public' });
    expect(cardText(answer)).toContain('Beslutsreferens:');
    const db = bot.bot.services.database.db;
    const state = await sql<{ value: string }>`select value::text as value from bot_state`.execute(db);
    const log = await sql<{ facts: string }>`select f.facts from decision_log l join decision_log_facts f using (decision_id) where l.decision = 'moderate-post'`.execute(db);
    const stored = JSON.stringify(state.rows) + JSON.stringify(log.rows);
    expect(stored).toContain('unlawful_threat');
    expect(stored).not.toMatch(/Anna|Storgatan|stryk/);
  });

  it('answers a threat from the public with the steps in order: document, remove, consider a police report', async () => {
    const chat = newChat(bot);
    const answer = await chat.press(await openForm(chat), 'Visa vad jag ska göra', { problems: 'unlawful_threat', postedBy: 'public' });
    const text = cardText(answer);
    expect(text.split('\n')[1]).toBe('Ta bort');
    expect(text).toContain('Själva texten har inte sparats');
    expect(text).toMatch(/Källa: .+, avsnittet ”.+”/);
    expect(text).toMatch(/Beslutsreferens: [0-9a-f]{8} · Stockholms stad/);
    const list = steps(text);
    expect(list.length).toBeGreaterThanOrEqual(2);
    const documentIndex = list.findIndex((s) => /dokumentera|skärmdump/i.test(s));
    const removeIndex = list.findIndex((s) => /ta bort/i.test(s));
    expect(documentIndex).toBeGreaterThanOrEqual(0);
    expect(removeIndex).toBeGreaterThan(documentIndex);
  });

  it('answers a question with the pack\'s answer time', async () => {
    const chat = newChat(bot);
    const answer = await chat.press(await openForm(chat), 'Visa vad jag ska göra', { ordinary: 'question', postedBy: 'public' });
    const text = cardText(answer);
    expect(text).toMatch(/Svarstid: under .*kontorstid/);
  });

  it('needs at least one category and says so in Swedish, keeping who wrote it', async () => {
    const chat = newChat(bot);
    const card = await chat.press(await openForm(chat), 'Visa vad jag ska göra', { postedBy: 'staff' });
    expect(cardText(card)).toContain('Välj minst ett alternativ');
    expect(inputsOf(card).postedBy).toBe('staff');
  });

  it('refuses categories that do not exist', async () => {
    const chat = newChat(bot);
    const card = await chat.press(await openForm(chat), 'Visa vad jag ska göra', { problems: 'unlawful_threat,made_up', postedBy: 'public' });
    expect(cardText(card)).toContain('Välj bland alternativen.');
  });

  it('answers a complete card even when it is old and the draft is gone', async () => {
    const chat = newChat(bot);
    const answer = await chat.card(submit({ verb: 'moderatePost.submit', rev: 1, problems: '', ordinary: 'complaint_or_opinion', postedBy: 'public' }));
    expect(cardText(answer)).toContain('Beslutsreferens:');
  });

  it('says so when an old card is incomplete', async () => {
    const card = await newChat(bot).card(submit({ verb: 'moderatePost.submit', problems: 'hate_speech' }));
    expect(cardText(card)).toContain('Kortet var gammalt eller ofullständigt');
    expect(inputsOf(card).problems).toBe('hate_speech');
  });

  it('brings back the chosen categories with "Ändra svar"', async () => {
    const chat = newChat(bot);
    const answer = await chat.press(await openForm(chat), 'Visa vad jag ska göra', { problems: 'profanity', ordinary: 'question', postedBy: 'public' });
    const form = await chat.press(answer, 'Ändra svar');
    expect(inputsOf(form)).toMatchObject({ problems: 'profanity', ordinary: 'question', postedBy: 'public' });
    expect(cardActions(form)['Visa vad jag ska göra']).toMatchObject({ verb: 'moderatePost.submit' });
  });
});

describe('moderation (Nyköping)', () => {

  it('answers a question within 24 hours', async () => {
    const chat = newChat(bot, { tenantId: 'tenant-nyk' });
    const answer = await chat.press(await openForm(chat), 'Visa vad jag ska göra', { ordinary: 'question', postedBy: 'public' });
    const text = cardText(answer);
    expect(text).toContain('Svarstid: inom 24 timmar');
    expect(text).toContain('Nyköpings kommun');
  });

  it('removes party-political messages, which are on Nyköping\'s list', async () => {
    const chat = newChat(bot, { tenantId: 'tenant-nyk' });
    const answer = await chat.press(await openForm(chat), 'Visa vad jag ska göra', { problems: 'party_political', postedBy: 'public' });
    expect(cardText(answer).split('\n')[1]).toBe('Ta bort');
  });
});
