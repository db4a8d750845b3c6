import type { TurnContext } from 'botbuilder';
import { sendCard } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { tenancyOf } from '../../bot/tenancy';
import type { AppTurnState } from '../../bot/turn-state';
import { factsErrorText } from '../../rules/labels';
import { asRecord, readFields, readPresentFields } from '../decision-answer/card-fields';
import { editPayloadOf, isRepeatOfAnswered, loadFormDraft, revOf, saveFormDraft, sendAlreadyAnswered, type FormDraft } from '../decision-answer/form-draft';
import { decideFor, sendDecisionAnswer } from '../decision-answer';
import type { FlowDefinition } from '../types';
import { FORM_TEMPLATE, formCardData, type FormOptions } from './card';
import { factLabel, FIELDS } from './questions';
import { fieldsOf, neededSections, pendingSections, summaryOf, toFacts, type Answers, type Section } from './sections';
import { PUBLISH_IMAGE_VERBS } from './verbs';

export const PUBLISH_IMAGE_FLOW = 'publish-image';
export const PUBLISH_IMAGE_TITLE = 'Kan jag publicera den här bilden?';

const VIDEO_WORDS = /(^|[^a-zåäö])(film|filmen|filmer|filmerna|filmklipp|video|videon|videoklipp|klipp|klippet|reel|reels)([^a-zåäö]|$)/i;

async function sendForm(context: TurnContext, state: AppTurnState, services: BotServices, draft: FormDraft, options: FormOptions): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  saveFormDraft(state, PUBLISH_IMAGE_FLOW, 'asking', draft);
  await sendCard(context, FORM_TEMPLATE, formCardData(draft, pack, options));
}

function draftOf(state: AppTurnState): FormDraft | undefined {
  return loadFormDraft(state, PUBLISH_IMAGE_FLOW, FIELDS);
}

async function decide(context: TurnContext, state: AppTurnState, services: BotServices, draft: FormDraft): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  const answers = draft.answers as Answers;
  const result = await decideFor(context, services, pack, 'publish-image', toFacts(answers));
  if (!result.ok) {
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const field = issue.field === 'consentDocumented' ? 'consent' : issue.field;
      if (field in FIELDS) errors[field] = 'Kontrollera svaret.';
    }
    const next = { ...draft, rev: draft.rev + 1, ask: neededSections(answers) };
    await sendForm(context, state, services, next, { mode: 'errors', errors, notice: factsErrorText(result.error, pack), noticeColor: 'Attention' });
    return;
  }
  const answered = { ...draft, rev: draft.rev + 1 };
  saveFormDraft(state, PUBLISH_IMAGE_FLOW, 'answered', answered);
  await sendDecisionAnswer(context, result.decision, pack, {
    title: PUBLISH_IMAGE_TITLE,
    edit: { verb: PUBLISH_IMAGE_VERBS.edit, data: { rev: answered.rev, answers } },
    againFlow: PUBLISH_IMAGE_FLOW,
    summary: summaryOf(answers),
    factLabel,
  });
}

/** "Fortsätt": read the questions the card showed, then ask the follow-ups that became relevant, or answer. */
async function onNext(context: TurnContext, state: AppTurnState, services: BotServices, data: Record<string, unknown>): Promise<void> {
  const draft = draftOf(state);
  const rev = revOf(data);
  if (draft && isRepeatOfAnswered(state, PUBLISH_IMAGE_FLOW, draft, rev, readFields(data, FIELDS, fieldsOf(draft.ask as Section[])).values)) {
    return sendAlreadyAnswered(context, services, PUBLISH_IMAGE_FLOW);
  }
  if (!draft || rev === undefined || rev !== draft.rev) {
    // An old card, or no draft (another flow was started, or the data was reset): keep what this card holds.
    services.logger.warn({ event: 'card_stale', flow: PUBLISH_IMAGE_FLOW, hasDraft: Boolean(draft) }, 'old or unknown card submitted');
    const answers = { ...(draft?.answers ?? {}), ...readPresentFields(data, FIELDS) };
    const next: FormDraft = { rev: draft ? draft.rev + 1 : firstRev(services), answers, ask: neededSections(answers), picture: draft?.picture ?? false };
    const notice = draft
      ? 'Det där var ett äldre kort. Jag har tagit med det du fyllde i där – kontrollera svaren och tryck på Fortsätt.'
      : 'Jag hittade inte dina tidigare svar, så kortet kan vara gammalt. Jag har tagit med det du fyllde i – kontrollera och tryck på Fortsätt.';
    await sendForm(context, state, services, next, { mode: 'edit', notice });
    return;
  }

  const { values, errors } = readFields(data, FIELDS, fieldsOf(draft.ask as Section[]));
  const answers = { ...draft.answers, ...values } as Answers;
  if (Object.keys(errors).length > 0) {
    await sendForm(context, state, services, { ...draft, rev: draft.rev + 1, answers }, { mode: 'errors', errors });
    return;
  }
  const pending = pendingSections(answers);
  if (pending.length > 0) {
    await sendForm(context, state, services, { ...draft, rev: draft.rev + 1, answers, ask: pending }, { mode: 'followUp' });
    return;
  }
  await decide(context, state, services, { ...draft, answers, ask: neededSections(answers) });
}

/** "Ändra svar": the filled-in card with every question that matters, from the draft or the answer card. */
async function onEdit(context: TurnContext, state: AppTurnState, services: BotServices, data: Record<string, unknown>): Promise<void> {
  const draft = draftOf(state);
  const payload = editPayloadOf(data, FIELDS);
  const rev = payload ? payload.rev : revOf(data);
  let answers: Record<string, unknown>;
  let notice = '';
  if (draft && rev !== undefined && rev === draft.rev) answers = draft.answers;
  else if (payload && Object.keys(payload.answers).length > 0) answers = payload.answers;
  else if (draft) {
    answers = draft.answers;
    notice = 'Det kortet var äldre. Här är dina senaste svar.';
  } else {
    answers = {};
    notice = 'Jag hittar inte de svaren längre. Fyll i kortet igen, så svarar jag.';
  }
  if (notice) services.logger.warn({ event: 'card_stale', flow: PUBLISH_IMAGE_FLOW, hasDraft: Boolean(draft) }, 'edit from an old card');
  const next: FormDraft = { rev: draft ? draft.rev + 1 : firstRev(services), answers, ask: neededSections(answers), picture: draft?.picture ?? false };
  await sendForm(context, state, services, next, { mode: 'edit', notice });
}

/** A new question starts from the clock, so a card from an earlier question can never match its rev. */
function firstRev(services: BotServices, previous?: FormDraft): number {
  return Math.max(services.clock.now().getTime(), (previous?.rev ?? 0) + 1);
}

export const publishImageFlow: FlowDefinition = {
  id: PUBLISH_IMAGE_FLOW,
  intent: 'publish_image',
  title: PUBLISH_IMAGE_TITLE,
  description: 'Kolla en bild eller film med personer innan du publicerar den.',
  button: 'Kolla bild',
  scope: 'personal',
  async start(context, state, services, input) {
    const previous = draftOf(state);
    const answers: Answers = {};
    // Only a hint for the first question; the text itself is neither stored nor logged.
    if (input.text && VIDEO_WORDS.test(input.text)) answers.mediaType = 'video';
    const draft: FormDraft = { rev: firstRev(services, previous), answers, ask: ['basics'], picture: Boolean(input.hasAttachment) };
    services.logger.info({ event: 'flow_start', flow: PUBLISH_IMAGE_FLOW, picture: draft.picture }, 'photo check started');
    await sendForm(context, state, services, draft, { mode: 'start' });
  },
  register(app, services) {
    app.adaptiveCards.actionSubmit(PUBLISH_IMAGE_VERBS.next, (context, state, data) => onNext(context, state, services, asRecord(data)));
    app.adaptiveCards.actionSubmit(PUBLISH_IMAGE_VERBS.edit, (context, state, data) => onEdit(context, state, services, asRecord(data)));
  },
};
