import { ActivityTypes, MemoryStorage } from 'botbuilder';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import restify from 'restify';

/** The floor: the same restify + TeamsAdapter + Application stack doing nothing but echo. */
export function createEchoServer(): restify.Server {
  const adapter = new TeamsAdapter({});
  const app = new Application({ adapter, storage: new MemoryStorage() });
  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity(context.activity.text ?? '');
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
  return server;
}
