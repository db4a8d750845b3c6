import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { NluError } from './errors';
import { INTENTS, type Intent } from './types';
import trainingJson from './data/intents.sv.json';
import { fromProjectRoot } from '../paths';

export const EVALUATION_DATA_FILE = fromProjectRoot('src', 'nlu', 'data', 'intents.eval.sv.json');

const utterances = z.array(z.string().trim().min(1)).min(1);

const intentDataSchema = z.object({
  description: z.string().optional(),
  locale: z.literal('sv'),
  intents: z.object(Object.fromEntries(INTENTS.map((intent) => [intent, utterances])) as Record<Intent, typeof utterances>).strict(),
});

export interface IntentData {
  intents: Record<Intent, string[]>;
}

export interface LabelledUtterance {
  text: string;
  intent: Intent;
}

export function parseIntentData(raw: unknown, source: string): IntentData {
  const parsed = intentDataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NluError('TRAINING_DATA_INVALID', `Invalid intent data in ${source} at ${issue.path.join('.')}: ${issue.message}`, {
      details: { source, path: issue.path.join('.') },
    });
  }
  return { intents: parsed.data.intents as Record<Intent, string[]> };
}

export function loadIntentData(file: string): IntentData {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new NluError('TRAINING_DATA_INVALID', `Cannot read intent data ${file}`, { cause, details: { source: file } });
  }
  return parseIntentData(raw, file);
}

/** The training utterances shipped with the code (imported, so a build copies them along). */
export function defaultTrainingData(): IntentData {
  return parseIntentData(trainingJson, 'src/nlu/data/intents.sv.json');
}

export function toLabelled(data: IntentData): LabelledUtterance[] {
  return INTENTS.flatMap((intent) => data.intents[intent].map((text) => ({ text, intent })));
}
