/**
 * npm run eval:nlu — accuracy of the intent recognizer on the held-out evaluation set
 * (src/nlu/data/intents.eval.sv.json), per intent, with the list of confusions.
 * Exits with status 1 when overall accuracy is below 90 % or any intent is below 80 %.
 *
 * npm run eval:nlu -- --cv — 5-fold cross-validation on the training set only, for a range of
 * thresholds. This is what the threshold is tuned on; the evaluation set is never used for tuning.
 */
import { EVALUATION_DATA_FILE, defaultTrainingData, loadIntentData, toLabelled, type IntentData, type LabelledUtterance } from './intent-data';
import { formatReport, predictAll, summarize, type Prediction } from './intent-evaluation';
import { createIntentRecognizer, DEFAULT_INTENT_THRESHOLD } from './intent-recognizer';
import { INTENTS } from './types';

const OVERALL_TARGET = 0.9;
const PER_INTENT_TARGET = 0.8;

async function evaluateHeldOut(): Promise<number> {
  const started = Date.now();
  const recognizer = await createIntentRecognizer();
  const trainedMs = Date.now() - started;
  const utterances = toLabelled(loadIntentData(EVALUATION_DATA_FILE));
  const report = summarize(await predictAll(recognizer, utterances));
  console.log(formatReport(`Intent recognition, held-out evaluation set (${utterances.length} utterances), threshold ${DEFAULT_INTENT_THRESHOLD}`, report));
  console.log(`\ntraining took ${trainedMs} ms`);
  const weakest = Math.min(...report.perIntent.map((row) => row.accuracy));
  const pass = report.accuracy >= OVERALL_TARGET && weakest >= PER_INTENT_TARGET;
  console.log(`targets: overall >= ${OVERALL_TARGET * 100} % and every intent >= ${PER_INTENT_TARGET * 100} %: ${pass ? 'met' : 'NOT met'}`);
  return pass ? 0 : 1;
}

function folds(data: IntentData, k: number): { train: IntentData; test: LabelledUtterance[] }[] {
  return Array.from({ length: k }, (_, fold) => {
    const train = { intents: {} } as IntentData;
    const test: LabelledUtterance[] = [];
    for (const intent of INTENTS) {
      train.intents[intent] = [];
      data.intents[intent].forEach((text, index) => {
        if (index % k === fold) test.push({ text, intent });
        else train.intents[intent].push(text);
      });
    }
    return { train, test };
  });
}

async function crossValidate(): Promise<number> {
  const data = defaultTrainingData();
  const thresholds = [0, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8];
  const byThreshold = new Map<number, Prediction[]>(thresholds.map((t) => [t, []]));
  for (const { train, test } of folds(data, 5)) {
    for (const threshold of thresholds) {
      const recognizer = await createIntentRecognizer({ data: train, threshold });
      byThreshold.get(threshold)!.push(...(await predictAll(recognizer, test)));
    }
  }
  for (const threshold of thresholds) {
    const report = summarize(byThreshold.get(threshold)!);
    const weakest = report.perIntent.reduce((a, b) => (a.accuracy <= b.accuracy ? a : b));
    console.log(`threshold ${threshold.toFixed(2)}: accuracy ${(report.accuracy * 100).toFixed(1)} %, weakest ${weakest.intent} ${(weakest.accuracy * 100).toFixed(1)} %`);
  }
  const chosen = summarize(byThreshold.get(DEFAULT_INTENT_THRESHOLD) ?? byThreshold.get(0.5)!);
  console.log('\n' + formatReport(`5-fold cross-validation on the training set, threshold ${DEFAULT_INTENT_THRESHOLD}`, chosen));
  return 0;
}

(process.argv.includes('--cv') ? crossValidate() : evaluateHeldOut()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
