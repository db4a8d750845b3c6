import { QUESTION_STOPWORDS, searchKey, stem } from './swedish';
import { foldDiacritics, words } from './text';

// Inflected forms the Swedish stemmer leaves apart but a reader treats as one word.
const LEMMAS: Readonly<Record<string, string>> = {
  kontot: 'konto', konton: 'konto', kontona: 'konto', kontots: 'konto', kontonas: 'konto', kontos: 'konto',
  inlägget: 'inlägg', inläggets: 'inlägg', meddelandet: 'meddelande', meddelandena: 'meddelande',
  ärendet: 'ärende', ärendena: 'ärende', beslutet: 'beslut', besluten: 'beslut', inloggningen: 'inloggning',
  fotot: 'foto', fotona: 'foto', foton: 'foto', loggan: 'logotyp', logga: 'logotyp', logotypen: 'logotyp',
  egen: 'egen', eget: 'egen', egna: 'egen',
  inkommen: 'inkomma', inkommet: 'inkomma', inkomna: 'inkomma', inkommer: 'inkomma', inkom: 'inkomma', inkommit: 'inkomma',
  // "besvara" is "svara på": one key lets "hur snabbt ska vi svara" find "Besvara frågor".
  besvara: 'svara', besvaras: 'svara', besvarar: 'svara', besvarade: 'svara', besvarats: 'svara', besvarat: 'svara',
};

export interface AnalyzedWord {
  /** The word as typed, lower-case and folded. */
  word: string;
  /** Folded stem used for matching. */
  key: string;
  /** Stem with the original spelling, when it differs from the key (å/ä/ö kept). */
  exact?: string;
}

/** Words of a text, without stop words, as search keys. */
export function analyze(text: string, options: { keepStopwords?: boolean } = {}): AnalyzedWord[] {
  const result: AnalyzedWord[] = [];
  for (const raw of words(text)) {
    const word = LEMMAS[raw] ?? LEMMAS[foldDiacritics(raw)] ?? raw;
    const folded = foldDiacritics(word);
    if (!options.keepStopwords && QUESTION_STOPWORDS.has(folded)) continue;
    const key = searchKey(word);
    const typed = foldDiacritics(raw);
    result.push(word === folded ? { word: typed, key } : { word: typed, key, exact: `=${stem(word)}` });
  }
  return result;
}

/**
 * Splits a compound at the point where both parts are known words: "svarstid" → "svar", "tid",
 * "kommentarsfältet" → "kommentar", "fältet". Returns the keys of the parts, or nothing.
 */
export function splitCompound(word: string, isKnown: (key: string) => boolean): string[] {
  const folded = foldDiacritics(word.toLowerCase());
  if (folded.length < 7) return [];
  for (let cut = folded.length - 3; cut >= 3; cut -= 1) {
    const right = searchKey(LEMMAS[folded.slice(cut)] ?? folded.slice(cut));
    if (!isKnown(right)) continue;
    let left = folded.slice(0, cut);
    if (!isKnown(searchKey(left)) && left.endsWith('s') && left.length > 3) left = left.slice(0, -1);
    const leftKey = searchKey(LEMMAS[left] ?? left);
    if (left.length >= 3 && isKnown(leftKey)) return [leftKey, right];
  }
  return [];
}
