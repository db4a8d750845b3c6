import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function packs(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [path.join(ROOT, 'src/cli/packs.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the packs commands', () => {
  const broken = mkdtempSync(path.join(os.tmpdir(), 'sma-broken-'));
  afterAll(() => rmSync(broken, { recursive: true, force: true }));

  it.concurrent('validate every pack and print their versions', async () => {
    const result = await packs(['validate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /nykoping \(Nyköpings kommun\): valid — \d+ rules \(\d+ from the law floor, 1 overriding it at least as strictly\), \d+ cases \+ \d+ law-floor cases, version [0-9a-f]{64}/,
    );
    expect(result.stdout).toMatch(/stockholm \(Stockholms stad\): valid/);
  });

  it.concurrent('refuse a pack that overrides the law floor with something looser', async () => {
    const dir = mkdtempSync(path.join(broken, 'looser-'));
    cpSync(path.join(ROOT, 'policies', 'nykoping'), path.join(dir, 'nykoping'), { recursive: true });
    const file = path.join(dir, 'nykoping', 'rules', 'publish-image.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const rule = data.rules.find((r: { name: string }) => r.name === 'child-13-to-17-maturity');
    rule.event.params.outcome = 'allowed_with_conditions';
    writeFileSync(file, JSON.stringify(data));
    const result = await packs(['validate'], { POLICIES_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /rule child-13-to-17-maturity: overridesLaw: looser than the law rule law-child-13-to-17-maturity-assessment in the floor case "[^"]+": gives allowed_with_conditions, the law gives needs_assessment/,
    );
  });

  it.concurrent('run the cases of one pack', async () => {
    const result = await packs(['test', 'nykoping']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^nykoping: (\d+)\/\1 cases passed; (\d+)\/\2 rules both fire and stay quiet in some case$/m);
  });

  it.concurrent('stop on a broken pack, naming file, rule and field', async () => {
    cpSync(path.join(ROOT, 'policies', 'stockholm'), path.join(broken, 'stockholm'), { recursive: true });
    const file = path.join(broken, 'stockholm', 'rules', 'register-record.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.rules[0].event.params.outcome = 'archive';
    writeFileSync(file, JSON.stringify(data));
    const result = await packs(['validate'], { POLICIES_DIR: broken });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('register-record.json: rule confidential-must-be-registered: event.params.outcome: "archive" is not an outcome of register-record');
  });
});
