import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db';
import type { Logger } from '../log/logger';
import { loadPacks } from '../rules';
import { DecisionService, readCheckpoints, verifyLog } from '.';
import { createCheckpointRuntime } from './checkpoint-runtime';

function recordingLogger() {
  const lines: { level: string; event: string }[] = [];
  const at = (level: string) => (fields: { event: string }) => void lines.push({ level, event: fields.event });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger };
}

describe('the bot\'s log checkpoints', () => {
  let database: Database;
  let dir: string;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    dir = mkdtempSync(path.join(os.tmpdir(), 'sma-ckpt-'));
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are off without a key: one warning at start, nothing written', async () => {
    const { lines, logger } = recordingLogger();
    const file = path.join(dir, 'off.jsonl');
    const runtime = createCheckpointRuntime(database.db, { file, intervalMs: 10 }, logger);
    runtime.start();
    runtime.start();
    await new Promise((r) => setTimeout(r, 50));
    await runtime.stop();
    expect(lines).toEqual([{ level: 'warn', event: 'log_checkpoints_off' }]);
    expect(readCheckpoints(file)).toEqual([]);
  });

  it('sign the head at start, at each interval when it moved, and at stop', async () => {
    const { lines, logger } = recordingLogger();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const file = path.join(dir, 'on.jsonl');
    const service = new DecisionService(database.db, await loadPacks(path.resolve(__dirname, '../../policies')));
    const decide = () => service.decide('stockholm', 'moderate-post', { categories: ['question'] }, { actor: 'a' });
    await decide();
    const runtime = createCheckpointRuntime(database.db, { signingKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), file, intervalMs: 100 }, logger);
    const written = (n: number) => vi.waitFor(() => expect(readCheckpoints(file)).toHaveLength(n), { timeout: 10_000, interval: 20 });
    runtime.start();
    await written(1);
    await decide();
    await written(2);
    await decide();
    await runtime.stop();
    expect(readCheckpoints(file).map((c) => c.entries)).toEqual([1, 2, 3]);
    expect(lines.every((l) => l.level === 'info' && l.event === 'log_checkpoint')).toBe(true);
    expect(await verifyLog(database.db, { checkpoints: { list: readCheckpoints(file), publicKey } })).toMatchObject({ ok: true, count: 3, checkpoints: 3 });
  });

  it('read their settings from the environment with zod', () => {
    expect(loadConfig({ LOG_CHECKPOINT_FILE: 'x/ckpt.jsonl', LOG_CHECKPOINT_INTERVAL_MS: '60000', LOG_SIGNING_KEY_FILE: 'k.pem' }).logCheckpoints).toEqual({
      signingKey: undefined,
      signingKeyFile: path.resolve('k.pem'),
      file: path.resolve('x/ckpt.jsonl'),
      intervalMs: 60_000,
    });
    expect(() => loadConfig({ LOG_SIGNING_KEY: 'hunter2' })).toThrow(/LOG_SIGNING_KEY/);
    expect(() => loadConfig({ LOG_CHECKPOINT_INTERVAL_MS: '5' })).toThrow(/LOG_CHECKPOINT_INTERVAL_MS/);
  });
});
