import type { TurnContext } from 'botbuilder';
import { withoutSecrets } from '../rules';

/**
 * The one guard for what people type into cards. Before any route runs, every text of a card submit (Action.Submit's
 * `value`, Action.Execute's `action.data`) that looks like a password is replaced by "" in the activity itself, so no
 * flow can keep it: not in a draft, a request, the register, the decision log, a log line or a card shown again.
 * Flows read `refusedFields` to say so beside the field.
 */
const REFUSED_KEY = Symbol('refusedSecretFields');

export const SECRET_REFUSED = 'Det här ser ut som ett lösenord och har inte sparats. Skriv aldrig lösenord här.';

type Data = Record<string, unknown>;

function isData(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Where the submitted inputs are: an invoke carries them in `value.action.data`, a message in `value`. */
function holderOf(context: TurnContext): { get(): Data | undefined; set(data: Data): void } | undefined {
  const activity = context.activity;
  if (!isData(activity.value)) return undefined;
  const value = activity.value;
  if (activity.type === 'invoke') {
    const action = value.action;
    if (!isData(action) || !isData(action.data)) return undefined;
    return { get: () => action.data as Data, set: (data) => (action.data = data) };
  }
  return { get: () => value, set: (data) => (activity.value = data) };
}

/** Blanks every password-like text of this turn's card submit; returns the top-level fields that held one. */
export function screenCardSubmit(context: TurnContext): ReadonlySet<string> {
  const holder = holderOf(context);
  const data = holder?.get();
  const refused = new Set<string>();
  if (holder && data) {
    const screened = withoutSecrets(data);
    for (const path of screened.fields) refused.add(path.split(/[.[]/u)[0]);
    if (refused.size > 0) holder.set(screened.value);
  }
  context.turnState.set(REFUSED_KEY, refused);
  return refused;
}

/** The fields of this turn's card submit that were refused as passwords (empty when none, or not screened). */
export function refusedFields(context: TurnContext): ReadonlySet<string> {
  return (context.turnState.get(REFUSED_KEY) as ReadonlySet<string> | undefined) ?? new Set();
}
