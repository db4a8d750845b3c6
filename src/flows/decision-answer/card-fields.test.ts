import { describe, expect, it } from 'vitest';
import { cardErrors, cardValues, choiceField, integerField, multiField, readFields, readPresentFields, toggleField, yesNoField } from './card-fields';

const fields = {
  people: yesNoField(),
  shown: toggleField(),
  kind: choiceField([
    { title: 'Bild', value: 'image' },
    { title: 'Film', value: 'video' },
  ]),
  tags: multiField([
    { title: 'A', value: 'a' },
    { title: 'B', value: 'b' },
  ]),
  age: integerField(0, 120, 'Skriv en ålder.'),
};
const all = Object.keys(fields);

describe('card fields', () => {
  it('turn card strings into typed answers', () => {
    const { values, errors } = readFields({ people: 'yes', shown: 'false', kind: 'video', tags: 'a,b', age: '8' }, fields, all);
    expect(errors).toEqual({});
    expect(values).toEqual({ people: true, shown: false, kind: 'video', tags: ['a', 'b'], age: 8 });
  });

  it('accept the typed values a draft holds', () => {
    const { values } = readFields({ people: false, shown: true, kind: 'image', tags: ['b'], age: 15 }, fields, all);
    expect(values).toEqual({ people: false, shown: true, kind: 'image', tags: ['b'], age: 15 });
  });

  it('give the Swedish error of a required field that is empty', () => {
    const { values, errors } = readFields({ people: '', kind: undefined }, fields, ['people', 'kind', 'shown']);
    expect(values).toEqual({});
    expect(errors).toEqual({ people: 'Välj Ja eller Nej.', kind: 'Välj ett av alternativen.', shown: expect.stringContaining('saknades') });
  });

  it('treat an empty optional field as none rather than unanswered', () => {
    expect(readFields({ tags: '', age: '' }, fields, ['tags', 'age']).values).toEqual({ tags: [], age: null });
  });

  it('refuse values that are not among the choices or of the wrong type', () => {
    const { values, errors } = readFields({ people: 'kanske', kind: 'audio', tags: 'a,zzz', age: '200', shown: 1 }, fields, all);
    expect(values).toEqual({});
    expect(Object.keys(errors).sort()).toEqual(['age', 'kind', 'people', 'shown', 'tags']);
    expect(readFields({ age: '7.5' }, fields, ['age']).errors.age).toBe('Skriv en ålder.');
    expect(readFields({ kind: { evil: true } }, fields, ['kind']).errors.kind).toBeDefined();
  });

  it('remove duplicates from a multi-select', () => {
    expect(readFields({ tags: 'a,a,b' }, fields, ['tags']).values.tags).toEqual(['a', 'b']);
  });

  it('keep only what validates when reading a draft or an old card', () => {
    expect(readPresentFields({ people: 'yes', kind: 'audio', unknown: 'x' }, fields)).toEqual({ people: true });
    expect(readPresentFields('not an object', fields)).toEqual({});
  });

  it('fill every card input and error slot so no template binding is left open', () => {
    expect(cardValues(fields, { people: true, tags: ['a'], age: null })).toEqual({ people: 'yes', shown: 'false', kind: '', tags: 'a', age: '' });
    expect(cardErrors(fields, { kind: 'Välj.' })).toEqual({ people: '', shown: '', kind: 'Välj.', tags: '', age: '' });
  });

  it('describe answers in Swedish for a summary', () => {
    expect(fields.people.describe(true)).toBe('Ja');
    expect(fields.kind.describe('video')).toBe('Film');
    expect(fields.tags.describe([])).toBe('Inget av detta');
    expect(fields.tags.describe(['a', 'b'])).toBe('A, B');
  });
});
