import { z } from 'zod';
import type { AppTurnState } from '../../bot/turn-state';
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
