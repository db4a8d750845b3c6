import { describe, expect, it } from 'vitest';
import type { AppTurnState } from '../../bot/turn-state';
import { yesNoField } from './card-fields';
import { editPayloadOf, loadFormDraft, revOf, saveFormDraft } from './form-draft';

const fields = { people: yesNoField() };

function stateWith(flow?: unknown): AppTurnState {
  return { conversation: { flow } } as unknown as AppTurnState;
}

describe('form drafts', () => {
  it('come back as saved, validated again', () => {
    const state = stateWith();
    saveFormDraft(state, 'publish-image', 'asking', { rev: 7, answers: { people: true }, ask: ['basics'], picture: true });
    expect(state.conversation.flow?.step).toBe('asking');
    expect(loadFormDraft(state, 'publish-image', fields)).toEqual({ rev: 7, answers: { people: true }, ask: ['basics'], picture: true });
  });

  it('belong to one flow only', () => {
    const state = stateWith({ id: 'moderate-post', step: 'asking', draft: { rev: 1, answers: {}, ask: [], picture: false } });
    expect(loadFormDraft(state, 'publish-image', fields)).toBeUndefined();
  });

  it('are ignored when the stored shape is broken, and drop answers that no longer validate', () => {
    expect(loadFormDraft(stateWith({ id: 'x', step: 'asking', draft: { rev: 'one' } }), 'x', fields)).toBeUndefined();
    const draft = loadFormDraft(stateWith({ id: 'x', step: 'asking', draft: { rev: 2, answers: { people: 'maybe' }, ask: [] } }), 'x', fields);
    expect(draft).toEqual({ rev: 2, answers: {}, ask: [], picture: false });
  });

  it('read the revision of a card only when it is a whole number', () => {
    expect(revOf({ rev: 5 })).toBe(5);
    expect(revOf({ rev: '12' })).toBe(12);
    for (const rev of [undefined, null, '', 'x', 1.5, -1, true, '1e3']) expect(revOf({ rev })).toBeUndefined();
    expect(revOf(undefined)).toBeUndefined();
  });

  it('read the answers an answer card carries for "Ändra svar"', () => {
    expect(editPayloadOf({ edit: { rev: 3, answers: { people: false, other: 1 } } }, fields)).toEqual({ rev: 3, answers: { people: false } });
    expect(editPayloadOf({ edit: 'nope' }, fields)).toBeUndefined();
    expect(editPayloadOf({}, fields)).toBeUndefined();
  });
});
