export const INTENTS = [
  'publish_image',
  'moderate_post',
  'register_record',
  'open_account',
  'register_account',
  'close_account',
  'my_accounts',
  'reporting',
  'ask_policy',
  'help',
  'none',
] as const;

export type Intent = (typeof INTENTS)[number];

export interface IntentResult {
  intent: Intent;
  /** Confidence in [0, 1]; for `none` it is the confidence that nothing else fits. */
  score: number;
}

export interface IntentRecognizer {
  recognize(text: string): Promise<IntentResult>;
}

export interface PolicyHit {
  packId: string;
  /** Heading as written in the document, e.g. "6.2 Olämpliga inlägg". */
  section: string;
  /** Document title. */
  document: string;
  /** Best passage of the section, 1–3 sentences or list items, verbatim. */
  quote: string;
  /** Relevance in [0, 1]. */
  score: number;
  url?: string;
}

export interface PolicyAnswer {
  /** Whether the answer can be relied on: the first hit decides the question, or the pack is known to be silent. */
  confident: boolean;
  /** The pack declares that it does not regulate the question's topic. */
  silent: boolean;
  /** At most three, best first (when silent: only sections the pack names as related). */
  hits: PolicyHit[];
  /** Swedish, when silent: what the pack does not say and, where the law floor covers it, what the law says. */
  note?: string;
}

export interface PolicySearch {
  search(packId: string, question: string): PolicyAnswer;
}

export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}
