import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { renderCard, type AdaptiveCard } from '../cards/render';

export function cardActivity(card: AdaptiveCard) {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

export async function sendCard(context: TurnContext, name: string, data: object = {}): Promise<void> {
  await context.sendActivity(cardActivity(renderCard(name, data)));
}

/** A short message card with the way back to the menu, so no answer is a dead end. */
export async function sendNotice(context: TurnContext, title: string, text = '', color: 'Default' | 'Attention' | 'Warning' | 'Good' = 'Default'): Promise<void> {
  await sendCard(context, 'notice', { title, text, color });
}
