import ExcelJS from 'exceljs';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db';
import { createLogger } from '../log/logger';
import { registerExportRoutes } from './export-route';
import { exportTokensFor } from './export-token';
import { AccountRegister } from './register';
import { accountInput } from './test-fixtures';

describe('the export download route', () => {
  let database: Database;
  let server: restify.Server;
  let base: string;
  let now = new Date('2026-07-01T10:00:00Z');

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await new AccountRegister(database.db).add(accountInput({ accountName: 'Kulturhuset Ung', openedOn: '2026-02-10' }), 'x');
    server = restify.createServer();
    registerExportRoutes(server, {
      database,
      packs: { get: (id) => (id === 'stockholm' ? { name: 'Stockholms stad' } : undefined) },
      logger: createLogger('silent'),
      now: () => now,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.close();
    await database.close();
  });

  async function link(format: 'xlsx' | 'csv', pack = 'stockholm'): Promise<string> {
    const tokens = await exportTokensFor(database.db);
    return `${base}/exports/${tokens.issue({ pack, from: '2026-01-01', to: '2026-06-30', format }, now)}`;
  }

  it('sends the Excel file as a download', async () => {
    const res = await fetch(await link('xlsx'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kontoregister-stockholm-2026-01-01--2026-06-30.xlsx"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.getWorksheet('Nystartade')!.getRow(2).getCell(3).value).toBe('Kulturhuset Ung');
  });

  it('sends the CSV file as a download', async () => {
    const res = await fetch(await link('csv'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Kulturhuset Ung');
  });

  it('says in Swedish that an old link has expired', async () => {
    const url = await link('csv');
    now = new Date(now.getTime() + 16 * 60_000);
    const res = await fetch(url);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Länken har gått ut');
  });

  it('refuses a made-up or tampered link without telling why', async () => {
    for (const url of [`${base}/exports/abc`, `${await link('csv')}x`, await link('csv', 'okand')]) {
      const res = await fetch(url);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Länken är ogiltig');
    }
    expect((await fetch(`${base}/exports/${'x'.repeat(2000)}`)).status).toBe(404);
  });
});
