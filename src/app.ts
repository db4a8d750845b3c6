import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { screenCardSubmit } from './cards/submit-guard';
import { VERBS } from './cards/verbs';
import { BotStateRepository } from './db/bot-state-repository';
import { DatabaseStorage } from './bot/state-storage';
import { handleFreeText } from './bot/free-text';
import { rememberConversation } from './bot/references';
import { sendNotice } from './bot/send';
import type { ConversationReferences } from './db/conversation-references';
import type { BotServices } from './bot/services';
import type { AppTurnState } from './bot/turn-state';
import { FLOWS, flowById } from './flows';
import { sendMenu, sendWelcome } from './flows/menu';

const openFlowSchema = z.object({ verb: z.literal(VERBS.openFlow), flow: z.string().max(64) });

function invokeResponse(context: TurnContext, status: number, body?: unknown) {
  return context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}

/** The Application with every route. Order matters: specific routes first, the catch-alls last. */
export function createApp(adapter: TeamsAdapter, services: BotServices, references: ConversationReferences): Application<AppTurnState> {
  const app = new Application<AppTurnState>({
    adapter,
    botAppId: services.config.bot?.id ?? '',
    storage: new DatabaseStorage(new BotStateRepository(services.database.db)),
    turnStateFactory: () => new TurnState() as AppTurnState,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    adaptiveCards: { actionSubmitFilter: 'verb' },
  });

  app.turn('beforeTurn', async (context) => {
    const refused = screenCardSubmit(context);
    if (refused.size > 0) services.logger.warn({ event: 'secret_refused', fields: [...refused] }, 'password-like text refused from a card');
    try {
      await rememberConversation(context, references);
    } catch (error) {
      // Losing a reference only delays proactive messages; the user's turn must go on.
      services.logger.warn({ event: 'reference_save_failed', message: (error as Error).message }, 'could not store conversation reference');
    }
    return true;
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
    if (botAdded) await sendWelcome(context, services);
  });

  app.adaptiveCards.actionSubmit(VERBS.showMenu, async (context) => sendMenu(context, services));

  app.adaptiveCards.actionSubmit(VERBS.openFlow, async (context, state, data) => {
    const parsed = openFlowSchema.safeParse(data);
    const flow = parsed.success ? flowById(parsed.data.flow) : undefined;
    if (!flow) {
      services.logger.warn({ event: 'card_invalid', verb: VERBS.openFlow }, 'unknown flow on menu card');
      await sendNotice(context, 'Det valet finns inte längre', 'Menyn kan ha ändrats sedan kortet skickades. Här är den aktuella menyn.', 'Warning');
      return sendMenu(context, services);
    }
    await flow.start(context, state, services, {});
  });

  for (const flow of FLOWS) flow.register?.(app, services);

  app.activity(ActivityTypes.Message, async (context, state) => {
    const value = context.activity.value as { verb?: unknown } | undefined;
    if (value !== undefined && value !== null && !context.activity.text) {
      services.logger.warn({ event: 'card_invalid', verb: typeof value.verb === 'string' ? value.verb.slice(0, 64) : null }, 'card submit not recognised');
      await sendNotice(context, 'Jag känner inte igen det kortet', 'Kortet kan vara gammalt eller ofullständigt. Inget har sparats från det. Börja gärna om från menyn.', 'Warning');
      return;
    }
    await handleFreeText(context, state, services);
  });

  app.activity(ActivityTypes.Invoke, async (context) => {
    services.logger.warn({ event: 'invoke_unknown', name: String(context.activity.name ?? '').slice(0, 64) }, 'unhandled invoke');
    if (context.activity.name === 'adaptiveCard/action') {
      await invokeResponse(context, 200, {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'Jag känner inte igen den knappen. Kortet kan vara gammalt – börja gärna om från menyn.',
      });
      return;
    }
    await invokeResponse(context, 400, { message: 'Okänd begäran.' });
  });

  return app;
}
