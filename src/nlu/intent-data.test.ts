import { describe, expect, it } from 'vitest';
import { defaultTrainingData, EVALUATION_DATA_FILE, loadIntentData, parseIntentData, toLabelled } from './intent-data';
import { NluError } from './errors';
import { INTENTS } from './types';
import { prepareUtterance } from './utterance';

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('intent data', () => {
  const training = toLabelled(defaultTrainingData());
  const evaluation = toLabelled(loadIntentData(EVALUATION_DATA_FILE));

  it('has an evaluation set of at least 150 utterances covering every intent', () => {
    expect(evaluation.length).toBeGreaterThanOrEqual(150);
    for (const intent of INTENTS) expect(evaluation.filter((u) => u.intent === intent).length).toBeGreaterThanOrEqual(15);
  });

  it('keeps the evaluation set apart from the training utterances, even after normalisation', () => {
    const seen = new Set(training.map((u) => prepareUtterance(u.text)));
    expect(evaluation.filter((u) => seen.has(prepareUtterance(u.text))).map((u) => u.text)).toEqual([]);
  });

  it('never gives one training utterance two intents', () => {
    const byText = new Map<string, string>();
    const conflicts = training.filter((u) => {
      const key = prepareUtterance(u.text);
      const other = byText.get(key);
      byText.set(key, u.intent);
      return other !== undefined && other !== u.intent;
    });
    expect(conflicts).toEqual([]);
  });

  it('refuses data with an unknown intent, with a code', () => {
    const intents = Object.fromEntries(INTENTS.map((i) => [i, ['x']]));
    const error = captureError(() => parseIntentData({ locale: 'sv', intents: { ...intents, weather: ['regn'] } }, 'test'));
    expect(error).toBeInstanceOf(NluError);
    expect((error as NluError).code).toBe('TRAINING_DATA_INVALID');
  });
});
