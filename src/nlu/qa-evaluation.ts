import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { NluError } from './errors';
import type { ExplainablePolicySearch } from './policy-search';

const caseSchema = z.object({ question: z.string().min(1), expected: z.string().min(1) });
export const qaSetSchema = z.object({
  description: z.string().optional(),
  packId: z.string().min(1),
  cases: z.array(caseSchema).min(1),
  offTopic: z.array(z.string().min(1)).default([]),
  /** Questions on topics the pack declares it is silent on: the answer must say so. */
  silent: z.array(z.string().min(1)).default([]),
});
export type QaSet = z.infer<typeof qaSetSchema>;

export function loadQaSet(file: string): QaSet {
  const parsed = qaSetSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new NluError('TRAINING_DATA_INVALID', `Invalid QA set ${file}: ${parsed.error.issues[0].message}`, { details: { file } });
  }
  return parsed.data;
}

export function qaEvalPath(policiesDir: string, packId: string): string {
  return path.join(policiesDir, packId, 'qa-eval.json');
}

export interface QaResult {
  packId: string;
  total: number;
  top1: number;
  top3: number;
  confidentAndRight: number;
  misses: { question: string; expected: string; got: string[] }[];
  offTopicTotal: number;
  offTopicRejected: number;
  offTopicAccepted: string[];
  silentTotal: number;
  silentRight: number;
  silentMissed: string[];
  /** Questions the pack answers that were wrongly taken for a silent topic. */
  wronglySilent: string[];
}

export function evaluateQa(search: ExplainablePolicySearch, set: QaSet): QaResult {
  const result: QaResult = {
    packId: set.packId,
    total: set.cases.length,
    top1: 0,
    top3: 0,
    confidentAndRight: 0,
    misses: [],
    offTopicTotal: set.offTopic.length,
    offTopicRejected: 0,
    offTopicAccepted: [],
    silentTotal: set.silent.length,
    silentRight: 0,
    silentMissed: [],
    wronglySilent: [],
  };
  for (const { question, expected } of set.cases) {
    const answer = search.search(set.packId, question);
    if (answer.silent) result.wronglySilent.push(question);
    const sections = answer.hits.map((hit) => hit.section);
    if (sections[0] === expected) {
      result.top1 += 1;
      if (answer.confident) result.confidentAndRight += 1;
    }
    if (sections.includes(expected)) result.top3 += 1;
    if (sections[0] !== expected) result.misses.push({ question, expected, got: sections });
  }
  for (const question of set.offTopic) {
    if (search.search(set.packId, question).confident) result.offTopicAccepted.push(question);
    else result.offTopicRejected += 1;
  }
  for (const question of set.silent) {
    if (search.search(set.packId, question).silent) result.silentRight += 1;
    else result.silentMissed.push(question);
  }
  return result;
}
