import restify from 'restify';
import type { TeamsAdapter, Application } from '@microsoft/teams-ai';
import type { Database } from './db';
import type { Logger } from './log/logger';
import type { PackRegistry } from './rules';
import { registerExportRoutes } from './accounts/export-route';
import { incomingActivitySchema } from './bot/activity-schema';
import type { AppTurnState } from './bot/turn-state';

export interface ServerDeps {
  adapter: TeamsAdapter;
  app: Application<AppTurnState>;
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
    try {
      await deps.adapter.process(req, res, (context) => deps.app.run(context).then(() => undefined));
    } catch (error) {
      deps.logger.error({ event: 'process_failed', message: (error as Error).message }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal' });
    }
  });

  registerExportRoutes(server, { database: deps.database, packs: deps.packs, logger: deps.logger });

  server.get('/healthz', async (_req, res) => {
    const databaseOk = await deps.database.ping();
    const body = {
      status: databaseOk ? 'ok' : 'degraded',
      version: deps.version,
      database: { kind: deps.database.kind, ok: databaseOk },
      packs: deps.packs.ids().map((id) => ({ id, version: deps.packs.get(id)?.version })),
    };
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
