import { beforeAll, describe, expect, it } from 'vitest';
import { createIntentRecognizer } from './intent-recognizer';
import type { Intent, IntentRecognizer } from './types';

const EXAMPLES: Record<Intent, string[]> = {
  publish_image: [
    'Får jag lägga upp en bild på barnen från utflykten?',
    'kan jag publicera den här filmen från lucia?',
    'is it ok to post a bild på personalen',
  ],
  moderate_post: ['någon skrev ett hot i kommentarerna', 'hur hanterar jag den här kommentaren?', 'nagon har skrivit rasistiska grejer pa var sida'],
  register_record: ['måste jag diarieföra ett meddelande från en medborgare?', 'behöver jag diarieföra det här?', 'ska det här in i diariet'],
  open_account: ['vi vill starta ett instagramkonto', 'starta nytt konto', 'jag vill skapa en ny facebooksida för biblioteket'],
  register_account: ['registrera befintligt konto', 'vi har redan ett konto på youtube som ska registreras'],
  close_account: ['stäng vårt gamla facebookkonto', 'avsluta konto', 'vi vill lägga ner bloggen'],
  my_accounts: ['mina konton', 'visa kontoregistret'],
  reporting: ['hur går rapporteringen?', 'påminn de som inte har rapporterat'],
  ask_policy: ['hur snabbt ska vi svara på frågor?', 'får jag använda mitt privata konto i tjänsten?', 'vad ska stå i profilen?'],
  help: ['hjälp', 'hej', 'vad kan du göra?'],
  none: ['vad blir det för väder', 'när går tåget till göteborg'],
};

describe('intent recognizer', () => {
  let recognizer: IntentRecognizer;

  beforeAll(async () => {
    recognizer = await createIntentRecognizer();
  });

  for (const [intent, utterances] of Object.entries(EXAMPLES)) {
    for (const utterance of utterances) {
      it(`understands "${utterance}" as ${intent}`, async () => {
        const result = await recognizer.recognize(utterance);
        expect(result.intent).toBe(intent);
        expect(result.score).toBeGreaterThan(0);
        expect(result.score).toBeLessThanOrEqual(1);
      });
    }
  }

  it('gives none for gibberish, emoji only, digits only and empty text', async () => {
    for (const text of ['qwfpgjluy zxcvb', '🙂🙂🙂', '123456', '', '   \n\t ']) {
      expect((await recognizer.recognize(text)).intent).toBe('none');
    }
  });

  it('survives 100 kB of text, control characters and emoji and still answers', async () => {
    const huge = `kan jag publicera den här bilden ${'bla '.repeat(25_000)}`;
    expect((await recognizer.recognize(huge)).intent).not.toBeUndefined();
    const odd = 'avsluta\u0000\u0007 konto 🙈\u200b\u202e på\u0085 facebook';
    expect((await recognizer.recognize(odd)).intent).toBe('close_account');
  });

  it('treats a value that is not a string as unknown instead of throwing', async () => {
    const result = await recognizer.recognize(undefined as unknown as string);
    expect(result).toEqual({ intent: 'none', score: 1 });
  });

  it('shares one trained recognizer between callers without options', async () => {
    const [a, b] = await Promise.all([createIntentRecognizer(), createIntentRecognizer()]);
    expect(a).toBe(b);
  });

  it('trains a separate recognizer from the data it is given', async () => {
    const tiny = await createIntentRecognizer({
      data: {
        intents: {
          publish_image: ['publicera bild'],
          moderate_post: ['elak kommentar'],
          register_record: ['diarieföra'],
          open_account: ['starta konto'],
          register_account: ['registrera befintligt konto'],
          close_account: ['avsluta konto'],
          my_accounts: ['mina konton'],
          reporting: ['rapportering'],
          ask_policy: ['vad säger policyn'],
          help: ['hjälp'],
          none: ['väder'],
        },
      },
    });
    expect(tiny).not.toBe(recognizer);
    expect((await tiny.recognize('publicera en bild')).intent).toBe('publish_image');
  });
});
