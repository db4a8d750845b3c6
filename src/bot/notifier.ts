import type { Activity } from 'botbuilder';
import type { ConversationReferences, StoredConversationReference } from '../db/conversation-references';
import type { Logger } from '../log/logger';
import { classifyStatus } from '../reminders/retry-policy';
import { TransportError, type ProactiveActivity, type ProactiveTransport } from '../reminders/transport';

/** What became of one proactive message, for the caller to act on. */
export type NotifyOutcome =
  | { status: 'delivered' }
  /** Nothing was sent: the person has never talked to the bot, or the conversation is known to be gone. */
  | { status: 'no_conversation' }
  /** Teams throttled (429), had a passing failure (412, 5xx) or did not answer (httpStatus 0): send again later. */
  | { status: 'retry'; httpStatus: number; retryAfterMs?: number }
  /** 403/404: the bot was removed or the conversation is gone. The conversation is now marked dead. */
  | { status: 'dead'; httpStatus: number }
  /** Teams refused the message for good (e.g. 400); sending it again will not help. */
  | { status: 'failed'; httpStatus: number };

/** Proactive messages to a person's personal chat or to a conversation (e.g. an approval channel). */
export interface Notifier {
  sendToUser(aadObjectId: string, activity: Partial<Activity>): Promise<NotifyOutcome>;
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<NotifyOutcome>;
}

export type NotifierReferences = Pick<ConversationReferences, 'personalFor' | 'byConversationId' | 'markDead'>;

export interface AdapterNotifierOptions {
  /** The Bot Framework transport on the bot's adapter (src/bot/proactive-transport.ts). */
  transport: ProactiveTransport;
  references: NotifierReferences;
  logger: Logger;
}

/** Sends through the bot's adapter with the stored conversation references and reports every send's outcome. */
export class AdapterNotifier implements Notifier {
  constructor(private readonly options: AdapterNotifierOptions) {}

  async sendToUser(aadObjectId: string, activity: Partial<Activity>): Promise<NotifyOutcome> {
    return this.send(await this.options.references.personalFor(aadObjectId), activity);
  }

  async sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<NotifyOutcome> {
    // A channel's conversation id may name the thread of a message; the stored reference is the channel's.
    const stored = await this.options.references.byConversationId(conversationId.split(';messageid=')[0]);
    return this.send(stored && !stored.deadAt ? stored : undefined, activity);
  }

  private async send(stored: StoredConversationReference | undefined, activity: Partial<Activity>): Promise<NotifyOutcome> {
    if (!stored) return { status: 'no_conversation' };
    try {
      await this.options.transport.send(stored.reference, asProactive(activity));
      return { status: 'delivered' };
    } catch (error) {
      const outcome = failureOutcome(error);
      this.options.logger.warn(
        { event: 'notify_failed', outcome: outcome.status, status: 'httpStatus' in outcome ? outcome.httpStatus : undefined, conversationType: stored.conversationType },
        'proactive message not delivered',
      );
      if (outcome.status === 'dead') await this.options.references.markDead(stored.id, String(outcome.httpStatus));
      return outcome;
    }
  }
}

function failureOutcome(error: unknown): NotifyOutcome {
  // Anything but a TransportError did not get an answer from Teams (status 0), so it is worth another try.
  const status = error instanceof TransportError ? error.status : 0;
  switch (classifyStatus(status)) {
    case 'gone':
      return { status: 'dead', httpStatus: status };
    case 'throttled':
    case 'transient':
      return { status: 'retry', httpStatus: status, retryAfterMs: error instanceof TransportError ? error.retryAfterMs : undefined };
    default:
      return { status: 'failed', httpStatus: status };
  }
}

/** The parts of a message activity a proactive message carries. */
function asProactive(activity: Partial<Activity>): ProactiveActivity {
  return {
    type: 'message',
    ...(activity.text !== undefined ? { text: activity.text } : {}),
    ...(activity.textFormat !== undefined ? { textFormat: activity.textFormat as ProactiveActivity['textFormat'] } : {}),
    ...(activity.summary !== undefined ? { summary: activity.summary } : {}),
    ...(activity.attachments ? { attachments: activity.attachments.map((a) => ({ contentType: a.contentType, content: a.content })) } : {}),
    ...(activity.channelData ? { channelData: activity.channelData as Record<string, unknown> } : {}),
  };
}

/** For tests: remembers what would have been sent. */
export class RecordingNotifier implements Notifier {
  readonly sent: { to: { user?: string; conversation?: string }; activity: Partial<Activity> }[] = [];

  async sendToUser(aadObjectId: string, activity: Partial<Activity>): Promise<NotifyOutcome> {
    this.sent.push({ to: { user: aadObjectId }, activity });
    return { status: 'delivered' };
  }

  async sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<NotifyOutcome> {
    this.sent.push({ to: { conversation: conversationId }, activity });
    return { status: 'delivered' };
  }
}
