import { BASE_FACTS, type LoadedPack } from '../../rules';

export interface ExtraFact {
  name: string;
  label: string;
}

/** The yes/no facts a pack adds to open-account, asked on the form as extra toggles. */
export function extraFactsOf(pack: LoadedPack): ExtraFact[] {
  const facts = pack.compiled?.['open-account']?.facts ?? {};
  const base = BASE_FACTS['open-account'];
  return Object.entries(facts)
    .filter(([name, spec]) => !(name in base) && spec.type === 'boolean')
    .map(([name, spec]) => ({ name, label: spec.label ?? name }));
}
