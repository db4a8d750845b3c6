import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render';
import { evaluate, loadPacks, type DecisionOutput, type PackRegistry } from '../../rules';
import { ANSWER_TEMPLATE, citationText, decisionAnswerData, decisionReference } from './index';
import { containerStyle, toneOf } from './tone';

let packs: PackRegistry;
beforeAll(async () => {
  packs = await loadPacks(path.resolve(__dirname, '../../../policies'));
});

function render(decision: DecisionOutput, packId: string, extra: Partial<Parameters<typeof decisionAnswerData>[2]> = {}) {
  const pack = packs.get(packId)!;
  const data = decisionAnswerData(decision, pack, { title: 'Kan jag publicera den här bilden?', edit: { verb: 'publishImage.edit', data: { rev: 3 } }, againFlow: 'publish-image', ...extra });
  return { data, json: JSON.stringify(renderCard(ANSWER_TEMPLATE, data)) };
}

const childWithoutGuardian = {
  mediaType: 'image',
  identifiablePeople: true,
  confidential: false,
  altText: true,
  purpose: 'marketing',
  crowd: false,
  consent: 'none',
  youngestAge: 8,
  setting: 'school',
  protectedIdentity: false,
  sensitiveCategories: [],
  integritySensitive: [],
  guardianConsent: false,
};

describe('the answer card', () => {
  it('shows the verdict, every reason with its source section, the next steps and the decision reference', async () => {
    const decision = await evaluate(packs.get('stockholm')!, 'publish-image', childWithoutGuardian);
    const { data, json } = render(decision, 'stockholm');
    expect(data.verdict).toBe('Nej');
    expect(data.tone).toBe('Attention');
    expect(data.reasons.length).toBe(decision.reasons.length);
    expect(data.reasons[0].source).toMatch(/^Policy för Stockholms stads konton i sociala medier, avsnittet ”.+”$/);
    expect(data.steps.map((s) => s.text)).toContain('Be vårdnadshavaren om samtycke.');
    expect(json).toContain(`Beslutsreferens: ${decisionReference(decision.decisionId)} · Stockholms stad`);
    expect(json).toContain('"verb":"publishImage.edit","edit":{"rev":3}');
    expect(json).not.toContain('${');
  });

  it('names the pack\'s consent form in the next steps (Nyköping: Fotoavtal)', async () => {
    const decision = await evaluate(packs.get('nykoping')!, 'publish-image', { ...childWithoutGuardian, consent: 'all', consentDocumented: false, guardianConsent: true });
    const { json } = render(decision, 'nykoping');
    expect(json).toContain('Fotoavtal');
    expect(json).toContain('Nyköpings kommun');
  });

  it('lists what is missing with the card\'s own question, or the pack\'s label', async () => {
    const decision = await evaluate(packs.get('stockholm')!, 'publish-image', { identifiablePeople: true, mediaType: 'image', altText: true });
    expect(decision.missing.length).toBeGreaterThan(0);
    const { data } = render(decision, 'stockholm', { factLabel: (fact) => (fact === 'purpose' ? 'Varför vill du publicera den?' : undefined) });
    expect(data.verdict).toBe('Kräver bedömning');
    expect(data.missing).toContainEqual({ text: 'Varför vill du publicera den?' });
    expect(data.missing.every((m) => m.text.length > 0 && !/^[a-z]+[A-Z]/.test(m.text))).toBe(true);
  });

  it('shows the deadline and orders the steps when the flow asks it to', async () => {
    const decision = await evaluate(packs.get('nykoping')!, 'moderate-post', { categories: ['question'], postedBy: 'public' });
    const { data, json } = render(decision, 'nykoping', { deadline: 'inom 24 timmar', orderActions: (a) => [...a].reverse() });
    expect(json).toContain('Svarstid: inom 24 timmar');
    expect(data.steps[0].id).toBe('step1');
  });

  it('leaves out empty parts rather than showing empty headings', async () => {
    const decision = await evaluate(packs.get('stockholm')!, 'publish-image', { identifiablePeople: false, mediaType: 'image', altText: true, confidential: false });
    const { json } = render(decision, 'stockholm');
    expect(json).not.toContain('Det här behöver jag veta');
    expect(json).not.toContain('Svarstid');
    expect(json).not.toContain('Visa dina svar');
  });
});

describe('answer card helpers', () => {
  it('write a citation as document and section', () => {
    expect(citationText({ document: 'Rutin', section: '7. Diarieföring' })).toBe('Rutin, avsnittet ”7. Diarieföring”');
    expect(citationText({ document: 'Rutin', section: '' })).toBe('Rutin');
  });

  it('use the first eight characters of the decision id as its reference', () => {
    expect(decisionReference('1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed')).toBe('1b9d6bcd');
  });

  it('colour the verdict by how far the user may go ahead', () => {
    expect(toneOf('allowed')).toBe('Good');
    expect(toneOf('not_allowed')).toBe('Attention');
    expect(toneOf('something_new')).toBe('Default');
    expect(containerStyle('Warning')).toBe('warning');
    expect(containerStyle('Default')).toBe('default');
  });
});
