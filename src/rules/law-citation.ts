import type { PackRule } from './pack-schema';
import type { PackDocumentInfo } from './types';

/**
 * A pack rule that cites a statute names the paragraph and quotes it, like a rule citing the policy quotes the
 * policy: "Lag (2018:1937), tillgänglighet" alone cannot be checked by the person reading the answer.
 */
export function lawCitationProblems(rule: PackRule, documents: Record<string, PackDocumentInfo>): string[] {
  const source = rule.event.params.source;
  if (documents[source.document]?.kind !== 'law') return [];
  const problems: string[] = [];
  if (!source.section.includes('§')) problems.push(`event.params.source.section: a rule citing a law names its paragraph (§), got "${source.section}"`);
  if (!source.quote) problems.push('event.params.source.quote: a rule citing a law quotes the paragraph');
  return problems;
}
