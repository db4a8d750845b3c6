import { z } from 'zod';

/** The answer when an activity's shape or characters cannot be handled; nothing from it is used or stored. */
export const UNREADABLE_INPUT_TEXT =
  'Jag kunde inte läsa det du skickade: det innehöll tecken eller uppgifter i en form som jag inte kan ta emot. Inget har sparats. Skriv igen med vanlig text, eller skriv "meny" för att börja om.';

const optionalString = z.string().optional();
const account = z.object({ id: z.string(), name: optionalString, aadObjectId: optionalString }).passthrough();
const members = z.array(z.object({ id: z.string() }).passthrough()).optional();

/** botbuilder strips the bot's @mention from the text by reading `mentioned.id` and `text` of every mention. */
const mention = z.object({ type: z.string().regex(/^mention$/i), mentioned: z.object({ id: z.string() }).passthrough(), text: z.string() }).passthrough();
const entity = z.union([mention, z.object({ type: z.string().refine((type) => type.toLowerCase() !== 'mention', 'mention without mentioned.id and text') }).passthrough()]);

/**
 * What the bot and the libraries under it read without checking, in the types they assume. An activity that
 * passes `incomingActivitySchema` but not this comes from a broken or hostile client; Teams never sends it.
 */
const turnInputSchema = z
  .object({
    value: z
      .unknown()
      .refine((value) => value !== null, 'null')
      .optional(),
    entities: z.array(entity).optional(),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string(), name: optionalString, conversationType: optionalString, tenantId: optionalString }).passthrough(),
    membersAdded: members,
    membersRemoved: members,
    locale: optionalString,
  })
  .passthrough()
  .refine((activity) => typeof activity.text === 'string' || !activity.entities?.some((e) => e.type.toLowerCase() === 'mention'), {
    message: 'mention without text',
    path: ['text'],
  });

/** NUL (refused by PostgreSQL in text and jsonb) and UTF-16 surrogates without their pair (not valid Unicode). */
const UNREADABLE_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const MAX_DEPTH = 32;

/** Field paths (never values) of strings, keys included, that hold an unreadable character. */
function unreadablePaths(value: unknown, path: string, found: string[], depth = 0): void {
  if (found.length >= 5) return;
  if (typeof value === 'string') {
    if (UNREADABLE_CHARACTER.test(value)) found.push(path || '(root)');
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= MAX_DEPTH) {
    found.push(path);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? path : path ? `${path}.${key}` : key;
    if (UNREADABLE_CHARACTER.test(key)) found.push(childPath);
    unreadablePaths(child, childPath, found, depth + 1);
  }
}

/** Field paths safe to log: a card's keys are the sender's to choose, so nothing below `value` is named. */
export function loggableFields(fields: string[]): string[] {
  return [...new Set(fields.map((field) => (field === 'value' || field.startsWith('value.') ? 'value' : field.slice(0, 64))))];
}

export type TurnInputCheck = { ok: true } | { ok: false; fields: string[] };

/** Whether the bot can take this activity as it is; the refused fields are named for the log. */
export function checkTurnInput(activity: unknown): TurnInputCheck {
  const fields: string[] = [];
  const shape = turnInputSchema.safeParse(activity);
  if (!shape.success) fields.push(...shape.error.issues.map((issue) => issue.path.join('.')));
  unreadablePaths(activity, '', fields);
  return fields.length === 0 ? { ok: true } : { ok: false, fields: [...new Set(fields)].slice(0, 5) };
}

/**
 * The parts of a refused activity needed to answer it, with nothing else: an answer is addressed from these
 * (a non-string `from.name` would otherwise break the answer too).
 */
export function answerableActivity<T extends { from: { id: string }; recipient: { id: string }; conversation: { id: string } }>(activity: T): T {
  const conversation = activity.conversation as T['conversation'] & { conversationType?: unknown; tenantId?: unknown; isGroup?: unknown };
  return {
    ...activity,
    from: { id: activity.from.id },
    recipient: { id: activity.recipient.id },
    conversation: {
      id: conversation.id,
      ...(typeof conversation.conversationType === 'string' ? { conversationType: conversation.conversationType } : {}),
      ...(typeof conversation.tenantId === 'string' ? { tenantId: conversation.tenantId } : {}),
    },
    text: undefined,
    value: undefined,
    entities: undefined,
    membersAdded: undefined,
    membersRemoved: undefined,
    channelData: undefined,
    attachments: undefined,
  };
}
