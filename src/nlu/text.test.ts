import { describe, expect, it } from 'vitest';
import { foldDiacritics, MAX_INPUT_CHARS, sanitizeInput, words } from './text';
import { prepareUtterance } from './utterance';

describe('sanitizeInput', () => {
  it('removes control characters, zero-width and bidi marks and emoji', () => {
    expect(sanitizeInput('hej\u0000\u0007 på\u200b dig 👋🏽\u202e!')).toBe('hej på dig !');
  });

  it('cuts long text at a word boundary within the limit', () => {
    const result = sanitizeInput('ord '.repeat(50_000));
    expect(result.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
    expect(result.endsWith('ord')).toBe(true);
  });

  it('returns an empty string for values that are not strings', () => {
    expect(sanitizeInput(null)).toBe('');
    expect(sanitizeInput(42)).toBe('');
  });
});

describe('Swedish text helpers', () => {
  it('folds å, ä and ö so that text typed without them matches', () => {
    expect(foldDiacritics('Får jag stänga kontot på Instagram?')).toBe('Far jag stanga kontot pa Instagram?');
  });

  it('splits words on punctuation and hyphens and lower-cases them', () => {
    expect(words('E-post, t.ex. Facebook-sidan!')).toEqual(['e', 'post', 't', 'ex', 'facebook', 'sidan']);
  });

  it('prepares utterances with platform names replaced and compounds split', () => {
    expect(prepareUtterance('Vi vill starta ett Instagramkonto')).toBe('vi vill starta ett plattform konto');
    expect(prepareUtterance('måste en klagomålskommentar registreras?')).toBe('maste en klagomals kommentar registreras');
    expect(prepareUtterance('starta nytt kontto')).toBe('starta nytt konto');
  });
});
