import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { AccountRegister } from '../accounts';
import { accountInput } from '../accounts/test-fixtures';
import { parseArgs } from './register-export';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, ['src/cli/register-export.ts', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run register:export', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'register-export-'));
  const dataDir = path.join(dir, 'data');

  beforeAll(async () => {
    const database = await openDatabase({ dataDir });
    const register = new AccountRegister(database.db);
    await register.add(accountInput({ accountName: 'Kulturhuset Ung', openedOn: '2026-02-10' }), 'cli-test');
    const old = await register.add(accountInput({ accountName: 'Gamla evenemang', openedOn: '2017-05-05', registeredVia: 'existing' }), 'cli-test');
    await register.markClosed(old.id, '2026-04-30', 'cli-test');
    await database.close();
  });

  it('writes the Excel report for a period and prints a summary, with a progress line', async () => {
    const out = path.join(dir, 'rapport.xlsx');
    const result = await run(['--pack', 'stockholm', '--from', '2026-01-01', '--to', '2026-06-30', '--format', 'xlsx', '--out', out], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ file: out, pack: 'stockholm', from: '2026-01-01', to: '2026-06-30', format: 'xlsx', opened: 1, existing: 0, closed: 1 });
    expect(result.stderr).toContain('[####################] 4/4 Klart');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet('Avslutade')!.getRow(2).getCell(3).value).toBe('Gamla evenemang');
  });

  it('writes CSV', async () => {
    const out = path.join(dir, 'rapport.csv');
    const result = await run(['--pack=stockholm', '--from=2026-01-01', '--to=2026-06-30', '--format=csv', `--out=${out}`], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Nystartade;Kulturförvaltningen;Instagram;Kulturhuset Ung;');
  });

  it('exits with 2 and the usage for wrong arguments', async () => {
    for (const args of [['--format', 'pdf'], ['--from', '2026-13-01', '--to', '2026-12-31'], ['--pack', 'okand'], ['--from', '2026-01-01']]) {
      const result = await run(args, { DATA_DIR: dataDir });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toContain('Användning: npm run register:export');
    }
  });
});

describe('register export arguments', () => {
  it('default to Excel and the latest report period', () => {
    expect(parseArgs(['--pack', 'nykoping'])).toEqual({ pack: 'nykoping', format: 'xlsx', from: undefined, to: undefined, out: undefined });
  });

  it('refuse a period that ends before it starts', () => {
    expect(() => parseArgs(['--from', '2026-06-30', '--to', '2026-01-01'])).toThrow('--from ligger efter --to');
  });
});
