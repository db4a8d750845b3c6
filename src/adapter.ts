import { ActivityTypes, INVOKE_RESPONSE_KEY, type Activity, type TurnContext } from 'botbuilder';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import { EdgeAdapter } from './edge-adapter';
import type { Config } from './config';
import type { Logger } from './log/logger';

export const TURN_ERROR_TEXT = 'Något gick fel hos mig. Försök igen om en stund – skriv "meny" för att börja om.';

/** No bot id configured: anonymous local mode for the Playground. Otherwise Bot Framework tokens are required. */
export function authSettings(config: Config, overrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {}): Record<string, string> {
  if (!config.bot) return {};
  return {
    ...(overrides as Record<string, string>),
    MicrosoftAppId: config.bot.id,
    MicrosoftAppPassword: config.bot.password ?? '',
    MicrosoftAppType: config.bot.type,
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
  };
}

/**
 * The bot's adapter. It remembers which turns the bot started itself (`continueConversationAsync`), so that
 * `onTurnError` can hand their failures back to the caller instead of swallowing them.
 */
export class BotAdapter extends EdgeAdapter {
  private readonly proactive = new WeakSet<Partial<Activity>>();

  isProactive(context: TurnContext): boolean {
    return this.proactive.has(context.activity);
  }

  protected override processProactive(
    claimsIdentity: ClaimsIdentity,
    continuationActivity: Partial<Activity>,
    audience: string | undefined,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    this.proactive.add(continuationActivity);
    return super.processProactive(claimsIdentity, continuationActivity, audience, logic);
  }
}

/** `authOverrides`: tests point token validation at a local OpenID metadata document and key set. */
export function createAdapter(config: Config, logger: Logger, authOverrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions>): BotAdapter {
  const adapter = new BotAdapter(authSettings(config, authOverrides));
  adapter.onTurnError = async (context, error) => {
    // A proactive send (reminder, notification) has a caller that retries, backs off or marks the conversation
    // dead by the connector's answer: give it the error. Nobody is waiting for a reply in that conversation.
    if (adapter.isProactive(context)) throw error;
    const activity = context.activity;
    logger.error(
      { event: 'turn_error', err: { name: (error as Error)?.name, message: (error as Error)?.message, code: (error as { code?: string })?.code }, activityType: activity.type, conversationType: activity.conversation?.conversationType },
      'turn failed',
    );
    // Only a person who wrote a message is waiting for an answer; never post errors into a channel for other activities.
    // A card button (Universal Action) waits for an invoke response; answer it so the card shows the message.
    if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action' && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: TURN_ERROR_TEXT } },
      });
      return;
    }
    if (activity.type === ActivityTypes.Message) {
      try {
        await context.sendActivity(TURN_ERROR_TEXT);
      } catch (sendError) {
        logger.warn({ event: 'turn_error_reply_failed', message: (sendError as Error).message }, 'could not tell the user');
      }
    }
  };
  return adapter;
}
