/** Longest text the recognizer and the search look at; longer input is cut (at a word boundary when possible). */
export const MAX_INPUT_CHARS = 500;

// Control characters other than ordinary whitespace, zero-width and bidi marks, emoji and other pictographs.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g;
const PICTOGRAPHS = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{20E3}\u{E0020}-\u{E007F}]/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Makes any input safe and cheap to classify: never throws, removes control characters and emoji,
 * collapses whitespace and truncates. The cut happens before any regular expression runs over the
 * whole text, so a 100 kB message costs the same as a short one.
 */
export function sanitizeInput(text: unknown, maxChars = MAX_INPUT_CHARS): string {
  if (typeof text !== 'string') return '';
  let value = text.length > maxChars * 4 ? text.slice(0, maxChars * 4) : text;
  value = value.normalize('NFC').replace(CONTROL, ' ').replace(PICTOGRAPHS, ' ').replace(/\s+/g, ' ').trim();
  if (value.length <= maxChars) return value;
  const cut = value.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > maxChars * 0.8 ? cut.slice(0, lastSpace) : cut).trim();
}

/** å → a, ä → a, ö → o, é → e …: people often type Swedish without the extra letters. */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** Lower-cased words (letters and digits); punctuation and hyphens separate words. */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

export function hasLetters(text: string): boolean {
  return /\p{L}/u.test(text);
}
