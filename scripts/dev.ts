/**
 * `npm run dev`: the bot with the embedded database and the Microsoft 365 Agents Playground pointed at it.
 * Ctrl+C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const port = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

const children: ChildProcess[] = [];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${path.basename(command)} exited with ${code}; stopping.`);
      stop(code ?? 1);
    }
  });
  return child;
}

async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The bot did not answer ${url} within ${timeoutMs / 1000} s`);
}

let stopping = false;
function stop(code = 0): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function main(): Promise<void> {
  run(bin('tsx'), ['src/index.ts'], { ...process.env, PORT: String(port) });
  await waitForHealth(`http://127.0.0.1:${port}/healthz`);
  run(bin('agentsplayground'), ['-e', `http://127.0.0.1:${port}/api/messages`, '-c', 'msteams', '--dt', '-p', String(playgroundPort)]);
  console.log(`\nAgents Playground: http://127.0.0.1:${playgroundPort}  (bot: http://127.0.0.1:${port}/api/messages)\n`);
}

main().catch((error: Error) => {
  console.error(error.message);
  stop(1);
});
