import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text';

describe('plainText', () => {
  it('escapes emphasis, links and code so they are shown as typed', () => {
    expect(plainText('**Fett** _kursivt_ [klicka här](http://evil.example) `kod` ~~struket~~')).toBe(
      '\\*\\*Fett\\*\\* \\_kursivt\\_ \\[klicka här\\](http:\u200B//evil.example) \\`kod\\` \\~\\~struket\\~\\~',
    );
  });

  it('escapes list and heading markers only at the start of a line', () => {
    expect(plainText('# Rubrik\n- punkt\n1. första\nÅr 2026-12-16 kl. 9')).toBe('\\# Rubrik\n\\- punkt\n1\\. första\nÅr 2026-12-16 kl. 9');
  });

  it('breaks bare addresses so that no client makes them links', () => {
    const shown = plainText('Se https://instagram.com/kulturskolan och www.example.se');
    expect(shown).not.toMatch(/https:\/\//);
    expect(shown).not.toMatch(/www\./);
    expect(shown.replace(/\u200B/g, '')).toBe('Se https://instagram.com/kulturskolan och www.example.se');
  });

  it('leaves ordinary Swedish text alone', () => {
    expect(plainText('Kulturskolan Stockholm – elever, vårdnadshavare (åk 7–9)')).toBe('Kulturskolan Stockholm – elever, vårdnadshavare (åk 7–9)');
  });
});
