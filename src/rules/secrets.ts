/**
 * A heuristic, tuned to refuse rather than store: the product records *where* credentials are kept
 * ("1Password, valvet Sociala medier"), never the credentials.
 */
const NOT_WORD = '(?<![\\p{L}\\p{N}])';
const END_WORD = '(?![\\p{L}\\p{N}])';
const KEYWORDS = [
  'lösenord',
  'lösenordet',
  'losenord',
  'losenordet',
  'lösen',
  'password',
  'passwd',
  'passphrase',
  'passord',
  'passordet',
  'pwd',
  'pw',
  'pass',
  'pin',
  'pinkod',
  'pinkoden',
].join('|');

/** "lösenord: …", "password=…", "pin: 1234", "koden är: …" */
const KEYWORD_WITH_VALUE = new RegExp(`${NOT_WORD}(?:${KEYWORDS}|kod|koden)${END_WORD}\\s*(?:är\\s*|is\\s*)?[:=]\\s*\\S`, 'iu');
/** "lösenordet är Sommar2024!", "pw Hej123" — the word right after the keyword (or after "är"/"is"). */
const KEYWORD_THEN_TOKEN = new RegExp(`${NOT_WORD}(?:${KEYWORDS})${END_WORD}\\s+(?:(?:är|is|blir|=)\\s+)?(\\S+)`, 'giu');

const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const SYMBOL = /[^\p{L}\p{N}\s]/u;
const STRONG_SYMBOL = /[!#$%&*?@^~+=<>|{}[\]()"'`€£§]/u;

function classes(token: string): number {
  return Number(LETTER.test(token)) + Number(DIGIT.test(token)) + Number(SYMBOL.test(token));
}

function looksLikeSecretToken(token: string): boolean {
  const cleaned = token.replace(/[.,;]+$/u, '');
  if (cleaned.length < 4) return false;
  // Letters with digits, any mix with symbols, or a case change inside a word: "Sommar2024", "hej!hej", "hemLigt".
  return classes(cleaned) >= 2 || /\p{Ll}\p{Lu}/u.test(cleaned);
}

/** A random-looking token anywhere in the text: "Xk9#mP2$vL", "Inlogg kulturhuset / Sommar2024!". */
function isStrongSecretToken(token: string): boolean {
  const t = token.replace(/[.,;:)"']+$/u, '');
  if (t.length < 8 || t.length > 128) return false;
  if (/^(?:https?:\/\/|www\.)/iu.test(t) || t.includes('/') || t.includes('\\')) return false;
  return LETTER.test(t) && DIGIT.test(t) && STRONG_SYMBOL.test(t);
}

export function looksLikePassword(text: string): boolean {
  if (typeof text !== 'string' || text.length === 0) return false;
  if (KEYWORD_WITH_VALUE.test(text)) return true;
  for (const match of text.matchAll(KEYWORD_THEN_TOKEN)) {
    if (looksLikeSecretToken(match[1])) return true;
  }
  return text.split(/\s+/u).some(isStrongSecretToken);
}
