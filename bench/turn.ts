/**
 * `npm run bench:turn`: N concurrent conversations post activities over HTTP on loopback to
 * (a) an echo bot on the same Application/adapter/restify stack (the floor) and (b) this bot's menu turn.
 * Prints p50/p99 latency, throughput and the ratios. A measurement, not a test.
 */
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { buildBot } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log/logger';
import { RecordingConnector } from '../tests/helpers/recording-connector';
import { createEchoServer } from './echo-bot';
import { summarise, type LoadResult } from './stats';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const TURNS = Number(process.env.BENCH_TURNS ?? 50);
const WARMUP = 20;

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
}

function activity(serviceUrl: string, conversation: number, turn: number, text: string) {
  return JSON.stringify({
    type: 'message',
    id: `a-${conversation}-${turn}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `user-${conversation}`, aadObjectId: `aad-${conversation}` },
    recipient: { id: 'bot' },
    conversation: { id: `bench-${conversation}`, conversationType: 'personal', tenantId: 'tenant-bench' },
    text,
  });
}

async function load(endpoint: string, serviceUrl: string, text: string): Promise<LoadResult> {
  const post = async (conversation: number, turn: number) => {
    const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity(serviceUrl, conversation, turn, text) });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  };
  for (let i = 0; i < WARMUP; i += 1) await post(0, -i);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, conversation) => {
      for (let turn = 0; turn < TURNS; turn += 1) {
        const t0 = performance.now();
        await post(conversation, turn);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarise(latencies, (performance.now() - started) / 1000);
}

function row(name: string, r: LoadResult): string {
  return `${name.padEnd(22)} ${String(r.count).padStart(6)} turns  p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  ${r.perSecond.toFixed(0).padStart(6)} turns/s`;
}

async function main(): Promise<void> {
  const connector = new RecordingConnector();
  await connector.start();

  const echo = createEchoServer();
  const echoEndpoint = await listen(echo);
  const echoResult = await load(echoEndpoint, connector.url, 'hjälp');
  echo.close();

  const bot = await buildBot(loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false' }), { logger: createLogger('silent') });
  const botEndpoint = await listen(bot.server);
  const botResult = await load(botEndpoint, connector.url, 'hjälp');
  await bot.close();
  await connector.stop();

  console.log(`bench:turn — ${CONVERSATIONS} concurrent conversations × ${TURNS} turns, loopback HTTP, replies to a local mock connector`);
  console.log(row('echo bot (floor)', echoResult));
  console.log(row('menu turn (this bot)', botResult));
  console.log(
    `ratio this/floor: p50 ×${(botResult.p50 / echoResult.p50).toFixed(2)}  p99 ×${(botResult.p99 / echoResult.p99).toFixed(2)}  throughput ×${(botResult.perSecond / echoResult.perSecond).toFixed(2)}`,
  );
  console.log(`process rss after both runs: ${process.memoryUsage().rss / 1024 / 1024 | 0} MB`);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
