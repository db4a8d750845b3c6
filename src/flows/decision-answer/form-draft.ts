import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { sendNotice } from '../../bot/send';
import type { BotServices } from '../../bot/services';
import type { AppTurnState } from '../../bot/turn-state';
import { canonicalJson } from '../../rules/canonical-json';
import { readPresentFields, type FieldSet } from './card-fields';

/**
 * The answers of a card conversation, kept in `state.conversation.flow.draft` (the database), so "Ändra svar"
 * and a restart of the bot both find them. `rev` grows with every card sent, so an older card can be told apart.
 */
export interface FormDraft {
  rev: number;
  answers: Record<string, unknown>;
  /** The sections whose questions the newest card shows as inputs. */
  ask: string[];
  /** The user attached a picture when starting: only this flag is kept, never the file. */
  picture: boolean;
}

export type FormStep = 'asking' | 'answered';

const storedSchema = z.object({
  rev: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  answers: z.record(z.unknown()),
  ask: z.array(z.string().max(64)).max(32),
  picture: z.boolean().default(false),
});

/** The draft of `flowId`, validated again (it may have been written by an older version), or undefined. */
export function loadFormDraft(state: AppTurnState, flowId: string, fields: FieldSet): FormDraft | undefined {
  const flow = state.conversation.flow;
  if (!flow || flow.id !== flowId) return undefined;
  const parsed = storedSchema.safeParse(flow.draft);
  if (!parsed.success) return undefined;
  return { ...parsed.data, answers: readPresentFields(parsed.data.answers, fields) };
}

export function saveFormDraft(state: AppTurnState, flowId: string, step: FormStep, draft: FormDraft): void {
  state.conversation.flow = { id: flowId, step, draft: { ...draft } };
}

/**
 * The card just answered, pressed again with the same answers (a double click, or a press that seemed to do
 * nothing): the person gets one answer and the log one decision.
 */
export function isRepeatOfAnswered(state: AppTurnState, flowId: string, draft: FormDraft, rev: number | undefined, submitted: Record<string, unknown>): boolean {
  const current = state.conversation.flow;
  if (current?.id !== flowId || current.step !== 'answered' || rev === undefined || rev !== draft.rev - 1) return false;
  return Object.entries(submitted).every(([field, value]) => canonicalJson(value) === canonicalJson(draft.answers[field]));
}

export async function sendAlreadyAnswered(context: TurnContext, services: BotServices, flowId: string): Promise<void> {
  services.logger.info({ event: 'card_repeat', flow: flowId }, 'answered card pressed again');
  await sendNotice(context, 'Det här har jag redan svarat på', 'Svaret står ovanför. Vill du ändra något, tryck på "Ändra svar" där.');
}

/** The `rev` a card submit carries; anything else (missing, a float, a word) is treated as an old card. */
export function revOf(data: unknown): number | undefined {
  const raw = (data as { rev?: unknown } | undefined)?.rev;
  const parsed = z
    .union([z.number(), z.string().regex(/^\d{1,15}$/).transform(Number)])
    .pipe(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
    .safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The `edit` payload of "Ändra svar" on an answer card: `{ rev, answers }`, read through the same fields. */
export function editPayloadOf(data: unknown, fields: FieldSet): { rev?: number; answers: Record<string, unknown> } | undefined {
  const edit = (data as { edit?: unknown } | undefined)?.edit;
  if (!edit || typeof edit !== 'object') return undefined;
  const answers = readPresentFields((edit as { answers?: unknown }).answers, fields);
  return { rev: revOf(edit), answers };
}
