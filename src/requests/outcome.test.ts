import { describe, expect, it } from 'vitest';
import { openRoles, roleToAnswer, statusFromAnswers } from './outcome';

const roles = ['Verksamhetschef', 'Kommunikatör'];

describe('combining approvers answers', () => {
  it('stays pending until every required role has approved', () => {
    expect(statusFromAnswers(roles, [])).toBe('pending');
    expect(statusFromAnswers(roles, [{ role: 'Verksamhetschef', answer: 'approved' }])).toBe('pending');
    expect(statusFromAnswers(roles, [{ role: 'Verksamhetschef', answer: 'approved' }, { role: 'Kommunikatör', answer: 'approved' }])).toBe('approved');
  });

  it('ends with one rejection, whatever else was answered', () => {
    expect(statusFromAnswers(roles, [{ role: 'Verksamhetschef', answer: 'approved' }, { role: 'Kommunikatör', answer: 'rejected' }])).toBe('rejected');
    expect(statusFromAnswers(roles, [{ role: 'Kommunikatör', answer: 'returned' }, { role: 'Verksamhetschef', answer: 'rejected' }])).toBe('rejected');
  });

  it('returns the request when one role sends it back', () => {
    expect(statusFromAnswers(roles, [{ role: 'Kommunikatör', answer: 'returned' }])).toBe('returned');
  });

  it('never approves a request that names no role', () => {
    expect(statusFromAnswers([], [])).toBe('pending');
  });

  it('gives a person the first open role they hold', () => {
    expect(openRoles(roles, [{ role: 'Verksamhetschef' }])).toEqual(['Kommunikatör']);
    expect(roleToAnswer(roles, [], ['Kommunikatör', 'Verksamhetschef'])).toBe('Verksamhetschef');
    expect(roleToAnswer(roles, [{ role: 'Verksamhetschef' }], ['Verksamhetschef'])).toBeUndefined();
    expect(roleToAnswer(roles, [], ['Webbstrateg'])).toBeUndefined();
  });
});
