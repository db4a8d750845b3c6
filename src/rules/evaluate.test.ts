import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECISIONS, evaluate, loadPacks, PackError, type DecisionName, type PackRegistry } from '.';
import { evaluateDetailed } from './evaluate';
import { withAmendments } from './pack-loader';

let packs: PackRegistry;
beforeAll(async () => {
  packs = await loadPacks(path.resolve(__dirname, '../../policies'));
});

const NOW = new Date('2025-01-15T09:00:00Z');
const CHILD_PORTRAIT = {
  identifiablePeople: true,
  purpose: 'portray_individual',
  crowd: false,
  consent: 'all',
  consentDocumented: true,
  youngestAge: 9,
  guardianConsent: false,
  confidential: false,
  protectedIdentity: false,
  sensitiveCategories: [],
  integritySensitive: [],
};

describe('evaluate', () => {
  it('returns the output object of DECISIONS.md', async () => {
    const out = await evaluate(packs.get('stockholm')!, 'publish-image', CHILD_PORTRAIT, NOW);
    expect(Object.keys(out).sort()).toEqual(['actions', 'at', 'decision', 'decisionId', 'missing', 'outcome', 'pack', 'packVersion', 'reasons'].sort());
    expect(out).toMatchObject({ decision: 'publish-image', pack: 'stockholm', outcome: 'not_allowed', at: NOW.toISOString(), missing: [] });
    expect(out.decisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.packVersion).toBe(packs.get('stockholm')!.version);
    expect(out.reasons[0]).toEqual({
      rule: 'child-under-13-needs-guardian-consent',
      text: expect.stringContaining('vårdnadshavaren'),
      source: { document: 'Policy för Stockholms stads konton i sociala medier', section: 'Personuppgifter och sekretessbelagda uppgifter', quote: expect.stringContaining('under 13 år') },
    });
  });

  it('orders reasons most decisive first and keeps only the next steps that still apply', async () => {
    const out = await evaluate(packs.get('stockholm')!, 'publish-image', CHILD_PORTRAIT, NOW);
    // not_allowed, then needs_assessment (the law floor), then allowed_with_conditions by priority, then allowed.
    expect(out.reasons.map((r) => r.rule)).toEqual([
      'child-under-13-needs-guardian-consent',
      'law-child-under-13-guardian-consent',
      'children-special-care',
      'image-needs-alt-text',
      'consent-from-all-documented',
    ]);
    // Publishing is not allowed, so "add an image description" is no longer a next step.
    expect(out.actions).toEqual(['get_guardian_consent']);
  });

  it('deduplicates next steps in the order of the reasons', async () => {
    const out = await evaluate(packs.get('nykoping')!, 'moderate-post', { categories: ['profanity', 'advertising', 'question'] }, NOW);
    expect(out.actions).toEqual(['document_screenshot', 'register', 'remove', 'answer_within_deadline']);
  });

  it('reports missing facts only when the decision ends in needs_assessment or incomplete', async () => {
    const partial = await evaluate(packs.get('stockholm')!, 'publish-image', { identifiablePeople: true, purpose: 'portray_individual' }, NOW);
    expect(partial.outcome).toBe('needs_assessment');
    expect(partial.missing).toEqual(expect.arrayContaining(['youngestAge', 'consent']));
    const conclusive = await evaluate(packs.get('stockholm')!, 'publish-image', { identifiablePeople: true, purpose: 'portray_individual', protectedIdentity: true }, NOW);
    expect(conclusive.outcome).toBe('not_allowed');
    expect(conclusive.missing).toEqual([]);
  });

  it('adds the answer deadline only where the pack sets one', async () => {
    expect((await evaluate(packs.get('nykoping')!, 'moderate-post', { categories: ['question'] }, NOW)).deadlineHours).toBe(24);
    expect(await evaluate(packs.get('stockholm')!, 'moderate-post', { categories: ['question'] }, NOW)).not.toHaveProperty('deadlineHours');
  });

  it('adds the approver roles to account decisions', async () => {
    expect((await evaluate(packs.get('nykoping')!, 'open-account', {}, NOW)).approverRoles).toEqual(['Verksamhetschef', 'Kommunikatör']);
    expect((await evaluate(packs.get('stockholm')!, 'close-account', {}, NOW)).approverRoles).toEqual(['Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)']);
  });

  it('computes the earliest closing date from the notice and the pack notice days', async () => {
    const stockholm = packs.get('stockholm')!;
    expect((await evaluate(stockholm, 'close-account', { noticePosted: true, noticePostedOn: '2025-01-10', today: '2025-01-12' })).earliestCloseDate).toBe('2025-01-24');
    expect((await evaluate(stockholm, 'close-account', { today: '2025-01-12' })).earliestCloseDate).toBe('2025-01-26');
    expect((await evaluate(stockholm, 'close-account', { noticePosted: true, noticePostedOn: '2024-12-01', today: '2025-01-12' })).earliestCloseDate).toBe('2025-01-12');
    expect((await evaluate(packs.get('nykoping')!, 'close-account', { today: '2025-01-12' })).earliestCloseDate).toBe('2025-01-12');
  });

  it('refuses an unknown decision and lists the valid ones', async () => {
    await expect(evaluate(packs.get('stockholm')!, 'publish-picture' as DecisionName, {})).rejects.toMatchObject({
      code: 'decision_unknown',
      valid: Object.keys(DECISIONS),
    });
    await expect(evaluate(packs.get('stockholm')!, 'publish-picture' as DecisionName, {})).rejects.toBeInstanceOf(PackError);
  });

  it('lets a remiss amendment change the decision without changing the pack', () => {
    const stockholm = packs.get('stockholm')!;
    const teen = { ...CHILD_PORTRAIT, youngestAge: 15, altText: true };
    // The law floor asks for the maturity assessment either way; the amendment adds the policy's own reason.
    expect(evaluateDetailed(stockholm, 'publish-image', teen, NOW).rules).not.toContain('child-13-to-17-maturity-assessment');
    const amended = withAmendments(stockholm, { childConsentFrom13WithMaturity: true });
    expect(evaluateDetailed(amended, 'publish-image', teen, NOW).rules).toContain('child-13-to-17-maturity-assessment');
    expect(amended.settings.amendments.childConsentFrom13WithMaturity).toBe(true);
    expect(stockholm.settings.amendments.childConsentFrom13WithMaturity).toBe(false);
  });

  it('returns reasons that callers cannot change for the next decision', async () => {
    const out = await evaluate(packs.get('stockholm')!, 'moderate-post', { categories: ['question'] }, NOW);
    expect(() => {
      (out.reasons[0] as { text: string }).text = 'ändrad';
    }).toThrow();
  });
});
