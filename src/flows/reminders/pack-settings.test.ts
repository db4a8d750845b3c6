import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../rules';

const POLICIES = path.resolve(__dirname, '../../../policies');

/** The policy text with line breaks and repeated spaces made single spaces, as quotes are compared. */
function textOf(pack: string): string {
  return readFileSync(path.join(POLICIES, pack, 'policy-text.md'), 'utf8').replace(/\s+/g, ' ');
}

describe('the reminder settings that come from a pack’s own text', () => {
  it('quotes Stockholm’s policy verbatim for the still-used question and the holiday reminder, with a document the pack has', async () => {
    const pack = await loadPack(path.join(POLICIES, 'stockholm'));
    const { stillUsedQuestion, holidayPace } = pack.settings.reminders;
    if (!stillUsedQuestion || !holidayPace) throw new Error('Stockholm asks whether accounts are still used and reminds before holidays');
    for (const source of [stillUsedQuestion, holidayPace.source]) {
      expect(textOf('stockholm')).toContain(source.quote);
      expect(pack.settings.documents.map((d) => d.id)).toContain(source.document);
    }
    expect(holidayPace).toMatchObject({ summer: '06-01', christmas: '12-01' });
  });

  it('leaves both off for Nyköping, whose routine has neither a reporting round nor a rule on holiday pace', async () => {
    const pack = await loadPack(path.join(POLICIES, 'nykoping'));
    expect(pack.settings.reminders).toMatchObject({ stillUsedQuestion: false, holidayPace: false });
    expect(textOf('nykoping')).not.toMatch(/semester|helgdag/i);
  });
});
