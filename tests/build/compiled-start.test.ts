import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/harness';
import { buildInto, ROOT, startNode, stopNode, waitForHealthz } from '../helpers/compiled-bot';

// The output sits inside the project (git-ignored .scratch/) so node resolves node_modules as it does from dist/.
const OUT_DIR = path.join(ROOT, '.scratch', `build-test-${process.pid}`);

describe('the compiled build', () => {
  let entry = '';
  beforeAll(async () => {
    entry = await buildInto(OUT_DIR);
  }, 240_000);
  afterAll(() => rmSync(OUT_DIR, { recursive: true, force: true }));

  it('starts with plain node from any working directory and answers /healthz', async () => {
    const port = await freePort();
    // Another working directory: cards, migrations, policies and the database thread must not depend on it.
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'compiled-start-'));
    const child = startNode(entry, { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: 'memory://', LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false' }, cwd);
    let ended = '';
    try {
      await waitForHealthz(port, child, 240_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${child.output()}`);
      });
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { version: string; packs: Array<{ id: string }> };
      expect(body.version).toBe((require(path.join(ROOT, 'package.json')) as { version: string }).version);
      expect(body.packs.map((pack) => pack.id)).toContain('stockholm');
    } finally {
      ended = await stopNode(child);
      rmSync(cwd, { recursive: true, force: true });
    }
    // SIGTERM closes the database and exits cleanly.
    expect(ended, child.output()).toBe('code 0 signal null');
  }, 300_000);
});
