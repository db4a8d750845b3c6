/** The echo floor as a program of its own with `/healthz`, compiled and started by `bench:start`. */
import { createEchoServer } from './echo-bot';

const server = createEchoServer();
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
