import { describe, expect, it } from 'vitest';
import cases from './secrets.cases.json';
import { contextOfField, looksLikePassword, secretFields, withoutSecrets } from './secrets';

describe('looksLikePassword on the committed list', () => {
  it('holds a list of about a hundred of each', () => {
    expect(cases.passwords.length).toBeGreaterThanOrEqual(95);
    expect(cases.accepted.name.length + cases.accepted.text.length).toBeGreaterThanOrEqual(95);
  });

  it.each(cases.passwords)('refuses %j in a name field and in running text', (text) => {
    expect(looksLikePassword(text, 'name')).toBe(true);
    expect(looksLikePassword(text, 'text')).toBe(true);
  });

  it.each(cases.passwordsAsRunningText)('refuses %j as the whole of a running-text field, accepts it as a name', (text) => {
    expect(looksLikePassword(text, 'text')).toBe(true);
    expect(looksLikePassword(text, 'name')).toBe(false);
  });

  it.each(cases.accepted.name)('accepts the name or address %j', (text) => {
    expect(looksLikePassword(text, 'name')).toBe(false);
  });

  it.each(cases.accepted.text)('accepts the text %j', (text) => {
    expect(looksLikePassword(text, 'text')).toBe(false);
  });

  it('accepts every handle and address inside a sentence too', () => {
    const handles = cases.accepted.name.filter((name) => /^(?:[@#]|https?:\/\/|www\.)/u.test(name));
    expect(handles.length).toBeGreaterThan(10);
    for (const handle of handles) expect(looksLikePassword(`Följ oss på ${handle} för nyheter.`, 'text'), handle).toBe(false);
  });
});

describe('secretFields', () => {
  it('names each field that holds a password, judging names as names', () => {
    const value = {
      accountName: 'nykoping2024',
      purpose: 'nykoping2024',
      goals: ['500 följare', 'Sommar2024'],
      details: { url: 'https://www.instagram.com/nykopingskommun', audiences: ['unga'] },
      count: 3,
    };
    expect(secretFields(value)).toEqual(['purpose', 'goals[1]']);
  });

  it('reads the context from the last part of a path', () => {
    expect(contextOfField('details.accountName')).toBe('name');
    expect(contextOfField('accountName')).toBe('name');
    expect(contextOfField('goals[2]')).toBe('text');
    expect(contextOfField('comment')).toBe('text');
    expect(contextOfField('people[0].name')).toBe('name');
    expect(contextOfField('details.url')).toBe('name');
  });
});

describe('withoutSecrets', () => {
  it('blanks only the refused texts and leaves the value it was given alone', () => {
    const submitted = { verb: 'account.preview', goals: 'Fler följare\nkalle123', audiences: 'unga, vuxna', comment: 'Bra!', rev: 3 };
    const { value, fields } = withoutSecrets(submitted);
    expect(fields).toEqual(['goals']);
    expect(value).toEqual({ ...submitted, goals: '' });
    expect(submitted.goals).toContain('kalle123');
  });

  it('returns the same object when nothing is refused', () => {
    const submitted = { accountName: '@nykoping2024', purpose: 'Sommarlovet 2024 börjar' };
    expect(withoutSecrets(submitted).value).toBe(submitted);
  });
});
