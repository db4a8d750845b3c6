/**
 * Reminder delivery benchmark (`npm run bench:reminders`): N reminders to N users through the real Bot Framework
 * client (the bot's own adapter from src/adapter.ts, anonymous) into a mock Bot Connector on loopback that enforces Teams' limits with 429s and
 * injects 502s. Three runs: one instance; one instance SIGKILLed halfway and restarted; two instances on
 * PostgreSQL at once. Prints elapsed time against the floor set by 50 requests per second, the 429s and 502s, and
 * how many reminders were lost or sent twice.
 *
 * Options: --users N (default 1000), --skip-kill, --skip-postgres. PostgreSQL: DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test (a fresh schema is made and dropped). BENCH_DEBUG=1 also prints deliveries
 * per second and each sending process's event-loop delay (a busy machine shows up there first).
 *
 * Each instance runs in its own process (`--worker`, started with `node --import tsx`, so SIGKILL hits the process
 * that sends), as in production; the mock connector stays in this process and keeps the count across restarts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createAdapter } from '../src/adapter';
import { createBotFrameworkTransport } from '../src/bot/proactive-transport';
import { loadConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db';
import { createLogger } from '../src/log/logger';
import { ConversationReferences } from '../src/db/conversation-references';
import { ReminderJobs, type JobCounts } from '../src/reminders/job-queue';
import type { JobSpec } from '../src/reminders/jobs';
import { TEAMS_TENANT_LIMITS } from '../src/reminders/rate-limiter';
import { ProactiveSender } from '../src/reminders/sender';
import { ReminderWorker, type WorkerStats } from '../src/reminders/worker';
import { MockConnector } from './mock-connector';

const TENANT = 'bench-tenant';
const RATE = TEAMS_TENANT_LIMITS[0].limit;
const LEASE_MS = 6_000;
const HEARTBEAT_MS = 1_000;
const LATENCY_MS = 20;
/** A send this close before the kill may have had no time to be written down as sent (answer time plus a write). */
const IN_DOUBT_MS = 250;

interface Args {
  users: number;
  skipKill: boolean;
  skipPostgres: boolean;
  worker: boolean;
  dataDir?: string;
  databaseUrl?: string;
  workerId?: string;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    users: Number(value('--users') ?? 1000),
    skipKill: argv.includes('--skip-kill'),
    skipPostgres: argv.includes('--skip-postgres'),
    worker: argv.includes('--worker'),
    dataDir: value('--data-dir'),
    databaseUrl: value('--database-url'),
    workerId: value('--worker-id'),
  };
}

// ---------------------------------------------------------------- one sending instance (in process or child)

function createWorker(database: Database, workerId: string): { worker: ReminderWorker; warmUp(): Promise<void> } {
  // The adapter the bot runs on, with its turn error handler: a failure the bot's own adapter hid would show here.
  const adapter = createAdapter(loadConfig({ HOST: '127.0.0.1', DATA_DIR: 'memory://' }), createLogger('silent'));
  const transport = createBotFrameworkTransport({ adapter, botAppId: '' });
  const sender = new ProactiveSender({
    transport,
    references: new ConversationReferences(database.db),
    renderers: {
      reporting: (job) => ({ type: 'message', text: `Dags att rapportera dina konton för ${job.payload.period}.` }),
    },
  });
  const jobs = new ReminderJobs(database.db);
  const worker = new ReminderWorker({ jobs, sender, workerId, leaseMs: LEASE_MS, heartbeatMs: HEARTBEAT_MS, pollMs: 200 });
  return {
    worker,
    // A running bot has long loaded the Bot Framework client and its error paths; a fresh process loads them on the
    // first send, 429 and 502, pausing for a moment each time. Go through all three against a throwaway connector
    // in this process before the clock starts (nothing reaches the mock connector of the benchmark).
    async warmUp() {
      const local = new MockConnector({ tenantRules: [{ limit: 1_000, windowMs: 1_000 }] });
      await local.start();
      const reference = { conversation: { id: 'warm-up', tenantId: 'warm-up' }, serviceUrl: local.url, channelId: 'msteams', bot: { id: 'warm-up' } };
      local.script('warm-up', [502, 429]);
      for (let i = 0; i < 3; i++) await transport.send(reference, { type: 'message', text: '' }).catch(() => undefined);
      // It has also sent many at once before, so that code is compiled too.
      const many = Array.from({ length: 50 }, (_, i) => ({ ...reference, conversation: { id: `warm-up-${i}`, tenantId: 'warm-up' } }));
      await Promise.all(many.map((r) => transport.send(r, { type: 'message', text: '' }).catch(() => undefined)));
      await local.stop();
      // Its database has long answered the worker's heartbeats, and has just written the campaign's jobs (here another
      // process did): read them once, as the bot's own database would have them at hand.
      await jobs.heartbeat(workerId, new Date(), HEARTBEAT_MS * 3);
      await jobs.counts();
      await jobs.nextWakeAt();
      // And it was idle before the campaign began: let the warm-up's connections close and its garbage go.
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
  };
}

async function runChildWorker(args: Args): Promise<void> {
  const database = await openDatabase({ databaseUrl: args.databaseUrl, dataDir: args.dataDir ?? '' });
  const { worker, warmUp } = createWorker(database, args.workerId ?? `child-${process.pid}`);
  await warmUp();
  process.stdout.write('READY\n');
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const loop = monitorEventLoopDelay({ resolution: 5 });
  if (process.env.BENCH_DEBUG) loop.enable();
  const stats = await worker.drain();
  if (process.env.BENCH_DEBUG) process.stderr.write(`cpu ${(process.cpuUsage().user / 1e6).toFixed(1)} s user, ${(process.cpuUsage().system / 1e6).toFixed(1)} s system; event loop delay p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms\n`);
  process.stdout.write(`STATS ${JSON.stringify(stats)}\n`);
  await worker.stop();
  await database.close();
}

// ---------------------------------------------------------------- set-up and reporting

async function seed(database: Database, users: number, serviceUrl: string): Promise<string[]> {
  const refs = new ConversationReferences(database.db);
  const specs: JobSpec[] = [];
  const dueAt = new Date(Date.now() - 1_000);
  for (let i = 0; i < users; i++) {
    const aad = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    await refs.save({
      conversation: { id: `a:bench-${i}`, conversationType: 'personal', tenantId: TENANT },
      serviceUrl,
      channelId: 'msteams',
      bot: { id: '28:bench-bot' },
      user: { id: `29:bench-${i}`, aadObjectId: aad },
    });
    specs.push({ idempotencyKey: `reporting:stockholm:2026-02:${aad}`, kind: 'reporting', target: { type: 'user', aadObjectId: aad }, payload: { pack: 'stockholm', period: '2026-02' }, dueAt });
  }
  await new ReminderJobs(database.db).enqueue(specs);
  return specs.map((s) => s.idempotencyKey);
}

/** What the queue wrote down: jobs by status, and the keys of the jobs marked sent. */
async function written(database: Database): Promise<{ counts: JobCounts; sentKeys: string[] }> {
  const jobs = new ReminderJobs(database.db);
  return { counts: await jobs.counts(), sentKeys: (await jobs.list({ status: 'sent' })).map((job) => job.idempotencyKey) };
}

interface RunResult {
  name: string;
  seconds: number;
  counts: JobCounts;
  sentKeys: string[];
  keys: string[];
  connector: MockConnector;
  note?: string;
  /** When the sending process was killed (epoch ms), for the crash run. */
  killedAt?: number;
}

function report(result: RunResult): boolean {
  const { connector, keys } = result;
  const n = keys.length;
  const floor = n / RATE;
  const burstFloor = Math.max(0, Math.ceil(n / RATE) - 1);
  const achieved = n / result.seconds;
  const lost = connector.lostKeys(keys).length;
  // A failed request the sender never heard of would be written down as sent and never arrive.
  const sentNotDelivered = connector.lostKeys(result.sentKeys).length;
  const duplicated = connector.duplicatedKeys();
  // The queue only sends a job again when its "sent" was never written: the request was on its way, or its answer
  // had not been written down yet, when the process died. Such a first copy was accepted just before the kill;
  // one from long before would be a fault of the queue.
  const msBeforeKill = duplicated.map((key) => (result.killedAt ?? 0) - connector.firstAcceptedAt(key)!);
  const doubledLongBefore = result.killedAt === undefined ? duplicated.length : msBeforeKill.filter((ms) => ms > IN_DOUBT_MS).length;
  const row = (label: string, value: string) => console.log(`  ${label.padEnd(36)} ${value}`);
  console.log(`\n${result.name}`);
  row('reminders', String(n));
  row('elapsed', `${result.seconds.toFixed(2)} s`);
  row('theoretical minimum at 50/s', `${floor.toFixed(1)} s (${burstFloor.toFixed(1)} s if the first second is one burst)`);
  row('rate achieved', `${achieved.toFixed(1)}/s = ${((achieved / RATE) * 100).toFixed(1)} % of ${RATE} RPS`);
  row('requests to the connector', String(connector.stats.requests));
  row('429 received', String(connector.stats.throttled));
  row('502 injected (then retried)', String(connector.stats.injected502));
  row('jobs by status', `sent ${result.counts.sent}, failed ${result.counts.failed}, dead ${result.counts.dead}, pending ${result.counts.pending}, sending ${result.counts.sending}`);
  row('lost', String(lost));
  row('marked sent, never delivered', String(sentNotDelivered));
  row('duplicated (a person got it twice)', String(duplicated.length));
  if (result.killedAt !== undefined) {
    const range = msBeforeKill.length ? `first copies accepted ${Math.max(0, Math.min(...msBeforeKill)).toFixed(0)}–${Math.max(...msBeforeKill).toFixed(0)} ms before the kill` : 'none';
    row('  sent just before the kill', `${duplicated.length - doubledLongBefore} (${range}; "sent" not yet written)`);
    row(`  sent more than ${IN_DOUBT_MS} ms before it`, String(doubledLongBefore));
  }
  if (result.note) row('note', result.note);
  if (process.env.BENCH_DEBUG) {
    const t0 = connector.deliveries[0]?.at ?? 0;
    const perSecond: number[] = [];
    for (const d of connector.deliveries) perSecond[Math.floor((d.at - t0) / 1000)] = (perSecond[Math.floor((d.at - t0) / 1000)] ?? 0) + 1;
    row('deliveries per second (debug)', [...perSecond].map((n) => n ?? 0).join(' '));
    row('429 at, s (debug)', connector.throttledAt.map((t) => ((t - t0) / 1000).toFixed(2)).join(' '));
  }
  return lost === 0 && sentNotDelivered === 0 && doubledLongBefore === 0;
}

function newConnector(): MockConnector {
  // Teams' limits, 2 % 502s, 20 ms answer time; like Teams, it shows a repeated message again.
  return new MockConnector({ failureRate: 0.02, seed: 2026, latencyMs: LATENCY_MS });
}

// ---------------------------------------------------------------- the three runs

async function singleInstance(users: number): Promise<RunResult> {
  const connector = newConnector();
  await connector.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reminders-bench-'));
  try {
    const setup = await openDatabase({ dataDir });
    const keys = await seed(setup, users, connector.url);
    await setup.close();
    const run = spawnWorker(['--data-dir', dataDir, '--worker-id', 'instance-a']);
    const started = await run.ready;
    const exit = await run.done;
    const seconds = (exit.finishedAt - started) / 1000;
    const check = await openDatabase({ dataDir });
    const { counts, sentKeys } = await written(check);
    await check.close();
    return { name: '1. One instance, embedded database (PGlite on disk)', seconds, counts, sentKeys, keys, connector, note: `timed from the first claim to the last job written` };
  } finally {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface ChildRun {
  child: ChildProcess;
  /** When the child had opened the database and was about to send (performance.now()). */
  ready: Promise<number>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stats?: WorkerStats; finishedAt: number }>;
}

/** One sending instance in its own process, as in production; the mock connector's clock is not disturbed by it. */
function spawnWorker(args: string[]): ChildRun {
  const root = path.resolve(__dirname, '..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/reminders.ts'), '--worker', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  let out = '';
  let stats: WorkerStats | undefined;
  let finishedAt = 0;
  let markReady!: (at: number) => void;
  const ready = new Promise<number>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    let newline: number;
    while ((newline = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, newline);
      out = out.slice(newline + 1);
      if (line === 'READY') markReady(performance.now());
      if (line.startsWith('STATS ')) {
        stats = JSON.parse(line.slice(6));
        finishedAt = performance.now();
      }
    }
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stats?: WorkerStats; finishedAt: number }>((resolve) => {
    child.on('exit', (code, signal) => {
      markReady(performance.now());
      resolve({ code, signal, stats, finishedAt: finishedAt || performance.now() });
    });
  });
  return { child, ready, done };
}

async function killHalfway(users: number): Promise<RunResult> {
  const connector = newConnector();
  await connector.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reminders-bench-'));
  try {
    const setup = await openDatabase({ dataDir });
    const keys = await seed(setup, users, connector.url);
    await setup.close();

    const first = spawnWorker(['--data-dir', dataDir, '--worker-id', 'instance-a']);
    const started = await first.ready;
    let killedAt = 0;
    let killedAtMs = 0;
    const watcher = setInterval(() => {
      if (!killedAt && connector.delivered >= users / 2) {
        killedAt = connector.delivered;
        first.child.kill('SIGKILL');
        killedAtMs = performance.timeOrigin + performance.now();
      }
    }, 25);
    const firstExit = await first.done;
    clearInterval(watcher);
    // The same instance comes back under its own id (ids are unique among running instances, and the old one is
    // dead); it still waits for the lease of the dead process's claims to run out before it takes them.
    const second = spawnWorker(['--data-dir', dataDir, '--worker-id', 'instance-a']);
    const secondExit = await second.done;
    const seconds = (secondExit.finishedAt - started) / 1000;

    const check = await openDatabase({ dataDir });
    const { counts, sentKeys } = await written(check);
    await check.close();
    await connector.stop();
    const note = `killed by ${firstExit.signal ?? `exit ${firstExit.code}`} at ${killedAt} delivered; restarted instance sent ${secondExit.stats?.sent ?? '?'}; time includes the restart and the ${LEASE_MS / 1000} s lease of the dead claims`;
    return { name: '2. One instance SIGKILLed halfway and restarted, embedded database on disk', seconds, counts, sentKeys, keys, connector, note, killedAt: killedAtMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function twoInstancesOnPostgres(users: number): Promise<RunResult | string> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    return `3. Two instances on PostgreSQL: skipped, no server at ${new URL(url).host} (${(error as Error).message})`;
  }
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.query(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const connector = newConnector();
  await connector.start();
  try {
    const setup = await openDatabase({ databaseUrl: scoped.toString(), dataDir: '' });
    const keys = await seed(setup, users, connector.url);
    const a = spawnWorker(['--database-url', scoped.toString(), '--worker-id', 'instance-a']);
    const b = spawnWorker(['--database-url', scoped.toString(), '--worker-id', 'instance-b']);
    const started = Math.min(await a.ready, await b.ready);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const seconds = (Math.max(ra.finishedAt, rb.finishedAt) - started) / 1000;
    const { counts, sentKeys } = await written(setup);
    await setup.close();
    const note = `instance A sent ${ra.stats?.sent ?? '?'}, instance B sent ${rb.stats?.sent ?? '?'}`;
    return { name: '3. Two instances at once on PostgreSQL', seconds, counts, sentKeys, keys, connector, note };
  } finally {
    await connector.stop();
    await admin.query(`drop schema ${schema} cascade`).catch(() => undefined);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.worker) return runChildWorker(args);

  console.log(`Reminder benchmark: ${args.users} reminders to ${args.users} users; Teams limits: 50 RPS per tenant, 7/1 s, 8/2 s, 60/30 s, 1800/h per conversation.`);
  console.log('Mock Bot Connector on 127.0.0.1: 429 + Retry-After above the limits, 2 % 502s, 20 ms answer time.');
  let ok = true;
  ok = report(await singleInstance(args.users)) && ok;
  if (!args.skipKill) ok = report(await killHalfway(args.users)) && ok;
  if (!args.skipPostgres) {
    const result = await twoInstancesOnPostgres(args.users);
    if (typeof result === 'string') console.log(`\n${result}`);
    else ok = report(result) && ok;
  }
  console.log(
    ok
      ? '\nAll runs: 0 lost; nothing sent twice except what was sent just before the SIGKILL and not yet written down.'
      : '\nSome run lost a reminder, or sent one again that had long been sent.',
  );
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
