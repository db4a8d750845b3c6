import type { Condition } from '../rules/pack-schema';
import type { LoadedPack } from '../rules/types';
import type { PolicySection } from './policy-document';

function switchedOnBy(condition: Condition, on: (name: string) => boolean): boolean {
  if ('all' in condition) return condition.all.some((c) => switchedOnBy(c, on));
  if ('any' in condition) return condition.any.some((c) => switchedOnBy(c, on));
  if ('not' in condition) return false;
  return condition.fact.startsWith('amendment:') && condition.operator === 'equal' && condition.value === true && on(condition.fact.slice('amendment:'.length));
}

/**
 * The remiss passages behind the amendments a pack switches on, as sections to search beside the policy text.
 * The pack documents each amendment by the rules it enables: their citation names the remiss answer, its section
 * and a verbatim quote, and their explanation gives the words to find it by.
 */
export function amendmentPassages(pack: LoadedPack): PolicySection[] {
  const on = (name: string) => pack.settings.amendments[name] === true;
  const passages = new Map<string, PolicySection>();
  for (const rules of Object.values(pack.rules)) {
    for (const rule of rules) {
      const { source, text } = rule.event.params;
      const document = pack.documents[source.document];
      if (!source.quote || document?.kind !== 'remiss' || !switchedOnBy(rule.conditions, on)) continue;
      const key = `${source.document}\u0000${source.section}\u0000${source.quote}`;
      const known = passages.get(key);
      if (known) known.keywords = `${known.keywords} ${text}`;
      else passages.set(key, { heading: source.section, level: 2, parents: [], units: [{ text: source.quote, kind: 'sentence' }], document: document.title, keywords: text });
    }
  }
  return [...passages.values()];
}
