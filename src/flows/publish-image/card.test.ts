import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render';
import { loadPacks, type PackRegistry } from '../../rules';
import { FORM_TEMPLATE, formCardData } from './card';
import { SECTIONS } from './sections';

let packs: PackRegistry;
beforeAll(async () => {
  packs = await loadPacks(path.resolve(__dirname, '../../../policies'));
});

function inputIds(card: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const el = node as { type?: string; id?: string };
      if (el.type?.startsWith('Input.') && el.id) ids.push(el.id);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return ids;
}

describe('the photo check card', () => {
  it('shows only the sections being asked, with every binding filled', () => {
    const pack = packs.get('stockholm')!;
    const card = renderCard(FORM_TEMPLATE, formCardData({ rev: 5, answers: { mediaType: 'image' }, ask: ['basics'], picture: false }, pack, { mode: 'start' }));
    expect(inputIds(card)).toEqual(['mediaType', 'identifiablePeople', 'confidential', 'altText']);
    const json = JSON.stringify(card);
    expect(json).not.toContain('${');
    expect(json).toContain('"value":"image"');
    expect(json).not.toContain('Du bifogade en bild');
  });

  it('renders every section at once for "Ändra svar", in both packs', () => {
    for (const id of ['stockholm', 'nykoping']) {
      const card = renderCard(FORM_TEMPLATE, formCardData({ rev: 1, answers: {}, ask: [...SECTIONS], picture: true }, packs.get(id)!, { mode: 'edit' }));
      expect(inputIds(card)).toHaveLength(17);
      const json = JSON.stringify(card);
      expect(json).not.toContain('${');
      expect(json).toContain('Du bifogade en bild. Jag tittar inte på den och sparar den inte');
    }
  });

  it('names the pack\'s consent form in the consent hint', () => {
    const nykoping = JSON.stringify(renderCard(FORM_TEMPLATE, formCardData({ rev: 1, answers: {}, ask: ['people'], picture: false }, packs.get('nykoping')!, { mode: 'followUp' })));
    expect(nykoping).toContain('Skriftligt betyder här blanketten ”Fotoavtal');
    const stockholm = JSON.stringify(renderCard(FORM_TEMPLATE, formCardData({ rev: 1, answers: {}, ask: ['people'], picture: false }, packs.get('stockholm')!, { mode: 'followUp' })));
    expect(stockholm).not.toContain('Fotoavtal');
  });

  it('shows an error next to its field and the earlier answers as a summary', () => {
    const card = renderCard(
      FORM_TEMPLATE,
      formCardData({ rev: 2, answers: { mediaType: 'video', identifiablePeople: true, confidential: false, altText: true }, ask: ['people', 'video'], picture: false }, packs.get('stockholm')!, {
        mode: 'errors',
        errors: { crowd: 'Välj Ja eller Nej.' },
      }),
    );
    const json = JSON.stringify(card);
    expect(json).toContain('"text":"Välj Ja eller Nej.","color":"Attention"');
    expect(json).toContain('Det du har svarat hittills');
    expect(json).toContain('"title":"Bild eller film","value":"Film"');
    expect(json).toContain('Ändra tidigare svar');
  });
});
