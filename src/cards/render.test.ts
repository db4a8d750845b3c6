import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../flows';
import { CARDS_DIR, CardError, renderCard, templateNames } from './render';
import { isKnownVerb } from './verbs';

function verbsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => verbsIn(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'verb' && typeof value === 'string' && !value.includes('${')) found.push(value);
      else verbsIn(value, found);
    }
  }
  return found;
}

describe('card templates', () => {
  const names = templateNames();

  it('are all Adaptive Cards 1.5, the version Teams renders', () => {
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const json = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'));
      expect({ name, type: json.type, version: json.version }).toEqual({ name, type: 'AdaptiveCard', version: '1.5' });
    }
  });

  it('use only verbs that a handler knows', () => {
    for (const name of names) {
      const json = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'));
      for (const verb of verbsIn(json)) expect({ name, verb, known: isKnownVerb(verb) }).toEqual({ name, verb, known: true });
    }
  });

  it('bind data into the template', () => {
    const card = renderCard('menu', { packName: 'Nyköpings kommun', flows: [{ id: 'x', title: 'Titel', description: 'Beskrivning', button: 'Knapp' }] });
    const json = JSON.stringify(card);
    expect(json).toContain('Svaren följer Nyköpings kommun.');
    expect(json).toContain('"flow":"x"');
    expect(json).not.toContain('${');
  });

  it('refuses a template that is not version 1.5', () => {
    expect(() => renderCard('../package')).toThrow(CardError);
  });
});
