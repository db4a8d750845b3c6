import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(__dirname, 'artifacts');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export interface RunningProcess {
  port: number;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts `src/index.ts` as `npm start` would, with its own embedded database folder unless env says otherwise. */
export async function startBot(env: Record<string, string> = {}): Promise<RunningProcess & { dataDir: string }> {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'sma-e2e-'));
  const { child, output } = spawnLogged(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/index.ts'], {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    ...env,
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, child);
  } catch (error) {
    await stopChild(child);
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
  return { port, child, output, dataDir, stop: () => stopChild(child) };
}

/** The Agents Playground, pointed at a bot, in a folder whose `.m365agentsplayground.yml` defines users and team. */
export async function startPlayground(botPort: number, configDir = ROOT): Promise<RunningProcess> {
  const port = await freePort();
  const { child, output } = spawnLogged(
    path.join(ROOT, 'node_modules/.bin/agentsplayground'),
    ['-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '--dt', '-p', String(port)],
    { ...process.env },
    configDir,
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, child);
  } catch (error) {
    await stopChild(child);
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
  return { port, child, output, stop: () => stopChild(child) };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** A bot, a Playground pointed at it, a browser and the Playground's page, started for one test file. */
export interface PlaygroundSession {
  bot: RunningProcess & { dataDir: string };
  playground: RunningProcess;
  browser: Browser;
  chat: PlaygroundPage;
  /** Closes the browser, then the Playground, then the bot. */
  close(): Promise<void>;
}

/**
 * Starts a bot (with `env`), a Playground pointed at it and a browser, and opens the Playground's page; `name`
 * prefixes the page's screenshots. If a step fails, what was already started is closed before the error is rethrown.
 */
export async function openPlaygroundSession(name: string, env: Record<string, string> = {}): Promise<PlaygroundSession> {
  let bot: (RunningProcess & { dataDir: string }) | undefined;
  let playground: RunningProcess | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  };
  try {
    bot = await startBot(env);
    playground = await startPlayground(bot.port);
    browser = await launchBrowser();
    const chat = await PlaygroundPage.open(browser, playground.port, name);
    return { bot, playground, browser, chat, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** One page of the Playground, with helpers that act as a person would: type, press, read cards. */
export class PlaygroundPage {
  private step = 0;
  constructor(
    readonly page: Page,
    private readonly scenario: string,
  ) {
    mkdirSync(ARTIFACTS, { recursive: true });
  }

  static async open(browser: Browser, playgroundPort: number, scenario: string): Promise<PlaygroundPage> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`http://127.0.0.1:${playgroundPort}`, { waitUntil: 'networkidle' });
    return new PlaygroundPage(page, scenario);
  }

  cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  lastCard(): Locator {
    return this.cards().last();
  }

  /** Waits until there are more cards than `before`, and returns the newest. */
  async nextCard(before: number, timeout = 30_000): Promise<Locator> {
    await this.page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length > n, before, { timeout });
    return this.lastCard();
  }

  async say(text: string): Promise<void> {
    const box = this.page.locator('[data-lexical-editor="true"]');
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Sends text and waits for the card that answers it. */
  async ask(text: string): Promise<Locator> {
    const before = await this.cards().count();
    await this.say(text);
    return this.nextCard(before);
  }

  /** Presses a button on a card and waits for the card that answers it. */
  async press(card: Locator, name: string): Promise<Locator> {
    const before = await this.cards().count();
    await card.getByRole('button', { name, exact: true }).click();
    return this.nextCard(before);
  }

  async shot(label: string): Promise<string> {
    this.step += 1;
    const file = path.join(ARTIFACTS, `${this.scenario}-${String(this.step).padStart(2, '0')}-${label}.png`);
    await this.page.screenshot({ path: file, fullPage: false });
    return file;
  }
}
