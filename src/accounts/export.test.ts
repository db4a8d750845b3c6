import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRegister } from './register';
import { exportRegister } from './export';
import { reportToCsv } from './export-csv';
import { accountInput } from './test-fixtures';
import type { Account, AccountReport } from './types';
import { testDatabases } from '../../tests/helpers/databases';

function account(overrides: Partial<Account>): Account {
  return {
    ...accountInput(),
    id: 'id-1',
    status: 'active',
    closingOn: null,
    closedOn: null,
    createdAt: '2026-03-02T08:00:00.000Z',
    updatedAt: '2026-03-02T08:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

describe('the CSV report', () => {
  it('has a header, one line per account with its category, semicolons and a byte-order mark', () => {
    const report: AccountReport = {
      opened: [account({ accountName: 'Ny; "citat"' })],
      existing: [account({ accountName: 'Gammal', goals: ['A', 'B'] })],
      closed: [],
    };
    const text = reportToCsv(report).toString('utf8');
    expect(text.startsWith('\uFEFFKategori;Förvaltning/enhet;Plattform;Kontonamn;')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^Nystartade;Kulturförvaltningen;Instagram;"Ny; ""citat""";/);
    expect(lines[2]).toContain('Befintliga;');
    expect(lines[2]).toContain(';"A; B";');
  });

  it('keeps cells that look like formulas as text', () => {
    const text = reportToCsv({ opened: [account({ accountName: '=HYPERLINK("http://x")', purpose: '+1 syfte' })], existing: [], closed: [] }).toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(";'+1 syfte;");
  });

  it('never exports the credentials reference', () => {
    const text = reportToCsv({ opened: [account({ credentialsLocation: 'Kassaskåp 7' })], existing: [], closed: [] }).toString('utf8');
    expect(text).not.toContain('Kassaskåp 7');
  });
});

describe.each(testDatabases())('the Excel report on $name', ({ open }) => {
  let close: () => Promise<void>;
  let register: AccountRegister;

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    register = new AccountRegister(database.db);
    await register.add(accountInput({ accountName: 'Kulturhuset Ung', openedOn: '2026-02-10' }), 'x');
    await register.add(accountInput({ accountName: 'Stadsarkivet', openedOn: '2018-01-01', registeredVia: 'existing' }), 'x');
    const closed = await register.add(accountInput({ accountName: 'Gamla evenemang', openedOn: '2017-05-05', registeredVia: 'existing' }), 'x');
    await register.markClosed(closed.id, '2026-04-30', 'x');
  });
  afterAll(() => close());

  it('has a summary and one sheet per category with the accounts of the period', async () => {
    const file = await exportRegister(
      register,
      { pack: 'stockholm', packName: 'Stockholms stad', from: '2026-01-01', to: '2026-06-30', format: 'xlsx' },
      new Date('2026-07-01T09:00:00Z'),
    );
    expect(file.fileName).toBe('kontoregister-stockholm-2026-01-01--2026-06-30.xlsx');
    expect(file.counts).toEqual({ opened: 1, existing: 1, closed: 1 });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Sammanfattning', 'Nystartade', 'Befintliga', 'Avslutade']);
    const summary = workbook.getWorksheet('Sammanfattning')!;
    expect(summary.getCell('A1').value).toBe('Konton i sociala medier – Stockholms stad');
    expect(summary.getCell('B3').value).toBe('1 januari 2026 – 30 juni 2026');
    const opened = workbook.getWorksheet('Nystartade')!;
    expect(opened.getRow(1).getCell(3).value).toBe('Kontonamn');
    expect(opened.getRow(2).getCell(3).value).toBe('Kulturhuset Ung');
    const closed = workbook.getWorksheet('Avslutade')!;
    expect(closed.getRow(2).getCell(3).value).toBe('Gamla evenemang');
    expect(closed.getRow(2).getCell(15).value).toBe('2026-04-30');
  });

  it('makes a CSV file of the same report', async () => {
    const file = await exportRegister(register, { pack: 'stockholm', packName: 'Stockholms stad', from: '2026-01-01', to: '2026-06-30', format: 'csv' });
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.body.toString('utf8').trimEnd().split('\r\n')).toHaveLength(4);
  });
});
