import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { FactsError, loadPacks, type PackRegistry } from '.';
import { evaluateDetailed } from './evaluate';

let packs: PackRegistry;
beforeAll(async () => {
  packs = await loadPacks(path.resolve(__dirname, '../../policies'));
});

function issuesOf(fn: () => unknown): FactsError['issues'] {
  try {
    fn();
  } catch (error) {
    if (error instanceof FactsError) return error.issues;
    throw error;
  }
  throw new Error('expected a FactsError');
}

describe('fact validation', () => {
  it('names every bad field and what was expected, without echoing values', () => {
    const issues = issuesOf(() =>
      evaluateDetailed(packs.get('stockholm')!, 'publish-image', { youngestAge: 'tio år', consent: 'kanske', sensitiveCategories: ['health', 'astrology'], nickname: 'x' }),
    );
    expect(issues.map((i) => i.field).sort()).toEqual(['consent', 'nickname', 'sensitiveCategories[1]', 'youngestAge']);
    expect(issues.find((i) => i.field === 'consent')).toMatchObject({ kind: 'invalid_value', expected: ['all', 'some', 'none', 'unknown'] });
    expect(issues.find((i) => i.field === 'nickname')?.kind).toBe('unknown_fact');
    const text = JSON.stringify(issues);
    expect(text).not.toContain('tio år');
    expect(text).not.toContain('kanske');
    expect(text).not.toContain('astrology');
  });

  it('refuses a password alone, naming only the field and never the text', () => {
    const error = (() => {
      try {
        evaluateDetailed(packs.get('stockholm')!, 'open-account', { credentialsLocation: 'lösenord: Vinter#2025', youngestAge: 3, goals: ['pw=abc123!'] });
      } catch (e) {
        return e as FactsError;
      }
    })();
    expect(error).toBeInstanceOf(FactsError);
    expect(error!.issues.map((i) => [i.field, i.kind])).toEqual([
      ['credentialsLocation', 'looks_like_password'],
      ['goals[0]', 'looks_like_password'],
    ]);
    expect(error!.message).not.toContain('Vinter');
    expect(JSON.stringify(error!.issues)).not.toContain('abc123');
  });

  it('requires the facts a decision cannot do without', () => {
    expect(issuesOf(() => evaluateDetailed(packs.get('stockholm')!, 'moderate-post', {})).map((i) => [i.field, i.kind])).toEqual([['categories', 'required']]);
    expect(issuesOf(() => evaluateDetailed(packs.get('stockholm')!, 'moderate-post', { categories: [] }))[0]).toMatchObject({ field: 'categories', kind: 'too_small' });
    expect(issuesOf(() => evaluateDetailed(packs.get('nykoping')!, 'register-record', { trivial: true })).map((i) => i.field)).toHaveLength(6);
  });

  it('requires the notice date once the notice is posted', () => {
    const issues = issuesOf(() => evaluateDetailed(packs.get('stockholm')!, 'close-account', { noticePosted: true }));
    expect(issues).toEqual([expect.objectContaining({ field: 'noticePostedOn', kind: 'required' })]);
  });

  it('accepts only dates that exist', () => {
    expect(issuesOf(() => evaluateDetailed(packs.get('stockholm')!, 'close-account', { today: '2025-02-30' }))[0]).toMatchObject({ field: 'today', kind: 'invalid_date' });
    expect(issuesOf(() => evaluateDetailed(packs.get('stockholm')!, 'close-account', { today: '30/1/2025' }))[0]).toMatchObject({ field: 'today', kind: 'invalid_date' });
  });

  it('keeps the facts as validated: defaults applied, texts trimmed, repeated choices dropped', () => {
    const { facts } = evaluateDetailed(packs.get('stockholm')!, 'open-account', { unit: '  Kulturförvaltningen ', basicInfo: ['privacy_link', 'privacy_link'] });
    expect(facts).toEqual({ unit: 'Kulturförvaltningen', basicInfo: ['privacy_link'] });
    expect(evaluateDetailed(packs.get('stockholm')!, 'moderate-post', { categories: ['question'] }).facts).toEqual({ categories: ['question'], postedBy: 'public' });
  });

  it("takes today's date in Swedish time when close-account is not told the date", () => {
    const lateEvening = new Date('2025-01-14T23:30:00Z');
    const { facts } = evaluateDetailed(packs.get('nykoping')!, 'close-account', {}, lateEvening);
    expect(facts.today).toBe('2025-01-15');
  });

  it('refuses blank texts and facts that are not an object', () => {
    expect(issuesOf(() => evaluateDetailed(packs.get('stockholm')!, 'open-account', { owner: '   ' }))[0]).toMatchObject({ field: 'owner', kind: 'too_small' });
    expect(issuesOf(() => evaluateDetailed(packs.get('stockholm')!, 'open-account', [1, 2]))[0].kind).toBe('invalid_type');
  });

  it('accepts facts a pack adds and refuses them in packs that do not', () => {
    expect(evaluateDetailed(packs.get('nykoping')!, 'open-account', { personalRoleAccount: true }).facts).toEqual({ personalRoleAccount: true });
    expect(issuesOf(() => evaluateDetailed(packs.get('stockholm')!, 'open-account', { personalRoleAccount: true }))[0].kind).toBe('unknown_fact');
  });
});
