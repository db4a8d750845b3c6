import { z } from 'zod';
import { NluError } from './errors';
import { foldDiacritics } from './text';
import synonymsJson from './data/policy-synonyms.sv.json';

const ruleSchema = z.object({
  name: z.string().min(1),
  when: z.array(z.string().min(1)).min(1),
  with: z.array(z.string().min(1)).min(1).optional(),
  add: z.string().min(1),
  weight: z.number().positive().max(1).optional(),
});
const fileSchema = z.object({ description: z.string().optional(), rules: z.array(ruleSchema) });

export const DEFAULT_SYNONYM_WEIGHT = 0.5;

export interface SynonymRule {
  name: string;
  add: string;
  weight: number;
  matches(question: Question): boolean;
  /** Whether a single (folded) word of the question is one this rule reacts to. */
  reactsTo(foldedWord: string): boolean;
  /**
   * The (folded) words of the question that a multi-word pattern of this rule matched ("ta bort", "lägga ner"):
   * the phrase stands for the rule's words, so its parts are not searched one by one.
   */
  phraseWords(question: Question): string[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Matches at the start of a word: "svar" matches "svarar" but not "besvarar".
function startOfWord(patterns: string[]): RegExp | undefined {
  if (!patterns.length) return undefined;
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${patterns.map(escape).join('|')})`, 'u');
}

/** Folded patterns test the folded question; "=" patterns test the question as typed. */
function anyOf(patterns: string[]): (question: Question) => boolean {
  const folded = startOfWord(patterns.filter((p) => !p.startsWith('=')).map((p) => foldDiacritics(p.toLowerCase())));
  const exact = startOfWord(patterns.filter((p) => p.startsWith('=')).map((p) => p.slice(1).toLowerCase()));
  return (question) => Boolean(folded?.test(question.folded) || exact?.test(question.lower));
}

const isPhrase = (pattern: string) => /[^\p{L}\p{N}]/u.test(pattern.replace(/^=/, '').trim());

/** Words of the question covered by a match of one of the phrases, from the match's start to the end of its last word. */
function phraseMatcher(phrases: string[]): (question: Question) => string[] {
  const folded = phrases.filter((p) => !p.startsWith('=')).map((p) => foldDiacritics(p.toLowerCase()));
  const exact = phrases.filter((p) => p.startsWith('=')).map((p) => p.slice(1).toLowerCase());
  const pattern = (list: string[]) => (list.length ? new RegExp(`(?:^|[^\\p{L}\\p{N}])((?:${list.map(escape).join('|')})[\\p{L}\\p{N}]*)`, 'gu') : undefined);
  const foldedPattern = pattern(folded);
  const exactPattern = pattern(exact);
  return (question) => {
    const spans = [
      ...(foldedPattern ? [...question.folded.matchAll(foldedPattern)] : []),
      ...(exactPattern ? [...question.lower.matchAll(exactPattern)] : []),
    ].map((m) => m[1]);
    return spans.flatMap((span) => foldDiacritics(span).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  };
}

export interface Question {
  /** Lower-case, as typed. */
  lower: string;
  /** Lower-case without å/ä/ö. */
  folded: string;
}

export function toQuestion(text: string): Question {
  const lower = text.toLowerCase();
  return { lower, folded: foldDiacritics(lower) };
}

export function parseSynonymRules(raw: unknown): SynonymRule[] {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NluError('TRAINING_DATA_INVALID', `Invalid synonym rules at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.rules.map((rule) => {
    const when = anyOf(rule.when);
    const withPattern = rule.with ? anyOf(rule.with) : undefined;
    const phrases = phraseMatcher([...rule.when, ...(rule.with ?? [])].filter(isPhrase));
    const firstWords = [...rule.when, ...(rule.with ?? [])].map((p) => foldDiacritics(p.replace(/^=/, '').toLowerCase()).split(/[^\p{L}\p{N}]+/u)[0]).filter(Boolean);
    return {
      name: rule.name,
      add: rule.add,
      weight: rule.weight ?? DEFAULT_SYNONYM_WEIGHT,
      matches: (question: Question) => when(question) && (!withPattern || withPattern(question)),
      phraseWords: (question: Question) => phrases(question),
      reactsTo: (word: string) => firstWords.some((p) => word.startsWith(p) || (p.startsWith(word) && word.length >= 3)),
    };
  });
}

export const DEFAULT_SYNONYM_RULES: readonly SynonymRule[] = parseSynonymRules(synonymsJson);
