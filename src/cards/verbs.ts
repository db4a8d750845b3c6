/**
 * Card verbs: the `verb` of every Action.Submit / Action.Execute. Templates reference them by value,
 * handlers by these constants; `tests/cards.test.ts` checks that every verb in a template is listed here.
 */
export const VERBS = {
  showMenu: 'menu.show',
  openFlow: 'menu.openFlow',
  askPolicy: 'askPolicy.submit',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

const registered = new Set<string>(Object.values(VERBS));

/** Flows add their verbs here at import time so the template check knows them. */
export function registerVerbs(verbs: Record<string, string>): void {
  for (const verb of Object.values(verbs)) registered.add(verb);
}

export function isKnownVerb(verb: string): boolean {
  return registered.has(verb);
}

export function knownVerbs(): string[] {
  return [...registered].sort();
}
