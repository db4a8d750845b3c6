import type { Activity, ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';

/** Proactive messages to a person's personal chat or to a conversation (e.g. an approval channel). */
export interface Notifier {
  /** False when the person has never talked to the bot (no conversation reference is known). */
  toUser(aadObjectId: string, activity: Partial<Activity>): Promise<boolean>;
  toConversation(conversationId: string, activity: Partial<Activity>): Promise<boolean>;
}

export interface ReferenceLookup {
  personalFor(aadObjectId: string): Promise<Partial<ConversationReference> | undefined>;
  byConversationId(conversationId: string): Promise<Partial<ConversationReference> | undefined>;
}

export class AdapterNotifier implements Notifier {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly botAppId: string,
    private readonly references: ReferenceLookup,
  ) {}

  async toUser(aadObjectId: string, activity: Partial<Activity>): Promise<boolean> {
    return this.send(await this.references.personalFor(aadObjectId), activity);
  }

  async toConversation(conversationId: string, activity: Partial<Activity>): Promise<boolean> {
    return this.send(await this.references.byConversationId(conversationId), activity);
  }

  private async send(reference: Partial<ConversationReference> | undefined, activity: Partial<Activity>): Promise<boolean> {
    if (!reference) return false;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      await context.sendActivity(activity);
    });
    return true;
  }
}

/** For tests: remembers what would have been sent. */
export class RecordingNotifier implements Notifier {
  readonly sent: { to: { user?: string; conversation?: string }; activity: Partial<Activity> }[] = [];

  async toUser(aadObjectId: string, activity: Partial<Activity>): Promise<boolean> {
    this.sent.push({ to: { user: aadObjectId }, activity });
    return true;
  }

  async toConversation(conversationId: string, activity: Partial<Activity>): Promise<boolean> {
    this.sent.push({ to: { conversation: conversationId }, activity });
    return true;
  }
}
