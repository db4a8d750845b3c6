import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createAdapter } from '../../src/adapter';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log/logger';

/** The adapter the bot itself runs on (its `onTurnError` included), in anonymous local mode. */
export function localBotAdapter(): TeamsAdapter {
  return createAdapter(loadConfig({ HOST: '127.0.0.1', DATA_DIR: 'memory://' }), createLogger('silent'));
}
