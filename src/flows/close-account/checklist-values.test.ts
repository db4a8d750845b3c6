import { describe, expect, it } from 'vitest';
import { checklistFacts, parseChecklist, requestFacts, valuesFromFacts } from './checklist-values';

describe('the closing checklist', () => {
  const done = { noticePosted: 'true', noticePostedOn: '2026-03-01', reasonGiven: 'true', referralGiven: 'true', archived: 'true', contentRegistered: 'true' };

  it('gives the close-account facts of a decided closure with today, and contentRegistered only where the pack asks for it', () => {
    expect(checklistFacts(parseChecklist(done), '2026-03-20', false)).toEqual({
      facts: { noticePosted: true, noticePostedOn: '2026-03-01', reasonGiven: true, referralGiven: true, archived: true, closingApproved: true, today: '2026-03-20' },
      errors: {},
    });
    expect(checklistFacts(parseChecklist(done), '2026-03-20', true).facts.contentRegistered).toBe(true);
  });

  it('asks for the date of a posted notice and refuses a date in the future', () => {
    expect(checklistFacts(parseChecklist({ ...done, noticePostedOn: '' }), '2026-03-20', false).errors.noticePostedOn).toBeDefined();
    expect(checklistFacts(parseChecklist({ ...done, noticePostedOn: '2026-04-01' }), '2026-03-20', false).errors.noticePostedOn).toContain('framtiden');
  });

  it('asks nothing of the owner when the closure is requested: every step waits for the decision', () => {
    expect(requestFacts('2026-03-20', true)).toMatchObject({ noticePosted: false, archived: false, contentRegistered: false, closingApproved: false, today: '2026-03-20' });
    expect(requestFacts('2026-03-20', false)).not.toHaveProperty('contentRegistered');
  });

  it('round-trips through stored facts', () => {
    const { facts } = checklistFacts(parseChecklist(done), '2026-03-20', true);
    expect(valuesFromFacts(facts)).toEqual(done);
  });
});
