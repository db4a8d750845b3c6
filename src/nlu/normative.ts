import { foldDiacritics } from './text';

// Words that make a sentence a rule rather than background: obligation, recommendation, permission, prohibition.
const NORMATIVE = /\b(ska|skall|maste|bor|far|kravs|kraver|tillatet|forbjudet|behover|huvudregel)\b/;

/** Whether a sentence of a policy states what staff must, should or may (not) do. */
export function isNormative(sentence: string): boolean {
  return NORMATIVE.test(foldDiacritics(sentence.toLowerCase()));
}
