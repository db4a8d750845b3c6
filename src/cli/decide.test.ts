import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSearchPath } from '../../tests/helpers/databases';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(script: string, args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(TSX, [path.join(ROOT, 'src/cli', script), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const PORTRAIT = JSON.stringify({
  identifiablePeople: true,
  purpose: 'inform_about_operations',
  crowd: false,
  consent: 'all',
  consentDocumented: true,
  youngestAge: 30,
  confidential: false,
  protectedIdentity: false,
  sensitiveCategories: [],
  integritySensitive: [],
  altText: true,
});

describe('the decide command', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'sma-cli-'));
  const env: Record<string, string> = { DATA_DIR: path.join(scratch, 'data'), DATABASE_URL: '' };
  const url = process.env.TEST_DATABASE_URL;
  const schema = `t_cli_${process.pid}_${Date.now()}`;

  beforeAll(async () => {
    // PostgreSQL when the suite has it (fast); otherwise the embedded database in a fresh folder.
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      env.DATABASE_URL = withSearchPath(url, schema);
    }
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  });

  it.concurrent('prints one decision as JSON and exits 0', async () => {
    const result = await cli('decide.ts', ['publish-image', '--pack', 'nykoping', '--facts', PORTRAIT, '--no-log']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ decision: 'publish-image', pack: 'nykoping', outcome: 'allowed', missing: [] });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it.concurrent('reads facts from a file', async () => {
    const file = path.join(scratch, 'facts.json');
    writeFileSync(file, JSON.stringify({ categories: ['question'] }));
    const result = await cli('decide.ts', ['moderate-post', '--pack', 'nykoping', '--facts', `@${file}`, '--no-log']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: 'answer', deadlineHours: 24 });
  });

  it.concurrent('exits 2 naming every bad field', async () => {
    const result = await cli('decide.ts', ['publish-image', '--pack', 'stockholm', '--facts', '{"youngestAge":"ten","consent":"maybe","colour":"red"}', '--no-log']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('youngestAge: expected a whole number from 0 to 120 or null, got string');
    expect(result.stderr).toContain('consent: expected one of "all", "some", "none", "unknown"');
    expect(result.stderr).toContain('colour: unknown fact');
  });

  it.concurrent('exits 2 on a password and never prints it', async () => {
    const result = await cli('decide.ts', ['open-account', '--pack', 'stockholm', '--facts', '{"credentialsLocation":"lösenord: Sommar2025!"}']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('credentialsLocation: looks like a password');
    expect(result.stderr + result.stdout).not.toContain('Sommar2025');
  });

  it.concurrent('exits 2 listing the valid packs and decisions', async () => {
    const [pack, decision, json] = await Promise.all([
      cli('decide.ts', ['publish-image', '--pack', 'malmo', '--facts', '{}', '--no-log']),
      cli('decide.ts', ['publish-picture', '--pack', 'stockholm', '--facts', '{}', '--no-log']),
      cli('decide.ts', ['publish-image', '--pack', 'stockholm', '--facts', '{not json', '--no-log']),
    ]);
    expect(pack).toMatchObject({ code: 2, stderr: expect.stringContaining('Valid packs: nykoping, stockholm') });
    expect(decision).toMatchObject({ code: 2, stderr: expect.stringContaining('Valid decisions: publish-image, moderate-post, register-record, open-account, close-account') });
    expect(json).toMatchObject({ code: 2, stderr: expect.stringContaining('facts: not valid JSON') });
    expect(json.stderr).not.toContain('{not json');
  });

  it('logs the decision, and the log commands verify, export and replay it', async () => {
    const decided = await cli('decide.ts', ['moderate-post', '--pack', 'stockholm', '--facts', '{"categories":["profanity"]}'], env);
    expect(decided.code).toBe(0);
    const { decisionId } = JSON.parse(decided.stdout);

    const verify = await cli('log.ts', ['verify'], env);
    expect(verify).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: 1 entries/) });

    const csv = await cli('log.ts', ['export', '--format', 'csv'], env);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id,decision_id,at,/);
    expect(lines[1]).toContain(`${decisionId},`);
    expect(lines[1]).toContain(',cli,');

    const jsonl = await cli('log.ts', ['export', '--format', 'jsonl', '--from', '2000-01-01', '--to', '2001-01-01'], env);
    expect(jsonl).toMatchObject({ code: 0, stdout: '' });

    const replay = await cli('log.ts', ['replay', '--pack', 'policies/stockholm'], env);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/Replayed 1 decisions of pack stockholm .*: 0 would change, 1 unchanged/);
  }, 120_000);
});
