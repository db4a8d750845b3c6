import { registerVerbs } from '../../cards/verbs';

export const PUBLISH_IMAGE_VERBS = {
  /** "Fortsätt" on the question card: answers of the questions shown, plus the card's `rev`. */
  next: 'publishImage.next',
  /** "Ändra svar": back to the filled-in card (from a step card with `rev`, from the answer card with `edit`). */
  edit: 'publishImage.edit',
} as const;

registerVerbs(PUBLISH_IMAGE_VERBS);
