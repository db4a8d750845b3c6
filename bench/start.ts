/**
 * `npm run bench:start`: the compiled bot started with plain node, twice on one fresh embedded database folder
 * (first start creates and migrates it, the second opens it), beside the echo floor on the same
 * Application/adapter/restify stack. Prints the time from spawn to the first 200 from `/healthz`, the resident
 * memory of the whole process tree idle after start and its peak during start. A measurement, not a test.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../tests/e2e/harness';
import { ROOT, startNode, stopNode, waitForHealthz } from '../tests/helpers/compiled-bot';
import { treeRssBytes } from './process-memory';

const IDLE_SETTLE_MS = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 3000);
const SAMPLE_EVERY_MS = 10;

interface StartResult {
  readyMs: number;
  idleRss: number;
  peakRss: number;
}

async function measure(entry: string, env: Record<string, string>): Promise<StartResult> {
  const port = await freePort();
  const started = performance.now();
  const child = startNode(entry, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false', ...env }, ROOT);
  let peakRss = 0;
  const sample = () => {
    if (child.pid) peakRss = Math.max(peakRss, treeRssBytes(child.pid));
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  try {
    await waitForHealthz(port, child, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${child.output()}`);
    });
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const idleRss = treeRssBytes(child.pid!);
    return { readyMs, idleRss, peakRss };
  } finally {
    clearInterval(sampler);
    await stopNode(child);
  }
}

async function buildEcho(outDir: string): Promise<string> {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const options = ['--outDir', outDir, '--rootDir', 'bench', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--esModuleInterop', '--skipLibCheck', '--types', 'node'];
  await promisify(execFile)(process.execPath, [tsc, 'bench/echo-main.ts', ...options], { cwd: ROOT });
  return path.join(outDir, 'echo-main.js');
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0).padStart(5)} MB`;
const ratio = (value: number, floor: number) => `${(value / floor).toFixed(1).padStart(5)}×`;

function row(name: string, r: StartResult, floor: StartResult): string {
  return (
    `${name.padEnd(30)} ready ${r.readyMs.toFixed(0).padStart(6)} ms (${ratio(r.readyMs, floor.readyMs)})` +
    `  idle ${mb(r.idleRss)} (${ratio(r.idleRss, floor.idleRss)})  peak ${mb(r.peakRss)} (${ratio(r.peakRss, floor.peakRss)})`
  );
}

async function main(): Promise<void> {
  const botEntry = path.join(ROOT, 'dist', 'index.js');
  if (!existsSync(botEntry)) throw new Error('dist/index.js is missing: run `npm run build` first');
  // Inside the project so the compiled echo resolves node_modules like dist/ does.
  const echoDir = path.join(ROOT, '.scratch', `bench-start-echo-${process.pid}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
  try {
    const echoEntry = await buildEcho(echoDir);
    const echoFirst = await measure(echoEntry, {});
    const echoSecond = await measure(echoEntry, {});
    const botFirst = await measure(botEntry, { DATA_DIR: path.join(dataDir, 'db') });
    const botSecond = await measure(botEntry, { DATA_DIR: path.join(dataDir, 'db') });
    console.log(`bench:start — plain node on the compiled entry, ${os.cpus().length} cores, Node ${process.version}; idle after ${IDLE_SETTLE_MS} ms`);
    console.log(row('echo floor, first start', echoFirst, echoFirst));
    console.log(row('echo floor, second start', echoSecond, echoSecond));
    console.log(row('bot, new embedded database', botFirst, echoFirst));
    console.log(row('bot, existing database', botSecond, echoSecond));
  } finally {
    rmSync(echoDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
