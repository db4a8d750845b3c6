import type { TurnContext } from 'botbuilder';
import { flowForIntent } from '../flows';
import { sendMenu } from '../flows/menu';
import { sendNotice } from './send';
import type { BotServices } from './services';
import type { AppTurnState } from './turn-state';

/** Longer text is cut before recognition: the intent is in the first sentences, and it bounds the work per turn. */
export const MAX_RECOGNISED_CHARS = 2000;

const MENU_WORDS = /^(hjälp|hjalp|meny|menu|help|start|hej|hallå|tjena)[\s!.?]*$/i;

function hasPicture(context: TurnContext): boolean {
  return (context.activity.attachments ?? []).some(
    (a) => a.contentType?.startsWith('image/') || a.contentType === 'application/vnd.microsoft.teams.file.download.info',
  );
}

/** A message in the user's own words: menu words, then the intent recogniser, and the menu when unsure. */
export async function handleFreeText(context: TurnContext, state: AppTurnState, services: BotServices): Promise<void> {
  const text = (context.activity.text ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (MENU_WORDS.test(text)) return sendMenu(context, services);

  const picture = hasPicture(context);
  const { intent } = text ? await services.intents.recognize(text.slice(0, MAX_RECOGNISED_CHARS)) : { intent: 'none' as const };
  const flow = flowForIntent(picture && (intent === 'none' || intent === 'help') ? 'publish_image' : intent);
  services.logger.info({ event: 'free_text', intent, picture, length: text.length, flow: flow?.id ?? null }, 'free text routed');
  if (flow) return flow.start(context, state, services, { text, hasAttachment: picture });

  if (intent !== 'help') {
    await sendNotice(context, 'Jag är inte säker på vad du menar', 'Välj det som passar bäst i menyn nedan, eller skriv frågan på ett annat sätt.');
  }
  await sendMenu(context, services);
}
