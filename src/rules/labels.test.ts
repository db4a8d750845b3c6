import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECISIONS, DECISION_NAMES, FactsError, loadPacks, type PackRegistry } from '.';
import { actionLabel, factLabel, factsErrorText, outcomeLabel } from './labels';

let packs: PackRegistry;
beforeAll(async () => {
  packs = await loadPacks(path.resolve(__dirname, '../../policies'));
});

describe('Swedish labels', () => {
  it('name every outcome of every decision in Swedish', () => {
    for (const decision of DECISION_NAMES) {
      for (const outcome of DECISIONS[decision].outcomes) expect(outcomeLabel(decision, outcome)).not.toBe(outcome);
    }
    expect(outcomeLabel('publish-image', 'allowed_with_conditions')).toBe('Ja, med villkor');
    expect(outcomeLabel('publish-image', 'needs_assessment')).toBe('Kräver bedömning');
  });

  it('word every next step a pack can give as a Swedish sentence', () => {
    for (const id of packs.ids()) {
      const pack = packs.get(id)!;
      for (const decision of DECISION_NAMES) {
        for (const rule of pack.rules[decision]) {
          for (const action of rule.event.params.actions) expect(actionLabel(pack, action)).toMatch(/^[A-ZÅÄÖ].*\.$/);
        }
      }
    }
  });

  it('names the pack consent form and answer time', () => {
    expect(actionLabel(packs.get('nykoping')!, 'use_photo_consent_form')).toBe(
      'Använd blanketten "Fotoavtal – Samtycke från avbildad person – sociala medier" och spara den.',
    );
    expect(actionLabel(packs.get('nykoping')!, 'answer_within_deadline')).toBe('Svara inom 24 timmar.');
    expect(actionLabel(packs.get('stockholm')!, 'answer_within_deadline')).toBe('Svara under normal kontorstid och utan onödigt dröjsmål.');
    expect(actionLabel(packs.get('nykoping')!, 'give_manager_credentials')).toContain('närmaste chef');
  });

  it('renders fact errors in Swedish without the refused text', () => {
    const error = new FactsError('open-account', [
      { field: 'credentialsLocation', kind: 'looks_like_password', message: 'looks like a password' },
      { field: 'endDate', kind: 'invalid_date', message: 'expected a date' },
      { field: 'accountType', kind: 'invalid_value', message: 'expected one of', expected: ['official', 'pedagogical'] },
    ]);
    const text = factsErrorText(error);
    expect(text).toContain('Var inloggningsuppgifterna förvaras: det ser ut som ett lösenord');
    expect(text).toContain('Slutdatum: skriv ett datum som ÅÅÅÅ-MM-DD.');
    expect(text).toContain('Typ av konto: välj ett av alternativen (official, pedagogical).');
  });

  it("uses the pack's own label for facts it adds", () => {
    expect(factLabel('managerHasCredentials', packs.get('nykoping'))).toBe('Din närmaste chef har också inloggningsuppgifterna');
    expect(factLabel('youngestAge')).toBe('Yngsta personens ålder');
  });
});
