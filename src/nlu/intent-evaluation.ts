import type { LabelledUtterance } from './intent-data';
import { INTENTS, type Intent, type IntentRecognizer } from './types';

export interface Prediction extends LabelledUtterance {
  predicted: Intent;
  score: number;
}

export interface IntentReport {
  total: number;
  correct: number;
  accuracy: number;
  perIntent: { intent: Intent; total: number; correct: number; accuracy: number }[];
  /** Wrong predictions grouped by expected → predicted, most frequent first. */
  confusions: { expected: Intent; predicted: Intent; count: number; examples: string[] }[];
}

export async function predictAll(recognizer: IntentRecognizer, utterances: LabelledUtterance[]): Promise<Prediction[]> {
  const predictions: Prediction[] = [];
  for (const utterance of utterances) {
    const result = await recognizer.recognize(utterance.text);
    predictions.push({ ...utterance, predicted: result.intent, score: result.score });
  }
  return predictions;
}

export function summarize(predictions: Prediction[]): IntentReport {
  const correct = predictions.filter((p) => p.predicted === p.intent).length;
  const perIntent = INTENTS.map((intent) => {
    const own = predictions.filter((p) => p.intent === intent);
    const ok = own.filter((p) => p.predicted === intent).length;
    return { intent, total: own.length, correct: ok, accuracy: own.length ? ok / own.length : 1 };
  });
  const groups = new Map<string, { expected: Intent; predicted: Intent; count: number; examples: string[] }>();
  for (const p of predictions) {
    if (p.predicted === p.intent) continue;
    const key = `${p.intent}>${p.predicted}`;
    const group = groups.get(key) ?? { expected: p.intent, predicted: p.predicted, count: 0, examples: [] };
    group.count += 1;
    group.examples.push(p.text);
    groups.set(key, group);
  }
  return {
    total: predictions.length,
    correct,
    accuracy: predictions.length ? correct / predictions.length : 1,
    perIntent,
    confusions: [...groups.values()].sort((a, b) => b.count - a.count),
  };
}

export function formatReport(title: string, report: IntentReport): string {
  const pct = (value: number) => `${(value * 100).toFixed(1).padStart(5)} %`;
  const lines = [title, '', 'intent             n   correct  accuracy'];
  for (const row of report.perIntent) {
    lines.push(`${row.intent.padEnd(17)} ${String(row.total).padStart(3)}   ${String(row.correct).padStart(7)}  ${pct(row.accuracy)}`);
  }
  lines.push(`${'overall'.padEnd(17)} ${String(report.total).padStart(3)}   ${String(report.correct).padStart(7)}  ${pct(report.accuracy)}`);
  lines.push('', report.confusions.length ? 'confusions (expected -> predicted):' : 'confusions: none');
  for (const c of report.confusions) {
    lines.push(`  ${c.expected} -> ${c.predicted} (${c.count})`);
    for (const example of c.examples) lines.push(`      "${example}"`);
  }
  return lines.join('\n');
}
