/**
 * The register's own guard for the "where are the login credentials kept" field: it must hold a reference
 * (a password-manager entry, a safe), never a password. The decision core refuses such text when the
 * open-account decision runs; this guard keeps the register safe when it is called directly.
 */
const KEYWORD_THEN_VALUE = /\b(?:lösenord(?:et)?|password|passwd|pwd|pw|pass|kod(?:en)?|pin)\s*(?:[:=]|är|is)\s*(\S+)/iu;

function trimPunctuation(token: string): string {
  return token.replace(/[.,;:!?)"']+$/u, '').replace(/^["'(]+/u, '');
}

function isUrl(token: string): boolean {
  return /^https?:\/\//i.test(token);
}

/** Not a plain word: holds a digit or a symbol, or changes case inside the word. */
function isSecretLike(token: string): boolean {
  const t = trimPunctuation(token);
  if (t.length < 4 || isUrl(t)) return false;
  return /[\d]/.test(t) || /[^\p{L}\d]/u.test(t) || /\p{Ll}\p{Lu}/u.test(t);
}

/** A long token that mixes letters, digits and symbols, like "Sommar2026!". */
function isStrongPasswordShape(token: string): boolean {
  const t = token.replace(/[.,;:)"']+$/u, '');
  return t.length >= 8 && !isUrl(t) && /\p{L}/u.test(t) && /\d/.test(t) && /[^\p{L}\d]/u.test(t);
}

export function looksLikePassword(text: string): boolean {
  const keyword = KEYWORD_THEN_VALUE.exec(text);
  if (keyword && isSecretLike(keyword[1])) return true;
  return text.split(/\s+/).some(isStrongPasswordShape);
}
