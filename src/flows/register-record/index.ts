import type { LoadedPack } from '../../rules';
import { cardErrors, cardValues, readFields } from '../decision-answer/card-fields';
import type { FormDraft } from '../decision-answer/form-draft';
import { registerSingleForm, startSingleForm, type FormCardOptions, type SingleFormFlow } from '../decision-answer/single-form';
import type { FlowDefinition } from '../types';
import { factLabel, FIELDS, QUESTIONS, SHORT_LABELS } from './questions';
import { REGISTER_RECORD_VERBS } from './verbs';

export const REGISTER_RECORD_FLOW = 'register-record';
export const REGISTER_RECORD_TITLE = 'Behöver jag diarieföra det här?';

const IDS = QUESTIONS.map((q) => q.id);

export const registerRecordForm: SingleFormFlow = {
  flowId: REGISTER_RECORD_FLOW,
  decision: 'register-record',
  title: REGISTER_RECORD_TITLE,
  template: 'register-record.form',
  verbs: REGISTER_RECORD_VERBS,
  fields: FIELDS,
  read(data) {
    const { values, errors } = readFields(data, FIELDS, IDS);
    return { answers: values, errors };
  },
  cardData(draft: FormDraft, pack: LoadedPack, options: FormCardOptions) {
    const values = cardValues(FIELDS, draft.answers);
    const errors = cardErrors(FIELDS, options.errors);
    return {
      packName: pack.name,
      rev: draft.rev,
      notice: options.notice,
      noticeColor: options.noticeColor,
      questions: QUESTIONS.map((q) => ({ id: q.id, title: q.title, value: values[q.id], error: errors[q.id] })),
    };
  },
  toFacts: (answers) => Object.fromEntries(IDS.filter((id) => typeof answers[id] === 'boolean').map((id) => [id, answers[id]])),
  summary: (answers) => IDS.map((id) => ({ title: SHORT_LABELS[id], value: FIELDS[id].describe(answers[id] as never) })),
  factLabel,
};

export const registerRecordFlow: FlowDefinition = {
  id: REGISTER_RECORD_FLOW,
  intent: 'register_record',
  title: REGISTER_RECORD_TITLE,
  description: 'Ta reda på om ett inlägg, en kommentar eller ett meddelande ska diarieföras.',
  button: 'Diarieföring',
  scope: 'personal',
  async start(context, state, services) {
    await startSingleForm(context, state, services, registerRecordForm);
  },
  register(app, services) {
    registerSingleForm(app, services, registerRecordForm);
  },
};
