import type { AddressInfo } from 'node:net';
import { buildBot, type Bot, type BuildOptions } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log/logger';

export interface HttpBot {
  bot: Bot;
  url: string;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** The real server on an ephemeral loopback port, as Teams (or the Playground) would reach it. */
export async function startHttpBot(env: Record<string, string> = {}, options: BuildOptions = {}): Promise<HttpBot> {
  const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', ...env });
  const bot = await buildBot(config, { logger: createLogger(env.LOG_LEVEL ?? 'silent'), ...options });
  await new Promise<void>((resolve) => bot.server.listen(0, '127.0.0.1', resolve));
  const port = (bot.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    bot,
    url,
    post: (body, headers = {}) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: () => bot.close(),
  };
}

export function messageActivity(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: 'user-1', aadObjectId: 'aad-user-1' },
    recipient: { id: 'bot-id' },
    conversation: { id: 'conv-http-1', conversationType: 'personal', tenantId: 'tenant-1' },
    text: 'hjälp',
    ...overrides,
  };
}
