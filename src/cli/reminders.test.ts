import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockConnector } from '../../bench/mock-connector';
import { AccountRegister } from '../accounts';
import { accountInput } from '../accounts/test-fixtures';
import { openDatabase } from '../db';
import { ConversationReferences } from '../db/conversation-references';
import { ReminderJobs } from '../reminders';
import { UsageError } from './args';
import { parseRemindersArgs } from './reminders';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

describe('reminders:run arguments', () => {
  it('takes the campaign, pack and period', () => {
    expect(parseRemindersArgs(['--campaign', 'reporting', '--pack', 'stockholm', '--period', '2027-02'])).toEqual({ campaign: 'reporting', pack: 'stockholm', period: '2027-02' });
    expect(parseRemindersArgs(['--campaign=reporting'])).toEqual({ campaign: 'reporting', pack: undefined, period: undefined });
  });

  it.each([[[]], [['--campaign', 'fika']], [['--campaign', 'reporting', '--period', '2027-13']], [['--campaign', 'reporting', '--force']]])('refuses %j with a usage error', (argv) => {
    expect(() => parseRemindersArgs(argv)).toThrow(UsageError);
  });
});

describe('reminders:run against a mock Teams connector', () => {
  const connector = new MockConnector();
  let dataDir: string;

  beforeAll(async () => {
    await connector.start();
    dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'sma-cli-reminders-')), 'data');
    const database = await openDatabase({ dataDir });
    const register = new AccountRegister(database.db);
    const references = new ConversationReferences(database.db);
    for (const who of ['alex', 'megan']) {
      await references.save({
        conversation: { id: `a:${who}`, conversationType: 'personal', tenantId: 'tenant-1' },
        serviceUrl: connector.url,
        channelId: 'msteams',
        bot: { id: '28:bot' },
        user: { id: `29:${who}`, aadObjectId: `aad-${who}` },
      });
    }
    await register.add(accountInput({ owner: { aadObjectId: 'aad-alex', name: 'Alex Wilber' }, standIn: { aadObjectId: 'aad-megan', name: 'Megan Bowen' } }), 'test');
    await register.add(accountInput({ accountName: 'Utan chatt', owner: { aadObjectId: 'aad-lee', name: 'Lee Gu' }, standIn: null }), 'test');
    await database.close();
  });
  afterAll(() => connector.stop());

  async function runCli(): Promise<Record<string, number | string>> {
    const { stdout } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/reminders.ts', '--campaign', 'reporting', '--pack', 'stockholm', '--period', '2027-02'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    });
    return JSON.parse(stdout.trim()) as Record<string, number | string>;
  }

  it('sends the reporting reminders, counts the unreachable, and sends nothing twice when run again', async () => {
    const first = await runCli();
    expect(first).toMatchObject({ campaign: 'reporting:stockholm:2027-02', sent: 2, failed: 0, outstanding: 0, unreachable: 1 });
    expect(connector.deliveries.map((d) => d.key).sort()).toEqual(['reporting:stockholm:2027-02:aad-alex', 'reporting:stockholm:2027-02:aad-megan']);
    const second = await runCli();
    expect(second).toMatchObject({ sent: 2, outstanding: 0 });
    expect(connector.deliveries).toHaveLength(2);
    const database = await openDatabase({ dataDir });
    expect((await new ReminderJobs(database.db).counts('reporting:stockholm:2027-02')).sent).toBe(2);
    await database.close();
  }, 120_000);
});

describe('reminders:run when Teams fails some sends', () => {
  const connector = new MockConnector();
  let dataDir: string;

  beforeAll(async () => {
    await connector.start();
    dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'sma-cli-reminders-')), 'data');
    const database = await openDatabase({ dataDir });
    const references = new ConversationReferences(database.db);
    for (const who of ['alex', 'megan', 'kim']) {
      await references.save({
        conversation: { id: `a:${who}`, conversationType: 'personal', tenantId: 'tenant-1' },
        serviceUrl: connector.url,
        channelId: 'msteams',
        bot: { id: '28:bot' },
        user: { id: `29:${who}`, aadObjectId: `aad-${who}` },
      });
    }
    const register = new AccountRegister(database.db);
    await register.add(accountInput({ owner: { aadObjectId: 'aad-alex', name: 'Alex Wilber' }, standIn: { aadObjectId: 'aad-megan', name: 'Megan Bowen' } }), 'test');
    await register.add(accountInput({ accountName: 'Kim', owner: { aadObjectId: 'aad-kim', name: 'Kim Abercrombie' }, standIn: null }), 'test');
    await database.close();
    connector.script('a:alex', [502, 429]);
    connector.markGone('a:megan', 403);
  }, 120_000);
  afterAll(() => connector.stop());

  it('retries, reports the dead chat, and prints its JSON alone on stdout with the logs on stderr', async () => {
    const { stdout, stderr } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/reminders.ts', '--campaign', 'reporting', '--pack', 'stockholm', '--period', '2027-02'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ sent: 2, failed: 0, dead: 1, outstanding: 0 });
    expect(connector.deliveries.map((d) => d.key).sort()).toEqual(['reporting:stockholm:2027-02:aad-alex', 'reporting:stockholm:2027-02:aad-kim']);
    expect(stderr).toContain('"event":"reminder_send_failed"');
    expect(stderr).toContain('Klart med fel');
  }, 120_000);
});

