import restify from 'restify';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import type { EdgeAdapter } from './edge-adapter';
import type { Database } from './db';
import type { Logger } from './log/logger';
import type { PackRegistry } from './rules';
import { registerExportRoutes } from './accounts/export-route';
import { incomingActivitySchema } from './bot/activity-schema';
import type { AppTurnState } from './bot/turn-state';
import { gateRefusal } from './bot/turn-gate';
import { answerableActivity, checkTurnInput, loggableFields, UNREADABLE_INPUT_TEXT } from './bot/turn-input';
import { conversationKey, type TurnRunner } from './bot/turn-runner';
import { AAD_IDENTITY_ONLY } from './bot/tenancy';
import { isLoopbackHost } from './auth-mode';

export interface ServerDeps {
  adapter: EdgeAdapter;
  app: Application<AppTurnState>;
  turns: TurnRunner;
  /** Bot Framework tokens required (BOT_ID set): only Teams activities from people known by AAD object id. */
  authenticated: boolean;
  database: Database;
  packs: PackRegistry;
  logger: Logger;
  maxBodyBytes: number;
  version: string;
}

export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'sociala-medier-assistenten', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, mapFiles: false, keepExtensions: false }));

  server.post('/api/messages', async (req, res) => {
    const parsed = incomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      deps.logger.warn({ event: 'activity_rejected', fields: parsed.error.issues.map((i) => i.path.join('.')).slice(0, 5) }, 'malformed activity');
      res.send(400, { error: 'invalid_activity' });
      return;
    }
    const activity = withDates(req.body as Activity);
    const authorization = req.headers.authorization;
    const auth = await deps.adapter.authenticate(activity, typeof authorization === 'string' ? authorization : '');
    if (!auth.ok) {
      deps.logger.warn({ event: 'auth_refused', status: auth.status, reason: auth.reason, detail: auth.detail }, 'request not authenticated');
      res.send(auth.status, { error: auth.status === 401 ? 'unauthorized' : 'unavailable' });
      return;
    }
    const refusal = deps.authenticated ? gateRefusal(activity) : null;
    if (refusal) {
      deps.logger.warn({ event: 'activity_refused', reason: refusal, activityType: activity.type }, 'activity not from Teams as expected');
      res.send(403, { error: 'forbidden' });
      return;
    }
    const input = checkTurnInput(activity);
    if (!input.ok) deps.logger.warn({ event: 'activity_unreadable', fields: loggableFields(input.fields), activityType: activity.type }, 'activity shape or characters refused');
    const logic = input.ok
      ? (context: TurnContext) => {
          if (deps.authenticated) context.turnState.set(AAD_IDENTITY_ONLY, true);
          return deps.turns.run(conversationKey(context.activity), () => deps.app.run(context)).then(() => undefined);
        }
      : answerUnreadable;
    try {
      const response = await deps.adapter.processAuthenticated(auth.result, input.ok ? activity : answerableActivity(activity), logic);
      res.header('User-Agent', deps.adapter.userAgent);
      if (response?.body !== undefined) res.send(response.status, response.body);
      else res.send(response?.status ?? 200);
    } catch (error) {
      deps.logger.error({ event: 'process_failed', message: (error as Error).message }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal' });
    }
  });

  registerExportRoutes(server, { database: deps.database, packs: deps.packs, logger: deps.logger });

  server.get('/healthz', async (req, res) => {
    const databaseOk = await deps.database.ping();
    const status = databaseOk ? 'ok' : 'degraded';
    // Versions and the database kind help an attacker pick an exploit; only this machine (operators) sees them.
    const body = isLoopbackPeer(req.socket?.remoteAddress) && !req.headers['x-forwarded-for'] && !req.headers.forwarded
      ? {
          status,
          version: deps.version,
          database: { kind: deps.database.kind, ok: databaseOk },
          packs: deps.packs.ids().map((id) => ({ id, version: deps.packs.get(id)?.version })),
        }
      : { status };
    res.send(databaseOk ? 200 : 503, body);
  });

  server.on('restifyError', (req, res, err, callback) => {
    // Keep restify's status (400 bad JSON, 413 too large) but never send internals to the caller.
    deps.logger.warn({ event: 'http_error', status: err.statusCode, path: req.path?.() }, 'request refused');
    err.toJSON = () => ({ error: err.name ?? 'error' });
    err.toString = () => err.name ?? 'error';
    return callback();
  });

  return server;
}

/** CloudAdapter.process turns ISO timestamps into Dates before the turn; the turn here must see the same. */
function withDates(activity: Activity): Activity {
  const raw = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[rawField] = value;
      raw[field] = new Date(value);
    }
  }
  return activity;
}

/** A person is waiting for an answer to a message or a card button; tell them in Swedish, use nothing else. */
async function answerUnreadable(context: TurnContext): Promise<void> {
  const { type, name } = context.activity;
  if (type === ActivityTypes.Invoke) {
    const body =
      name === 'adaptiveCard/action'
        ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: UNREADABLE_INPUT_TEXT }
        : { message: UNREADABLE_INPUT_TEXT };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: name === 'adaptiveCard/action' ? 200 : 400, body } });
    return;
  }
  if (type === ActivityTypes.Message) await context.sendActivity(UNREADABLE_INPUT_TEXT);
}

export function isLoopbackPeer(address: string | undefined): boolean {
  return address ? isLoopbackHost(address.replace(/^::ffff:/i, '')) : false;
}
