import type { LoadedPack } from '../../rules';
import { cardErrors, cardValues } from '../decision-answer/card-fields';
import type { FormDraft } from '../decision-answer/form-draft';
import { CHOICES, FIELDS, LABELS, type FieldName } from './questions';
import { neededSections, SECTIONS, summaryOf, type Answers, type Section } from './sections';

export const FORM_TEMPLATE = 'publish-image.form';

export type FormMode = 'start' | 'followUp' | 'edit' | 'errors';

const INTRO: Record<FormMode, string> = {
  start: 'Svara på några frågor så säger jag om du får publicera, vad du behöver göra först och var det står i policyn. Jag frågar bara om det som spelar roll.',
  followUp: 'Tack! Dina svar väcker några följdfrågor.',
  edit: 'Här är dina svar. Ändra det som behövs och tryck på Fortsätt.',
  errors: 'Några svar saknas eller behöver ändras – se de röda raderna.',
};

/** The name of the pack's written consent form, if it has one (Nyköping: "Fotoavtal …"). */
export function consentFormName(pack: LoadedPack): string | undefined {
  return pack.settings.consentForm?.name || undefined;
}

function hints(pack: LoadedPack): Partial<Record<FieldName, string>> {
  const form = consentFormName(pack);
  return {
    identifiablePeople: 'Är du osäker, svara Ja.',
    consent: form ? `Skriftligt betyder här blanketten ”${form}”.` : 'Skriftligt betyder att samtycket finns på papper eller i ett mejl som ni sparar.',
    youngestAge: 'Vet du inte exakt, uppskatta hellre för lågt än för högt.',
    setting: 'Det spelar roll när platsen säger något om personerna, till exempel att ett barn går på en viss förskola.',
    sensitiveCategories: 'Tänk på sammanhanget också – en bild från en gudstjänst, en vårdavdelning eller en demonstration kan säga mycket. Välj inget om inget stämmer.',
    integritySensitive: 'Välj inget om inget stämmer.',
    maturityAssessed: 'För barn mellan 13 och 17 år avgör mognaden om barnet kan samtycka själv.',
  };
}

export interface FormOptions {
  mode: FormMode;
  errors?: Record<string, string>;
  /** A message above everything, e.g. that the card was old. */
  notice?: string;
  noticeColor?: 'Default' | 'Warning' | 'Attention' | 'Good';
}

/** Data of `adaptive-cards/publish-image.form.json`: the sections in `draft.ask` as inputs, the rest as a summary. */
export function formCardData(draft: FormDraft, pack: LoadedPack, options: FormOptions) {
  const answers = draft.answers as Answers;
  const ask = new Set(draft.ask as Section[]);
  const hint = hints(pack);
  const q = Object.fromEntries(
    (Object.keys(FIELDS) as FieldName[]).map((name) => [
      name,
      { label: LABELS[name], error: FIELDS[name].error, hint: hint[name] ?? '', choices: CHOICES[name] ?? [] },
    ]),
  );
  const answeredElsewhere = neededSections(answers).filter((section) => !ask.has(section));
  return {
    packName: pack.name,
    rev: draft.rev,
    picture: draft.picture,
    intro: INTRO[options.mode],
    notice: options.notice ?? '',
    noticeColor: options.noticeColor ?? 'Warning',
    show: Object.fromEntries(SECTIONS.map((section) => [section, ask.has(section)])),
    summary: summaryOf(answers, answeredElsewhere),
    q,
    v: cardValues(FIELDS, answers),
    errors: cardErrors(FIELDS, options.errors),
  };
}
