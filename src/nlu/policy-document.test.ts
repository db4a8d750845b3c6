import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NluError } from './errors';
import { loadPolicyText, parsePolicyText } from './policy-document';

const POLICIES = path.resolve(__dirname, '..', '..', 'policies');

describe('policy text parsing', () => {
  it('reads the title and source from the front matter and splits at the headings', () => {
    const doc = parsePolicyText(
      ['---', 'title: Rutin', 'source: seeds/x.txt', '---', '', '# Rutin', '', '## 1. Inledning', '', 'Första meningen. Andra meningen.'].join('\n'),
      'test',
    );
    expect(doc.title).toBe('Rutin');
    expect(doc.source).toBe('seeds/x.txt');
    expect(doc.sections.map((s) => s.heading)).toEqual(['Rutin', '1. Inledning']);
    expect(doc.sections[1].units.map((u) => u.text)).toEqual(['Första meningen.', 'Andra meningen.']);
    expect(doc.sections[1].parents).toEqual(['Rutin']);
  });

  it('links list items to the sentence that introduces them and joins paragraphs cut by a page break', () => {
    const doc = parsePolicyText(
      ['---', 'title: T', '---', '# T', '', 'Exempel:', '', '- **Ett**', '- Två', '', 'Detta får inte röja', '', 'uppgifter om elever.'].join('\n'),
      'test',
    );
    const units = doc.sections[0].units;
    expect(units.map((u) => u.text)).toEqual(['Exempel:', 'Ett', 'Två', 'Detta får inte röja uppgifter om elever.']);
    expect(units[1]).toEqual({ text: 'Ett', kind: 'item', lead: 0 });
  });

  it('notes the term a list item defines', () => {
    const doc = parsePolicyText(['---', 'title: T', '---', '# T', '', '- **Registrator** - Diarieför material.'].join('\n'), 'test');
    expect(doc.sections[0].units[0]).toEqual({ text: 'Registrator - Diarieför material.', kind: 'item', term: 'Registrator' });
  });

  it('refuses a text without a title, with a code', () => {
    let caught: unknown;
    try {
      parsePolicyText('# Rubrik\n\nText.', 'test');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NluError);
    expect((caught as NluError).code).toBe('POLICY_TEXT_INVALID');
  });

  it('says which pack has no policy text', () => {
    let caught: unknown;
    try {
      loadPolicyText(POLICIES, 'no-such-pack');
    } catch (error) {
      caught = error;
    }
    expect((caught as NluError).code).toBe('POLICY_TEXT_MISSING');
    expect((caught as NluError).details).toMatchObject({ packId: 'no-such-pack' });
  });

  it('keeps the Nyköping headings as numbered in the document and leaves out the table of contents', () => {
    const doc = loadPolicyText(POLICIES, 'nykoping');
    expect(doc.title).toBe('Rutin för användning av sociala medier');
    const headings = doc.sections.map((s) => s.heading);
    expect(headings).toContain('6.2 Olämpliga inlägg');
    expect(headings).toContain('11.2 Samtycke till publicering av foto/film från avbildad person');
    expect(headings.filter((h) => h === '1. Inledning')).toHaveLength(1);
    expect(doc.sections.some((s) => s.units.some((u) => u.text.includes('Innehållsförteckning')))).toBe(false);
  });

  it('keeps the Stockholm policy headings and its decision date', () => {
    const doc = loadPolicyText(POLICIES, 'stockholm');
    expect(doc.title).toBe('Policy för Stockholms stads konton i sociala medier');
    expect(doc.decided).toContain('2020-05-04');
    const headings = doc.sections.map((s) => s.heading);
    for (const heading of ['Besvara frågor och kommentarer', 'Basinformation', 'Avsluta ett konto', 'Sociala medier privat och i tjänsten']) {
      expect(headings).toContain(heading);
    }
  });
});
