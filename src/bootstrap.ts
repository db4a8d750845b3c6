import type { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type restify from 'restify';
import { createAdapter } from './adapter';
import { createApp } from './app';
import type { Config } from './config';
import { openDatabase, type Database } from './db';
import { DecisionService } from './decisions';
import { createCheckpointRuntime, type CheckpointRuntime } from './decisions/checkpoint-runtime';
import { logger as defaultLogger, type Logger } from './log/logger';
import { createIntentRecognizer, createPolicySearch } from './nlu';
import { loadPacks } from './rules';
import { createServer } from './server';
import { fromProjectRoot } from './paths';
import { AdapterNotifier, type Notifier } from './bot/notifier';
import { createBotFrameworkTransport } from './bot/proactive-transport';
import type { BotServices, Clock } from './bot/services';
import { ConversationReferences } from './db/conversation-references';
import type { AppTurnState } from './bot/turn-state';
import { createReminderRuntime, type ReminderRuntime } from './bot/reminder-runtime';
import { TurnRunner } from './bot/turn-runner';
import { TurnLeases } from './db/turn-leases';

export const VERSION: string = (require(fromProjectRoot('package.json')) as { version: string }).version;

export interface Bot {
  services: BotServices;
  adapter: TeamsAdapter;
  app: Application<AppTurnState>;
  server: restify.Server;
  /** Present when SCHEDULER_ENABLED; not started until `reminders.start()` (src/index.ts does). */
  reminders?: ReminderRuntime;
  /** Signed checkpoints of the decision log; not started until `logCheckpoints.start()` (src/index.ts does). */
  logCheckpoints: CheckpointRuntime;
  close(): Promise<void>;
}

export interface BuildOptions {
  logger?: Logger;
  clock?: Clock;
  database?: Database;
  notifier?: Notifier;
  /** Tests only: token validation against a local OpenID metadata document and key set. */
  botFrameworkAuth?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
}

/** Wires configuration, database, packs, NLU, the Application and the HTTP server. Nothing listens yet. */
export async function buildBot(config: Config, options: BuildOptions = {}): Promise<Bot> {
  const logger = options.logger ?? defaultLogger;
  const packs = await loadPacks(config.policiesDir);
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const [intents, policySearch] = await Promise.all([createIntentRecognizer(), createPolicySearch(config.policiesDir, packs.ids(), { packs })]);
  const adapter = createAdapter(config, logger, options.botFrameworkAuth);
  const references = new ConversationReferences(database.db);
  const services: BotServices = {
    config,
    database,
    packs,
    decisions: new DecisionService(database.db, packs),
    intents,
    policySearch,
    logger,
    clock: options.clock ?? { now: () => new Date() },
    notifier:
      options.notifier ??
      // Not paced like reminders, so the connector client's own retries of 429 and 5xx stay in.
      new AdapterNotifier({ transport: createBotFrameworkTransport({ adapter, botAppId: config.bot?.id ?? '', keepClientRetries: true }), references, logger }),
  };
  const app = createApp(adapter, services, references);
  const turns = new TurnRunner({ leases: new TurnLeases(database.db), logger });
  const server = createServer({ adapter, app, turns, authenticated: config.bot !== null, database, packs, logger, maxBodyBytes: config.maxBodyBytes, version: VERSION });
  const reminders = config.scheduler.enabled ? createReminderRuntime({ services, adapter }) : undefined;
  const logCheckpoints = createCheckpointRuntime(database.db, config.logCheckpoints, logger);
  return {
    services,
    adapter,
    app,
    server,
    reminders,
    logCheckpoints,
    async close() {
      await reminders?.stop();
      await services.decisions.flush();
      await logCheckpoints.stop();
      server.close();
      if (!options.database) await database.close();
    },
  };
}
