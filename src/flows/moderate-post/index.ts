import type { LoadedPack } from '../../rules';
import { cardErrors, cardValues, readFields } from '../decision-answer/card-fields';
import { registerSingleForm, startSingleForm, type FormCardOptions, type SingleFormFlow } from '../decision-answer/single-form';
import type { FormDraft } from '../decision-answer/form-draft';
import type { FlowDefinition } from '../types';
import { ALL_CATEGORY_CHOICES, CARD_FIELDS, factLabel, FIELDS, LABELS, ORDINARY_CHOICES, PICK_ONE_ERROR, POSTED_BY_CHOICES, PROBLEM_CHOICES } from './questions';
import { suggestCategories } from './suggest';
import { MODERATE_POST_VERBS } from './verbs';
import { answerDeadline, orderActions } from './answer';

export { answerDeadline, orderActions } from './answer';

export const MODERATE_POST_FLOW = 'moderate-post';
export const MODERATE_POST_TITLE = 'Hur hanterar jag det här inlägget eller kommentaren?';

const PROBLEM_VALUES = new Set<string>(PROBLEM_CHOICES.map((c) => c.value));

function categoriesOf(answers: Record<string, unknown>): string[] {
  return Array.isArray(answers.categories) ? (answers.categories as string[]) : [];
}

export const moderatePostForm: SingleFormFlow = {
  flowId: MODERATE_POST_FLOW,
  decision: 'moderate-post',
  title: MODERATE_POST_TITLE,
  template: 'moderate-post.form',
  verbs: MODERATE_POST_VERBS,
  fields: FIELDS,
  read(data) {
    const { values, errors } = readFields(data, CARD_FIELDS, ['problems', 'ordinary', 'postedBy']);
    const categories = [...((values.problems as string[]) ?? []), ...((values.ordinary as string[]) ?? [])];
    if (!errors.problems && !errors.ordinary && categories.length === 0) errors.problems = PICK_ONE_ERROR;
    const answers: Record<string, unknown> = {};
    if (categories.length > 0) answers.categories = categories;
    if (values.postedBy !== undefined) answers.postedBy = values.postedBy;
    return { answers, errors };
  },
  cardData(draft: FormDraft, pack: LoadedPack, options: FormCardOptions) {
    const categories = categoriesOf(draft.answers);
    const values = cardValues(CARD_FIELDS, {
      problems: categories.filter((c) => PROBLEM_VALUES.has(c)),
      ordinary: categories.filter((c) => !PROBLEM_VALUES.has(c)),
      postedBy: draft.answers.postedBy,
    });
    return {
      packName: pack.name,
      rev: draft.rev,
      intro: options.intro,
      notice: options.notice,
      noticeColor: options.noticeColor,
      labels: LABELS,
      choices: { problems: PROBLEM_CHOICES, ordinary: ORDINARY_CHOICES, postedBy: POSTED_BY_CHOICES },
      v: values,
      errors: cardErrors(CARD_FIELDS, options.errors),
    };
  },
  toFacts: (answers) => ({ categories: categoriesOf(answers), postedBy: answers.postedBy }),
  summary: (answers) => [
    { title: 'Innehåll', value: FIELDS.categories.describe(categoriesOf(answers)) },
    { title: 'Skrev det', value: FIELDS.postedBy.describe(answers.postedBy as never) },
  ],
  factLabel,
  answerOptions(decision, pack) {
    const deadline = decision.actions.includes('answer_within_deadline') ? answerDeadline(pack) : '';
    return { orderActions, deadline, note: 'Själva texten har inte sparats – bara de kategorier du valde.' };
  },
};

export const moderatePostFlow: FlowDefinition = {
  id: MODERATE_POST_FLOW,
  intent: 'moderate_post',
  title: 'Hur hanterar jag den här kommentaren?',
  description: 'Få veta om ett inlägg ska tas bort, besvaras eller diarieföras – och i vilken ordning.',
  button: 'Hantera inlägg',
  scope: 'personal',
  async start(context, state, services, input) {
    const suggested = suggestCategories(input.text).filter((c) => ALL_CATEGORY_CHOICES.some((choice) => choice.value === c));
    const intro = suggested.length > 0 ? 'Jag har kryssat i det som verkar stämma utifrån det du skrev. Kontrollera och ändra om det behövs.' : '';
    await startSingleForm(context, state, services, moderatePostForm, suggested.length > 0 ? { categories: suggested } : {}, intro);
  },
  register(app, services) {
    registerSingleForm(app, services, moderatePostForm);
  },
};
