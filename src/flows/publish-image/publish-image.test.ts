import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../db';
import { readLog } from '../../decisions';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { Chat, inputIds, inputsOf } from '../decision-answer/testing/chat';

const BASICS = ['mediaType', 'identifiablePeople', 'confidential', 'altText'];
const PEOPLE = ['purpose', 'crowd', 'consent', 'children', 'setting', 'protectedIdentity', 'sensitiveCategories', 'integritySensitive'];

const noPeople = { mediaType: 'image', identifiablePeople: 'no', confidential: 'no', altText: 'yes' };
const withPeople = { ...noPeople, identifiablePeople: 'yes' };
const schoolTrip = {
  purpose: 'inform_about_operations',
  crowd: 'no',
  consent: 'all_written',
  children: 'no',
  setting: 'school',
  protectedIdentity: 'no',
  sensitiveCategories: '',
  integritySensitive: '',
};

async function entries() {
  const list = [];
  for await (const entry of readLog(database.db)) list.push(entry);
  return list;
}

let counter = 0;
function newChat(bot: TestBot, options: Parameters<TestBot['conversation']>[0] = {}): Chat {
  counter += 1;
  return new Chat(bot.conversation({ userId: `photo-${counter}`, ...options }));
}

async function openForm(chat: Chat) {
  return chat.card(submit({ verb: 'menu.openFlow', flow: 'publish-image' }));
}

// One bot for the file (building one trains the intent recogniser): Stockholm by default, Nyköping for tenant-nyk.
let database: Database;
let bot: TestBot;
beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  bot = await createTestBot({ PACK_MAPPING: 'tenant-nyk=nykoping' }, database);
});
afterAll(async () => {
  await bot.close();
  await database.close();
});

describe('the photo check (Stockholm)', () => {
  it('starts from the user\'s own words and asks only the first questions', async () => {
    const chat = newChat(bot);
    const card = await chat.card('Får jag lägga upp en bild på barnen från utflykten?');
    expect(cardText(card)).toContain('Kan jag publicera den här bilden?');
    expect(inputIds(card)).toEqual(BASICS);
    expect(cardText(card)).not.toContain('vårdnadshavare');
  });

  it('starts from the menu card', async () => {
    const card = await openForm(newChat(bot));
    expect(inputIds(card)).toEqual(BASICS);
    expect(cardActions(card)['Fortsätt']).toMatchObject({ verb: 'publishImage.next' });
  });

  it('starts the photo check when a picture is attached, and says the picture is not stored', async () => {
    const chat = newChat(bot);
    const card = await chat.card({
      type: 'message',
      text: 'Kan jag publicera den här?',
      attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/secret-picture.png', name: 'utflykt.png' }],
    });
    expect(cardText(card)).toContain('Jag tittar inte på den och sparar den inte');
    expect(inputIds(card)).toEqual(BASICS);
    const answer = await chat.press(card, 'Fortsätt', noPeople);
    expect(cardText(answer)).toContain('Beslutsreferens:');

    const state = await sql<{ value: string }>`select value::text as value from bot_state`.execute(database.db);
    const stored = JSON.stringify(state.rows) + JSON.stringify(await entries());
    expect(stored).not.toContain('secret-picture');
    expect(stored).not.toContain('utflykt.png');
    expect(stored).not.toContain('Kan jag publicera den här?');
  });

  it('logs every answer as a decision with the facts, the person and the conversation', async () => {
    const chat = newChat(bot, { aadObjectId: 'aad-logged-person' });
    const answer = await chat.press(await openForm(chat), 'Fortsätt', noPeople);
    const reference = /Beslutsreferens: ([0-9a-f]{8})/.exec(cardText(answer))?.[1];
    const entry = (await entries()).find((e) => e.decisionId.replace(/-/g, '').startsWith(reference ?? '-'));
    expect(entry).toMatchObject({
      decision: 'publish-image',
      pack: 'stockholm',
      actor: 'aad-logged-person',
      facts: { mediaType: 'image', identifiablePeople: false, confidential: false, altText: true },
    });
    expect(entry?.conversationId).toContain('photo-');
  });

  it('pre-selects film when the user asks about a film', async () => {
    const card = await newChat(bot).card('Får jag lägga upp filmen från skolavslutningen?');
    expect(inputsOf(card).mediaType).toBe('video');
  });

  it('answers at once when no one can be identified in a picture, with reasons, sources and a reference', async () => {
    const chat = newChat(bot);
    const answer = await chat.press(await openForm(chat), 'Fortsätt', noPeople);
    const text = cardText(answer);
    expect(text).toMatch(/^Kan jag publicera den här bilden\?\n(Ja|Ja, med villkor)\n/);
    expect(text).toMatch(/Beslutsreferens: [0-9a-f]{8} · Stockholms stad/);
    expect(cardActions(answer)['Ändra svar']).toMatchObject({ verb: 'publishImage.edit' });
  });

  it('asks about the people only when someone can be identified, and shows what was answered', async () => {
    const chat = newChat(bot);
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', withPeople);
    expect(inputIds(step2)).toEqual(PEOPLE);
    const text = cardText(step2);
    expect(text).toContain('Det du har svarat hittills');
    expect(text).toContain('Går att känna igen någon');
    expect(text).not.toContain('vårdnadshavare');
  });

  it('says no to a child under 13 without a guardian\'s consent, asking about the guardian but not about maturity', async () => {
    const chat = newChat(bot);
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', withPeople);
    const step3 = await chat.press(step2, 'Fortsätt', { ...schoolTrip, purpose: 'portray_individual', consent: 'none', children: 'yes' });
    expect(inputIds(step3)).toEqual(['youngestAge', 'guardianConsent']);
    const answer = await chat.press(step3, 'Fortsätt', { youngestAge: '8', guardianConsent: 'no' });
    const text = cardText(answer);
    expect(text.split('\n')[1]).toBe('Nej');
    expect(text).toContain('Varför');
    expect(text).toMatch(/Källa: .+, avsnittet ”.+”/);
    expect(text).toContain('Nästa steg');
  });

  it('asks about maturity only for a child of 13–17', async () => {
    const chat = newChat(bot);
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', withPeople);
    const step3 = await chat.press(step2, 'Fortsätt', { ...schoolTrip, children: 'yes' });
    const step4 = await chat.press(step3, 'Fortsätt', { youngestAge: '15', guardianConsent: 'no' });
    expect(inputIds(step4)).toEqual(['maturityAssessed']);
    expect(cardText(step4)).toContain('Yngsta barnets ålder');
  });

  it('refuses an age that is not a child\'s, next to the field', async () => {
    const chat = newChat(bot);
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', withPeople);
    const step3 = await chat.press(step2, 'Fortsätt', { ...schoolTrip, children: 'yes' });
    const again = await chat.press(step3, 'Fortsätt', { youngestAge: '40', guardianConsent: 'no' });
    expect(cardText(again)).toContain('Skriv barnets ålder som ett tal mellan 0 och 17.');
    expect(inputIds(again)).toEqual(['youngestAge', 'guardianConsent']);
    expect(inputsOf(again).guardianConsent).toBe('no');
  });

  it('asks for explicit consent only when sensitive data can be read, and for captions only for a film', async () => {
    const chat = newChat(bot);
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', { ...withPeople, mediaType: 'video' });
    expect(inputIds(step2)).toEqual([...PEOPLE, 'captions']);
    const step3 = await chat.press(step2, 'Fortsätt', { ...schoolTrip, sensitiveCategories: 'health,religion_or_belief', captions: 'yes' });
    expect(inputIds(step3)).toEqual(['explicitConsentSensitive']);
  });

  it('asks a film with sound for captions and leaves a silent film without that condition', async () => {
    const answerFor = async (captions: string) => {
      const chat = newChat(bot);
      const step2 = await chat.press(await openForm(chat), 'Fortsätt', { ...withPeople, mediaType: 'video' });
      return cardText(await chat.press(step2, 'Fortsätt', { ...schoolTrip, captions }));
    };
    expect(await answerFor('no')).toContain('Filmen behöver undertexter');
    expect(await answerFor('no_sound')).not.toContain('Filmen behöver undertexter');
  });

  it('answers a double press of the last "Fortsätt" once, and logs one decision', async () => {
    const chat = newChat(bot);
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', withPeople);
    const before = (await entries()).length;
    expect(cardText(await chat.press(step2, 'Fortsätt', schoolTrip))).toContain('Beslutsreferens:');
    expect(cardText(await chat.press(step2, 'Fortsätt', schoolTrip))).toContain('Det här har jag redan svarat på');
    expect((await entries()).length).toBe(before + 1);
  });

  it('shows what it needs to know when the answer is "Vet inte"', async () => {
    const chat = newChat(bot);
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', withPeople);
    const answer = await chat.press(step2, 'Fortsätt', { ...schoolTrip, protectedIdentity: 'unknown', children: 'unknown' });
    const text = cardText(answer);
    expect(text.split('\n')[1]).toBe('Kräver bedömning');
    expect(text).toContain('Det här behöver jag veta för att kunna svara säkert');
    expect(text).toContain('• Har någon av personerna skyddade personuppgifter (skyddad identitet)?');
    expect(text).toContain('• Finns det barn under 18 år som går att känna igen?');
  });

  it('marks unanswered questions in Swedish and keeps what was chosen', async () => {
    const chat = newChat(bot);
    const card = await chat.press(await openForm(chat), 'Fortsätt', { mediaType: 'video', identifiablePeople: '', confidential: 'kanske' });
    const text = cardText(card);
    expect(text).toContain('Några svar saknas eller behöver ändras');
    expect(text).toContain('Välj Ja eller Nej.');
    expect(inputsOf(card).mediaType).toBe('video');
    expect(inputIds(card)).toEqual(BASICS);
  });

  it('treats wrong types in a submit as unanswered, not as a crash', async () => {
    const chat = newChat(bot);
    const form = await openForm(chat);
    const card = await chat.card(submit({ verb: 'publishImage.next', rev: cardActions(form)['Fortsätt'].rev, identifiablePeople: 42, mediaType: ['image'], altText: { yes: 1 } }));
    expect(cardText(card)).toContain('Välj Ja eller Nej.');
    expect(cardText(card)).toContain('Välj bild eller film.');
  });

  it('brings back the filled-in card with "Ändra svar", and answers again after a change', async () => {
    const chat = newChat(bot);
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', withPeople);
    const step3 = await chat.press(step2, 'Fortsätt', { ...schoolTrip, purpose: 'marketing', consent: 'none', children: 'yes' });
    const answer = await chat.press(step3, 'Fortsätt', { youngestAge: '8', guardianConsent: 'no' });
    expect(cardText(answer).split('\n')[1]).toBe('Nej');
    const form = await chat.press(answer, 'Ändra svar');
    expect(cardText(form)).toContain('Här är dina svar');
    expect(inputIds(form)).toEqual([...BASICS, ...PEOPLE, 'youngestAge', 'guardianConsent']);
    expect(inputsOf(form)).toMatchObject({ identifiablePeople: 'yes', purpose: 'marketing', consent: 'none', children: 'yes', youngestAge: '8', guardianConsent: 'no' });
    const again = await chat.press(form, 'Fortsätt', { guardianConsent: 'yes', consent: 'all_written' });
    expect(cardText(again).split('\n')[1]).not.toBe('Nej');
  });

  it('returns to the full card from a step card with "Ändra tidigare svar"', async () => {
    const chat = newChat(bot);
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', withPeople);
    const form = await chat.press(step2, 'Ändra tidigare svar');
    expect(inputIds(form)).toEqual([...BASICS, ...PEOPLE]);
    expect(inputsOf(form).identifiablePeople).toBe('yes');
  });

  it('says so when an older card is submitted, keeps its answers and shows the current card', async () => {
    const chat = newChat(bot);
    const first = await openForm(chat);
    await chat.press(first, 'Fortsätt', withPeople);
    const card = await chat.press(first, 'Fortsätt', { ...withPeople, altText: 'no' });
    const text = cardText(card);
    expect(text).toContain('Det där var ett äldre kort');
    expect(inputIds(card)).toEqual([...BASICS, ...PEOPLE]);
    expect(inputsOf(card).altText).toBe('no');
  });

  it('copes with a submit that has no revision or comes after another flow replaced the draft', async () => {
    const chat = newChat(bot);
    const card = await chat.card(submit({ verb: 'publishImage.next', ...noPeople }));
    expect(cardText(card)).toContain('Jag hittade inte dina tidigare svar');
    expect(inputsOf(card)).toMatchObject(noPeople);
    const edit = await chat.card(submit({ verb: 'publishImage.edit' }));
    expect(cardText(edit)).toContain('Kan jag publicera den här bilden?');
  });

  it('restores the answers behind an answer card with "Ändra svar" even after another question', async () => {
    const chat = newChat(bot);
    const answer = await chat.press(await openForm(chat), 'Fortsätt', noPeople);
    await openForm(chat);
    await chat.card(submit({ verb: 'menu.openFlow', flow: 'ask-policy' }));
    const form = await chat.press(answer, 'Ändra svar');
    expect(inputsOf(form)).toMatchObject(noPeople);
  });
});

describe('the photo check across a restart', () => {
  it('keeps the draft in the database, so the next card still works in a new bot process', async () => {
    const chat = new Chat(bot.conversation({ userId: 'restart-user' }));
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', withPeople);

    const restarted = await createTestBot({}, database);
    try {
      const chatAgain = new Chat(restarted.conversation({ userId: 'restart-user' }));
      const answer = await chatAgain.press(step2, 'Fortsätt', schoolTrip);
      expect(cardText(answer)).toContain('Beslutsreferens:');
      const form = await chatAgain.press(answer, 'Ändra svar');
      expect(inputsOf(form)).toMatchObject({ identifiablePeople: 'yes', setting: 'school' });
    } finally {
      await restarted.close();
    }
  });
});

describe('the photo check (Nyköping)', () => {
  it('names the Fotoavtal form on the card and in the next steps', async () => {
    const chat = newChat(bot, { tenantId: 'tenant-nyk' });
    const step2 = await chat.press(await openForm(chat), 'Fortsätt', withPeople);
    expect(cardText(step2)).toContain('Fotoavtal');
    const answer = await chat.press(step2, 'Fortsätt', { ...schoolTrip, consent: 'all_oral' });
    const text = cardText(answer);
    expect(text).toContain('Fotoavtal');
    expect(text).toContain('Nyköpings kommun');
  });
});
