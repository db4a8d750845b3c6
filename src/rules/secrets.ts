/**
 * The one password detector of the product. A heuristic tuned to refuse rather than store: the product records
 * *where* credentials are kept ("1Password, valvet Sociala medier"), never the credentials, and a refused text is
 * dropped before anything is written (conversation state, requests, the register, the decision log).
 *
 * It must never refuse what staff type in good faith: account handles ("@nykoping2024", "sthlm_stad_2030"), names,
 * addresses, e-mail addresses, dates, phone numbers and sentences with a year ("Sommarlovet 2024 börjar").
 * `secrets.cases.json` beside this file is the list it is held to.
 */

/**
 * Where the text was typed. A field that holds a name or an address ("name") is expected to be one token such as
 * "nykoping2024"; in running text ("text") a value that is nothing but one letters-and-digits token is a password.
 */
export type SecretContext = 'name' | 'text';

/** Fields (facts, card inputs, register columns) that hold a name, a handle or an address. */
const NAME_FIELDS = new Set(['accountName', 'url', 'manualName', 'manualAad', 'aadObjectId', 'name', 'platform', 'unit', 'text']);

export function contextOfField(field: string): SecretContext {
  const last = field.slice(field.lastIndexOf('.') + 1);
  const bracket = last.indexOf('[');
  return NAME_FIELDS.has(bracket === -1 ? last : last.slice(0, bracket)) ? 'name' : 'text';
}

const NOT_WORD = '(?<![\\p{L}\\p{N}])';
const END_WORD = '(?![\\p{L}\\p{N}])';
const KEYWORDS = [
  'lösenord',
  'lösenordet',
  'losenord',
  'losenordet',
  'lösen',
  'lösenkod',
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

/**
 * Words people build passwords from (seasons, months, "lösen", "välkommen", keyboard rows …), lower case and
 * without diacritics. A token that is one of them plus digits or symbols is a password whatever its case.
 */
const PASSWORD_WORDS = [
  'sommar', 'sommaren', 'vinter', 'vintern', 'var', 'varen', 'host', 'hosten', 'jul', 'julen', 'pask', 'midsommar',
  'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december',
  'losen', 'losenord', 'losenordet', 'password', 'passw', 'passord', 'pass', 'hemlig', 'hemligt', 'hemligheten',
  'valkommen', 'welcome', 'qwerty', 'qwertz', 'asdf', 'asdfgh', 'abc', 'abcd', 'admin', 'administrator', 'test', 'login',
  'inlogg', 'kommun', 'kommunen', 'changeme', 'byt', 'bytmig', 'secret', 'letmein', 'master', 'dragon', 'monkey',
];
const PASSWORD_WORD = new Set(PASSWORD_WORDS);

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
/** Symbols that end up in passwords, not in names or handles (no "-", "_", "." or "/"). */
const STRONG_SYMBOL = /[!#$&*?@^~+=|€£§]/u;
const DIGIT_OR_SYMBOL = /[\p{N}!#$&*?@^~+=|€£§]/u;

/** URLs, e-mail addresses, @handles, #hashtags and ids (UUIDs) are addresses, never passwords. */
const ADDRESS = [
  /^(?:https?:\/\/|www\.)\S+$/iu,
  /^[\p{L}\p{N}][\p{L}\p{N}-]*(?:\.[\p{L}\p{N}-]+)*\.(?:se|nu|com|org|net|eu|info|io)(?:[/:?#]\S*)?$/iu,
  /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u,
  /^[@#][\p{L}\p{N}_.]+$/u,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu,
];

function fold(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

function isPasswordWord(letters: string): boolean {
  return PASSWORD_WORD.has(fold(letters));
}

/** "P@ssw0rd" → "password", "S0mmar!" → "sommari", "K0mmun3n" → "kommunen". */
function unLeet(token: string): string {
  return fold(token).replace(/[013457@$!]/gu, (c) => LEET[c] ?? c);
}

/** Leading and trailing punctuation of running text; a trailing "!" or "?" may belong to the password, so it stays. */
function trimToken(token: string): string {
  return token.replace(/^[("'”“»«[{<]+/u, '').replace(/[.,;:)"'”“»«\]}>]+$/u, '');
}

/** A word followed by digits and/or symbols: "Sommar2024", "Hösten2023!", "Vinter#99", "Lösen123". */
const WORD_THEN_SUFFIX = /^(\p{L}{2,})([^\p{L}\s]+)$/u;
/** A digit between letters in a run of at least six letters and digits: "K0mmun3n", "Xk9mP2vL", "S0mmar". */
const DIGIT_INSIDE = /[\p{L}\p{N}]*\p{L}\p{N}+\p{L}[\p{L}\p{N}]*/gu;

function isSecretPart(part: string): boolean {
  if (part.length < 4 || part.length > 128) return false;
  if (!LETTER.test(part)) return false; // dates, times, phone numbers, amounts
  const hasDigit = DIGIT.test(part);
  const hasSymbol = STRONG_SYMBOL.test(part);
  if (!hasDigit && !hasSymbol) return false; // words, names, "YouTube", "LinkedIn"

  const suffixed = WORD_THEN_SUFFIX.exec(part);
  if (suffixed) {
    const [, word, suffix] = suffixed;
    const digits = suffix.replace(/\D/gu, '').length;
    if (isPasswordWord(word) && (digits > 0 || STRONG_SYMBOL.test(suffix))) return true; // "sommar2024", "Lösen!", "qwerty123"
    // A capitalised word glued to a number, "Kulturhuset2024", "Nykoping24"; not "Tele2" or "Kanal5".
    if (/^\p{Lu}\p{Ll}+$/u.test(word) && /^\p{N}{2,}/u.test(suffix)) return true;
    if (word.length >= 3 && digits > 0 && /[!#$%&*?@^~+=]/u.test(suffix)) return true; // "kultur2024!", "hej#1"
  }
  for (const run of part.match(DIGIT_INSIDE) ?? []) {
    if (run.length < 6) continue; // "B2B", "H2O"
    if (UPPER.test(run) && LOWER.test(run)) return true; // "K0mmun3n", "Xk9mP2vL", "Bibl1otek"
    const plain = unLeet(run).replace(/\d+$/u, '');
    if (PASSWORD_WORDS.some((w) => w.length >= 4 && plain.startsWith(w))) return true; // "l0senord", "s0mmar2024"
  }
  // A symbol inside, not just a sentence's "!" or "?" at the end: "P@ssw0rd", "Xk9#mP2$vL", "hemLig#t1".
  if (hasDigit && part.length >= 6 && STRONG_SYMBOL.test(part.slice(1).replace(/[!?]+$/u, ''))) return true;
  const plain = unLeet(part).replace(/[^\p{L}]+$/u, '');
  return /[013457@$]/u.test(part) && PASSWORD_WORDS.some((w) => w.length >= 4 && plain === w); // "P@ss", "L0sen!"
}

/** A token in running text; "kulturskolan/Sommar2024" and "Bitwarden:IG-2" are looked at part by part. */
function isSecretToken(raw: string): boolean {
  if (!DIGIT_OR_SYMBOL.test(raw)) return false; // most words of a sentence: nothing more to look at
  const token = trimToken(raw);
  if (token.length < 4) return false;
  if (ADDRESS.some((pattern) => pattern.test(token))) return false;
  if (isSecretPart(token)) return true;
  const parts = token.split(/[/\\|:,;]+/u).filter((p) => p.length > 0);
  return parts.length > 1 && parts.some((p) => !ADDRESS.some((pattern) => pattern.test(p)) && isSecretPart(p));
}

function looksLikeSecretAfterKeyword(token: string): boolean {
  const cleaned = token.replace(/[.,;]+$/u, '');
  if (cleaned.length < 4) return false;
  const classes = Number(LETTER.test(cleaned)) + Number(DIGIT.test(cleaned)) + Number(/[^\p{L}\p{N}\s]/u.test(cleaned));
  // Letters with digits, any mix with symbols, or a case change inside a word: "Sommar2024", "hej!hej", "hemLigt".
  return classes >= 2 || /\p{Ll}\p{Lu}/u.test(cleaned);
}

/**
 * One letters-and-digits token as the whole of a running-text field, or of one of its lines or list items (goals
 * are split at new lines, audiences at commas): "kalle123", "ebba2015".
 */
function hasLoneCode(text: string): boolean {
  return text.split(/[\n;,]+/u).some((segment) => {
    const token = trimToken(segment.trim());
    return /^[\p{L}\p{N}]{6,64}$/u.test(token) && /\p{L}{2}/u.test(token) && /\p{N}{2}/u.test(token) && !/^\p{N}+\p{L}{0,3}$/u.test(token);
  });
}

export function looksLikePassword(text: string, context: SecretContext = 'text'): boolean {
  if (typeof text !== 'string' || text.length === 0) return false;
  if (KEYWORD_WITH_VALUE.test(text)) return true;
  for (const match of text.matchAll(KEYWORD_THEN_TOKEN)) {
    if (looksLikeSecretAfterKeyword(match[1])) return true;
  }
  if (context === 'text' && hasLoneCode(text)) return true;
  return text.split(/\s+/u).some(isSecretToken);
}

/**
 * A copy of `value` with every text that looks like a password replaced by "", and the paths of those texts
 * ("goals[1]", "details.purpose"). Each text is judged in the context its field name gives it.
 */
export function withoutSecrets<T>(value: T, field = ''): { value: T; fields: string[] } {
  const fields: string[] = [];
  const find = (node: unknown, path: string, depth: number): void => {
    if (typeof node === 'string') {
      if (looksLikePassword(node, contextOfField(path))) fields.push(path || '(value)');
    } else if (depth <= 8 && node !== null && typeof node === 'object') {
      if (Array.isArray(node)) node.forEach((item, i) => find(item, `${path}[${i}]`, depth + 1));
      else for (const key of Object.keys(node)) find((node as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1);
    }
  };
  find(value, field, 0);
  if (fields.length === 0) return { value, fields };
  // Copied only when something is refused, which is rare: the caller's value is never changed.
  const refused = new Set(fields);
  const blank = (node: unknown, path: string, depth: number): unknown => {
    if (typeof node === 'string') return refused.has(path || '(value)') ? '' : node;
    if (depth > 8 || node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((item, i) => blank(item, `${path}[${i}]`, depth + 1));
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, blank(item, path ? `${path}.${key}` : key, depth + 1)]));
  };
  return { value: blank(value, field, 0) as T, fields };
}

/** The paths of the texts in `value` that look like a password. */
export function secretFields(value: unknown, field = ''): string[] {
  return withoutSecrets(value, field).fields;
}
