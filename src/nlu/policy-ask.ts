import { z } from 'zod';
import { SEARCH_TUNING } from './search-tuning';
import { sanitizeInput } from './text';
import type { PolicySearch } from './types';

export const policyAskAnswerSchema = z
  .object({
    pack: z.string().min(1),
    question: z.string(),
    confident: z.boolean(),
    silent: z.boolean(),
    answers: z
      .array(
        z
          .object({
            document: z.string().min(1),
            section: z.string().min(1),
            /** The decisive sentence, verbatim. */
            quote: z.string().min(1),
            url: z.string().url().optional(),
          })
          .strict(),
      )
      .max(SEARCH_TUNING.maxHits),
    note: z.string().min(1).optional(),
  })
  .strict();

/** The answer to a policy question, as `npm run ask` prints it and the ask-policy card shows it (DECISIONS.md). */
export type PolicyAskAnswer = z.infer<typeof policyAskAnswerSchema>;

/** Answers a staff member's policy question from one pack: the one code path behind the CLI and the Teams flow. */
export function askPolicy(search: PolicySearch, packId: string, question: string): PolicyAskAnswer {
  const asked = sanitizeInput(question, SEARCH_TUNING.maxQuestionChars);
  const result = search.search(packId, asked);
  return policyAskAnswerSchema.parse({
    pack: packId,
    question: asked,
    confident: result.confident,
    silent: result.silent,
    answers: result.hits.map((hit) => ({ document: hit.document, section: hit.section, quote: hit.quote, ...(hit.url ? { url: hit.url } : {}) })),
    ...(result.note ? { note: result.note } : {}),
  });
}
