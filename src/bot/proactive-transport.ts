import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { CloudAdapterBase, ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationReferenceData } from '../db/conversation-references';
import { parseRetryAfter, TransportError, type ProactiveActivity, type ProactiveTransport, type SendHooks } from '../reminders/transport';

export interface BotFrameworkTransportOptions {
  /** The app's CloudAdapter (teams-ai's TeamsAdapter is one). */
  adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>;
  /** Microsoft App Id of the bot; empty in anonymous local mode. */
  botAppId: string;
  /**
   * The Bot Connector client retries 429 and 5xx on its own (up to 3 times). The reminder sender paces, retries
   * and counts tries itself, so by default the client's retry policy is taken out.
   */
  keepClientRetries?: boolean;
}

const CLIENT_RETRY_POLICY = 'defaultRetryPolicy';
const BEFORE_REQUEST_POLICY = 'reminderBeforeRequest';

/**
 * Delivers reminders with `continueConversationAsync` (what teams-ai's `Application.sendProactiveActivity` does)
 * and turns the connector's RestError into a TransportError with status and Retry-After.
 */
export function createBotFrameworkTransport(options: BotFrameworkTransportOptions): ProactiveTransport {
  // botbuilder makes a new connector client, with its own connection pool, for every proactive turn. One pool for
  // all sends keeps connections open between reminders: no new TCP (and TLS) handshake per message, and a request
  // leaves in the moment the rate limiter lets it go instead of after a connect.
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const agentFor = (url: string) => (url.startsWith('https:') ? agents.https : agents.http);
  return {
    callsBeforeRequest: true,
    async send(reference: ConversationReferenceData, activity: ProactiveActivity, hooks: SendHooks = {}): Promise<void> {
      try {
        await options.adapter.continueConversationAsync(options.botAppId, toBotReference(reference), async (context) => {
          const pipeline = connectorPipeline(context);
          if (!options.keepClientRetries) pipeline?.removePolicy({ name: CLIENT_RETRY_POLICY });
          const beforeRequest = hooks.beforeRequest;
          if (pipeline) {
            // Last in the pipeline, right before the HTTP client: the rate limiter's moment is the request's moment.
            pipeline.addPolicy(
              {
                name: BEFORE_REQUEST_POLICY,
                sendRequest: async (request, next) => {
                  await beforeRequest?.();
                  request.agent ??= agentFor(request.url);
                  return next(request);
                },
              },
              { afterPhase: 'Sign' },
            );
          } else if (beforeRequest) {
            await beforeRequest();
          }
          await context.sendActivity(activity);
        });
      } catch (error) {
        throw toTransportError(error);
      }
    },
  };
}

function toBotReference(reference: ConversationReferenceData): Partial<ConversationReference> {
  // No activityId: a reminder is a new message, not a reply to something the user wrote long ago.
  return {
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    bot: { id: reference.bot.id, name: reference.bot.name ?? '' },
    conversation: {
      id: reference.conversation.id,
      conversationType: reference.conversation.conversationType ?? 'personal',
      tenantId: reference.conversation.tenantId,
      isGroup: reference.conversation.conversationType === 'channel' || reference.conversation.conversationType === 'groupChat',
      name: '',
    },
    ...(reference.user ? { user: { id: reference.user.id, name: '', aadObjectId: reference.user.aadObjectId } } : {}),
  };
}

interface PipelineRequestLike {
  url: string;
  agent?: HttpAgent;
}

interface Pipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(
    policy: { name: string; sendRequest(request: PipelineRequestLike, next: (request: PipelineRequestLike) => Promise<unknown>): Promise<unknown> },
    options?: { afterPhase?: 'Sign' },
  ): void;
}

/** The HTTP pipeline of the connector client made for this proactive turn (a new client per turn). */
function connectorPipeline(context: TurnContext): Pipeline | undefined {
  const adapter = context.adapter as unknown as { ConnectorClientKey?: symbol };
  const key = adapter.ConnectorClientKey;
  const connector = key ? (context.turnState.get(key) as { client?: { pipeline?: Pipeline } } | undefined) : undefined;
  return connector?.client?.pipeline;
}

interface RestErrorLike {
  statusCode?: number;
  response?: { status?: number; headers?: { get?(name: string): string | undefined | null } | Record<string, string> };
}

export function toTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const rest = error as RestErrorLike | undefined;
  const status = rest?.statusCode ?? rest?.response?.status ?? 0;
  const headers = rest?.response?.headers;
  const header = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | undefined | null }).get(name) ?? undefined;
    return (headers as Record<string, string>)[name];
  };
  return new TransportError(status, status === 429 || status === 503 ? parseRetryAfter(header) : undefined, { cause: error });
}
