import { TestAdapter, type Activity } from 'botbuilder';
import { buildBot, type Bot } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log/logger';
import type { Database } from '../../src/db';
import { RecordingNotifier } from '../../src/bot/notifier';

export interface TestBot {
  bot: Bot;
  /** Proactive messages the bot sent (personal chats and channels). */
  notifications: RecordingNotifier['sent'];
  /** A conversation as one Teams user in a personal chat (or a channel). */
  conversation(options?: ConversationOptions): TestAdapter;
  close(): Promise<void>;
}

export interface ConversationOptions {
  userId?: string;
  aadObjectId?: string;
  conversationId?: string;
  conversationType?: 'personal' | 'channel';
  teamId?: string;
  tenantId?: string;
}

export async function createTestBot(env: Record<string, string> = {}, database?: Database): Promise<TestBot> {
  const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', ...env });
  const notifier = new RecordingNotifier();
  const bot = await buildBot(config, { logger: createLogger('silent'), database, notifier });
  return {
    bot,
    notifications: notifier.sent,
    conversation(options = {}) {
      const userId = options.userId ?? 'user-alex';
      const type = options.conversationType ?? 'personal';
      const template: Partial<Activity> = {
        channelId: 'msteams',
        serviceUrl: 'https://smba.test.local/',
        from: { id: userId, name: 'Test Person', aadObjectId: options.aadObjectId ?? `aad-${userId}` },
        recipient: { id: 'bot-id', name: 'Sociala medier-assistenten' },
        conversation: {
          id: options.conversationId ?? `conv-${userId}-${type}`,
          conversationType: type,
          tenantId: options.tenantId ?? 'tenant-1',
          isGroup: type !== 'personal',
          name: '',
        },
        channelData: {
          tenant: { id: options.tenantId ?? 'tenant-1' },
          ...(options.teamId ? { team: { id: options.teamId }, channel: { id: options.conversationId ?? 'channel-1' } } : {}),
        },
        locale: 'sv-SE',
      };
      return new TestAdapter(async (context) => {
        await bot.app.run(context);
      }, template);
    },
    close: () => bot.close(),
  };
}

type CardJson = { body?: unknown[]; actions?: unknown[] };

/** The Adaptive Card in a reply, or undefined. */
export function cardOf(activity: Partial<Activity> | undefined): CardJson | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as CardJson | undefined;
}

/** All text on a card, flattened, for assertions that read like what a person sees. */
export function cardText(activity: Partial<Activity> | undefined): string {
  const card = cardOf(activity);
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value' || key === 'label' || key === 'placeholder') && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join('\n');
}

/** The `data` of every Action.Submit/Execute on a card, by title. */
export function cardActions(activity: Partial<Activity> | undefined): Record<string, Record<string, unknown>> {
  const actions: Record<string, Record<string, unknown>> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const n = node as { type?: string; title?: string; data?: Record<string, unknown> };
      if ((n.type === 'Action.Submit' || n.type === 'Action.Execute') && n.title) actions[n.title] = n.data ?? {};
      Object.values(node).forEach(walk);
    }
  };
  walk(cardOf(activity));
  return actions;
}

/** A card submit as Teams sends it: a message with `value` and no text. */
export function submit(value: Record<string, unknown>): Partial<Activity> {
  return { type: 'message', value };
}
