import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/** Builds, starts and stops the compiled bot with plain node, for the build test and `bench:start`. */

export const ROOT = path.resolve(__dirname, '../..');

/** The production build (`tsconfig.build.json`) into `outDir`; returns the compiled entry. */
export async function buildInto(outDir: string): Promise<string> {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], { cwd: ROOT });
  return path.join(outDir, 'index.js');
}

/** Plain node on a compiled entry, no TypeScript loader; output kept for a failure message. */
export function startNode(entry: string, env: Record<string, string>, cwd: string): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return Object.assign(child, { output: () => output });
}

/** Polls `/healthz` until it answers 200; `onPoll` runs on every round (e.g. to sample memory). */
export async function waitForHealthz(port: number, child: ChildProcess, timeoutMs: number, onPoll: () => void = () => {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    onPoll();
    if (child.exitCode !== null) throw new Error(`the bot exited with code ${child.exitCode} before /healthz answered`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`/healthz did not answer 200 within ${timeoutMs} ms`);
}

/** SIGTERM (the bot closes its database), SIGKILL if it hangs; resolves with how it ended. */
export async function stopNode(child: ChildProcess, graceMs = 30_000): Promise<string> {
  const ended = () => `code ${child.exitCode} signal ${child.signalCode}`;
  if (child.exitCode !== null || child.signalCode !== null) return ended();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  return ended();
}
