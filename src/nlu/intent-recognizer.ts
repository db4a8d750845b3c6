import { Nlp } from '@nlpjs/nlp';
import { LangSv } from '@nlpjs/lang-sv';
import { defaultTrainingData, type IntentData } from './intent-data';
import { INTENTS, isIntent, type IntentRecognizer, type IntentResult } from './types';
import { prepareUtterance } from './utterance';
import { hasLetters } from './text';

/** Below this score the best guess is not trusted and the user gets the menu. Tuned on the training set. */
export const DEFAULT_INTENT_THRESHOLD = 0.5;

export interface IntentRecognizerOptions {
  /** Training utterances; defaults to src/nlu/data/intents.sv.json. */
  data?: IntentData;
  threshold?: number;
}

async function train(data: IntentData): Promise<Nlp> {
  // Everything in memory: no model file is read or written, nothing is fetched.
  const nlp = new Nlp({
    languages: ['sv'],
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
    forceNER: false,
    threshold: 0,
    nlu: { log: false, spellCheck: true, spellCheckDistance: 1, useNoneFeature: true },
  });
  nlp.use(LangSv);
  for (const intent of INTENTS) {
    for (const utterance of data.intents[intent]) {
      const prepared = prepareUtterance(utterance);
      if (prepared) nlp.addDocument('sv', prepared, intent);
    }
  }
  await nlp.train();
  return nlp;
}

class NlpIntentRecognizer implements IntentRecognizer {
  constructor(
    private readonly nlp: Nlp,
    private readonly threshold: number,
  ) {}

  async recognize(text: string): Promise<IntentResult> {
    const prepared = prepareUtterance(text);
    if (!prepared || !hasLetters(prepared)) return { intent: 'none', score: 1 };
    const result = await this.nlp.process('sv', prepared);
    const best = result.classifications[0];
    if (!best) return { intent: 'none', score: 1 };
    // nlp.js answers "None" when no trained feature is present at all.
    const intent = best.intent === 'None' ? 'none' : best.intent;
    if (!isIntent(intent)) return { intent: 'none', score: 1 };
    if (intent !== 'none' && best.score < this.threshold) return { intent: 'none', score: round(1 - best.score) };
    return { intent, score: round(best.score) };
  }
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}

let shared: Promise<IntentRecognizer> | undefined;

/**
 * Trains a recognizer from the example utterances (well under a second). Without options the trained
 * recognizer is shared by all callers of the process; with options a fresh one is trained.
 */
export function createIntentRecognizer(options?: IntentRecognizerOptions): Promise<IntentRecognizer> {
  if (options) return build(options);
  shared ??= build({}).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

async function build(options: IntentRecognizerOptions): Promise<IntentRecognizer> {
  const nlp = await train(options.data ?? defaultTrainingData());
  return new NlpIntentRecognizer(nlp, options.threshold ?? DEFAULT_INTENT_THRESHOLD);
}
