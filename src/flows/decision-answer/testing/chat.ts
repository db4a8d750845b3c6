import type { Activity, TestAdapter } from 'botbuilder';
import { cardActions, cardOf, cardText } from '../../../../tests/helpers/test-bot';

type Reply = Partial<Activity>;

/** The inputs of a card with the values a person would submit untouched (Teams sends valueOff for a toggle). */
export function inputsOf(reply: Reply | undefined): Record<string, string> {
  const inputs: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as { type?: string; id?: string; value?: unknown; valueOff?: string };
    if (typeof el.type === 'string' && el.type.startsWith('Input.') && el.id) {
      const fallback = el.type === 'Input.Toggle' ? (el.valueOff ?? 'false') : '';
      inputs[el.id] = el.value === undefined || el.value === null ? fallback : String(el.value);
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'actions') walk(value);
  };
  walk(cardOf(reply)?.body);
  return inputs;
}

/** The ids of the inputs on a card, for "which questions are asked" assertions. */
export function inputIds(reply: Reply | undefined): string[] {
  return Object.keys(inputsOf(reply));
}

/**
 * A person in a chat with the bot: says things, presses buttons on cards with the card's current input values
 * plus what they change, as Teams does (inputs are left out when the button says `associatedInputs: none`).
 */
export class Chat {
  constructor(readonly adapter: TestAdapter) {}

  async send(activity: string | Reply): Promise<Reply[]> {
    await this.adapter.receiveActivity(activity);
    const queue = this.adapter.activeQueue as Reply[];
    return queue.splice(0, queue.length);
  }

  /** Sends and returns the last card the bot answered with. */
  async card(activity: string | Reply): Promise<Reply> {
    const replies = await this.send(activity);
    const cards = replies.filter((r) => cardOf(r));
    if (cards.length === 0) throw new Error(`no card in reply: ${JSON.stringify(replies).slice(0, 500)}`);
    return cards[cards.length - 1];
  }

  async press(card: Reply, title: string, changes: Record<string, unknown> = {}): Promise<Reply> {
    return this.card(this.submitOf(card, title, changes));
  }

  submitOf(card: Reply, title: string, changes: Record<string, unknown> = {}): Reply {
    const data = cardActions(card)[title];
    if (!data) throw new Error(`no button "${title}" on card: ${cardText(card).slice(0, 300)}`);
    const withInputs = associatedInputs(card, title) !== 'none';
    return { type: 'message', value: { ...(withInputs ? inputsOf(card) : {}), ...changes, ...data } };
  }
}

function associatedInputs(reply: Reply, title: string): string | undefined {
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; title?: string; associatedInputs?: string };
    if (n.type === 'Action.Submit' && n.title === title) found = n.associatedInputs;
    Object.values(node).forEach(walk);
  };
  walk(cardOf(reply));
  return found;
}
