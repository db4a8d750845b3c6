import { describe, expect, it } from 'vitest';
import { orderActions } from './answer';
import { suggestCategories } from './suggest';

describe('categories suggested from the user\'s own words', () => {
  it('finds a threat in "någon skrev ett hot i kommentarerna"', () => {
    expect(suggestCategories('någon skrev ett hot i kommentarerna')).toEqual(['unlawful_threat']);
  });

  it('finds several kinds at once', () => {
    expect(suggestCategories('En rasistisk kommentar full av svordomar').sort()).toEqual(['hate_speech', 'profanity']);
  });

  it('tells adult pornography from child sexual abuse material', () => {
    expect(suggestCategories('Någon har lagt upp porr i kommentarerna')).toEqual(['pornography']);
    expect(suggestCategories('Det ser ut som barnporr')).toEqual(['child_sexual_abuse_material']);
  });

  it('does not guess from parts of other words or from the question itself', () => {
    expect(suggestCategories('Vi bor på hotell, hur hanterar jag den här kommentaren?')).toEqual([]);
    expect(suggestCategories('Jag har en fråga om en kommentar')).toEqual([]);
    expect(suggestCategories(undefined)).toEqual([]);
  });
});

describe('the moderation steps', () => {
  it('come in the order they are done: document, register, remove, police, answer, case handling', () => {
    expect(orderActions(['transfer_to_case_handling', 'remove', 'consider_police_report', 'register', 'document_screenshot'])).toEqual([
      'document_screenshot',
      'register',
      'remove',
      'consider_police_report',
      'transfer_to_case_handling',
    ]);
  });

  it('keep steps they do not know, at the end in their own order', () => {
    expect(orderActions(['pack_specific', 'register', 'another'])).toEqual(['register', 'pack_specific', 'another']);
  });
});
