import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSearchPath } from '../../tests/helpers/databases';
import { openDatabase } from '../db';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(script: string, args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve) => {
    execFile(TSX, [path.join(ROOT, 'src/cli', script), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the log commands: checkpoint, erase, verify with checkpoints', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'sma-log-cli-'));
  const keys = generateKeyPairSync('ed25519');
  const publicKeyFile = path.join(scratch, 'log-signing.pub.pem');
  const checkpoints = path.join(scratch, 'checkpoints.jsonl');
  const env: Record<string, string> = {
    DATA_DIR: path.join(scratch, 'data'),
    DATABASE_URL: '',
    LOG_CHECKPOINT_FILE: checkpoints,
    LOG_SIGNING_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const url = process.env.TEST_DATABASE_URL;
  const schema = `t_logcli_${process.pid}_${Date.now()}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statement);
    await client.end();
  };

  beforeAll(async () => {
    writeFileSync(publicKeyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    // PostgreSQL when the suite has it (fast); otherwise the embedded database in a fresh folder.
    if (url) {
      await admin(`create schema ${schema}`);
      env.DATABASE_URL = withSearchPath(url, schema);
    }
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    if (url) await admin(`drop schema if exists ${schema} cascade`);
  });

  it('erases one entry, verifies it against the checkpoint as erased, then names a deleted head row', async () => {
    const ids: string[] = [];
    for (const categories of [['question'], ['profanity'], ['other']]) {
      const decided = await cli('decide.ts', ['moderate-post', '--pack', 'stockholm', '--facts', JSON.stringify({ categories })], env);
      expect(decided.code, decided.stderr).toBe(0);
      ids.push(JSON.parse(decided.stdout).decisionId);
    }
    const taken = await cli('log.ts', ['checkpoint'], env);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(/^Checkpoint: 3 entries/);

    expect(await cli('log.ts', ['erase', '--id', 'not-a-uuid'], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--id: give the decisionId/) });
    const erased = await cli('log.ts', ['erase', '--id', ids[1]], env);
    expect(erased.code, erased.stderr).toBe(0);

    const verified = await cli('log.ts', ['verify', '--checkpoints', checkpoints, '--public-key', publicKeyFile], env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^OK: 3 entries, the chain is unbroken, agrees with 1 signed checkpoints .*; 1 erased: /);
    expect(verified.stdout).toContain(ids[1]);

    const noKey = await cli('log.ts', ['verify', '--checkpoints', checkpoints], { ...env, LOG_SIGNING_KEY: '' });
    expect(noKey).toMatchObject({ code: 2, stderr: expect.stringMatching(/--public-key/) });

    const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR });
    await sql.raw('alter table decision_log_head disable trigger user').execute(database.db);
    await sql.raw('delete from decision_log_head').execute(database.db);
    await database.close();
    const json = await cli('log.ts', ['verify', '--checkpoints', checkpoints, '--public-key', publicKeyFile, '--json'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problem: 'head_missing' });
  }, 180_000);
});
