import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db';
import { ConversationReferences } from '../db/conversation-references';
import { Campaigns } from './campaigns';
import { ReminderJobs } from './job-queue';
import { createProgressBar } from './progress-bar';
import { runCampaign } from './run-campaign';
import { ProactiveSender } from './sender';
import { ReminderWorker } from './worker';

describe('running a campaign from the command line', () => {
  let database: Database;
  const sent: string[] = [];

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    const refs = new ConversationReferences(database.db);
    for (const n of [1, 2, 3]) {
      await refs.save({
        conversation: { id: `a:${n}`, conversationType: 'personal', tenantId: 't' },
        serviceUrl: 'https://smba.example/',
        channelId: 'msteams',
        bot: { id: '28:bot' },
        user: { id: `29:${n}`, aadObjectId: `aad-${n}` },
      });
    }
  });
  afterAll(() => database.close());

  function worker(): ReminderWorker {
    const sender = new ProactiveSender({
      transport: { send: async (reference) => void sent.push(reference.conversation.id) },
      references: new ConversationReferences(database.db),
      renderers: { reporting: () => ({ type: 'message', text: 'Dags att rapportera.' }) },
    });
    return new ReminderWorker({ jobs: new ReminderJobs(database.db), sender, pollMs: 10 });
  }

  const specs = ['aad-1', 'aad-2', 'aad-3', 'aad-unknown'].map((aad) => ({
    idempotencyKey: `reporting:stockholm:2026-02:${aad}`,
    kind: 'reporting',
    target: { type: 'user' as const, aadObjectId: aad },
    dueAt: new Date(Date.now() - 1_000),
  }));

  it('sends every reminder of the campaign, shows progress, and does nothing more when run again', async () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (chunk: string) => lines.push(chunk) };
    const start = { kind: 'reporting', pack: 'stockholm', period: '2026-02', startedBy: 'cli', now: new Date() };
    const campaigns = new Campaigns(database.db);
    const status = await runCampaign({ campaigns, worker: worker(), start, specs, progress: (total) => createProgressBar({ total, stream, label: 'Påminnelser' }) });
    expect(status.counts).toMatchObject({ total: 4, sent: 3, failed: 1 });
    expect(sent.sort()).toEqual(['a:1', 'a:2', 'a:3']);
    expect(lines.at(-1)).toMatch(/^Påminnelser █+ 100% 4\/4  skickade 3 · väntar 0 · misslyckades 1 · når inte fram 0\n$/);

    const again = await runCampaign({ campaigns, worker: worker(), start, specs });
    expect(again.counts.sent).toBe(3);
    expect(sent).toHaveLength(3);
  });
});
