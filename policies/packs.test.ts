import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECISION_NAMES, evaluate, loadPacks, type PackRegistry } from '../src/rules';
import { runPackCases } from '../src/rules/pack-cases';

let packs: PackRegistry;
beforeAll(async () => {
  packs = await loadPacks(__dirname);
});

const NOW = new Date('2025-01-15T10:00:00+01:00');

describe.each(['stockholm', 'nykoping'])('policy pack %s', (id) => {
  it('passes its own cases and the law floor\'s, and every rule both fires and stays quiet in some case', async () => {
    const report = await runPackCases(packs.get(id)!);
    const failures = report.results.filter((r) => !r.ok).map((r) => `${r.decision}: ${r.name}: ${r.problems.join('; ')}`);
    expect(failures).toEqual([]);
    expect(report.uncovered).toEqual([]);
    expect(report.results.length).toBeGreaterThan(40);
    // The law floor's own cases run against this pack too, and its rules are covered like the pack's.
    expect(report.results.filter((r) => r.floor).length).toBe(Object.values(packs.get(id)!.lawFloor.cases).flat().length);
    expect(report.coverage.filter((c) => c.rule.startsWith('law-')).length).toBeGreaterThan(5);
  });

  it('cites document and section for every rule, with a quote unless it cites a law', () => {
    const pack = packs.get(id)!;
    for (const decision of DECISION_NAMES) {
      for (const rule of pack.rules[decision]) {
        const source = rule.event.params.source;
        expect(pack.documents[source.document], `${decision}/${rule.name}`).toBeDefined();
        expect(source.section.length).toBeGreaterThan(1);
        if (pack.documents[source.document].kind !== 'law') expect(source.quote, `${decision}/${rule.name}`).toBeTruthy();
      }
    }
  });
});

describe('where the two regimes differ, the packs differ', () => {
  const informPortrait = {
    identifiablePeople: true,
    purpose: 'inform_about_operations',
    crowd: false,
    youngestAge: 30,
    confidential: false,
    protectedIdentity: false,
    sensitiveCategories: [],
    integritySensitive: [],
    altText: true,
  };

  it('Nyköping needs written consent to inform with a portrait; Stockholm can rest on public interest', async () => {
    expect((await evaluate(packs.get('stockholm')!, 'publish-image', informPortrait, NOW)).outcome).toBe('allowed_with_conditions');
    const nykoping = await evaluate(packs.get('nykoping')!, 'publish-image', { ...informPortrait, consent: 'none', consentDocumented: false }, NOW);
    expect(nykoping.outcome).toBe('not_allowed');
    expect(nykoping.actions).toContain('use_photo_consent_form');
  });

  it('both accept a crowd picture that informs without consent', async () => {
    for (const id of ['stockholm', 'nykoping']) {
      expect((await evaluate(packs.get(id)!, 'publish-image', { ...informPortrait, crowd: true }, NOW)).outcome).toBe('allowed_with_conditions');
    }
  });

  it("Nyköping's moderation list is wider", async () => {
    for (const category of ['profanity', 'party_political', 'advertising']) {
      expect((await evaluate(packs.get('nykoping')!, 'moderate-post', { categories: [category] }, NOW)).outcome).toBe('remove');
      expect((await evaluate(packs.get('stockholm')!, 'moderate-post', { categories: [category] }, NOW)).outcome).toBe('keep');
    }
  });

  it('Nyköping requires a start-up meeting and trained editors, Stockholm does not', async () => {
    const application = {
      unit: 'Kultur', platform: 'Instagram', accountName: '@kultur', accountType: 'official', purpose: 'Visa utbudet', linkedToPlan: true, goals: ['Fler besökare'],
      goalsMeasurable: true, audiences: ['Unga'], owner: 'Anna', standIn: 'Bo', monitoringDaily: true,
      basicInfo: ['owner_unit_and_city', 'content_description', 'participation_terms', 'contact_details', 'unit_website_link', 'privacy_link'],
      graphicProfile: true, sharedAccountConsidered: true, credentialsLocation: 'Lösenordshanteraren, valvet Kultur', startupMeetingHeld: false, editorsTrained: false,
    };
    expect((await evaluate(packs.get('stockholm')!, 'open-account', application, NOW)).outcome).toBe('ready_for_approval');
    const nykoping = await evaluate(packs.get('nykoping')!, 'open-account', application, NOW);
    expect(nykoping.outcome).toBe('incomplete');
    expect(nykoping.actions).toEqual(['book_startup_meeting', 'complete_editor_training']);
  });

  it('after the decision: Nyköping registers the content before closing; Stockholm recommends a two-week notice without blocking', async () => {
    const done = { noticePosted: true, noticePostedOn: '2025-01-10', reasonGiven: true, referralGiven: true, archived: true, contentRegistered: false, today: '2025-01-15', closingApproved: true };
    const nykoping = await evaluate(packs.get('nykoping')!, 'close-account', done, NOW);
    expect(nykoping.outcome).toBe('not_yet');
    expect(nykoping.actions).toEqual(['register_content']);
    const stockholm = await evaluate(packs.get('stockholm')!, 'close-account', done, NOW);
    expect(stockholm.outcome).toBe('ready_to_close');
    expect(stockholm.actions).toEqual(['wait_for_notice_period']);
  });

  it('the packs carry their settings', () => {
    const s = packs.get('stockholm')!.settings;
    const n = packs.get('nykoping')!.settings;
    expect(s.reportingMonths).toEqual([2, 9]);
    expect(s.closeNoticeDays).toBe(14);
    expect(s.answerDeadline.hours).toBeNull();
    expect(s.pedagogicalAccounts).toBe(false);
    expect(Object.values(s.amendments).every((on) => on === false)).toBe(true);
    expect(n.answerDeadline.hours).toBe(24);
    expect(n.consentForm?.name).toBe('Fotoavtal – Samtycke från avbildad person – sociala medier');
    expect(n.approverRoles.openAccount).toEqual(['Verksamhetschef', 'Kommunikatör']);
  });
});
