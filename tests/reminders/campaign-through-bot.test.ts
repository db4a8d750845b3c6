import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockConnector } from '../../bench/mock-connector';
import { createReminderRuntime } from '../../src/bot/reminder-runtime';
import { ConversationReferences } from '../../src/db/conversation-references';
import { REPORTING_KIND, reportingSpec } from '../../src/flows/reminders/reporting';
import { Campaigns, ProactiveThrottle, ReminderJobs, runCampaign } from '../../src/reminders';
import { createTestBot, type TestBot } from '../helpers/test-bot';

const PEOPLE = 1_000;
/** Teams' per-conversation limits as they are; the tenant's 50/s made five times faster, so the run stays short. */
const TENANT_RULES = [{ limit: 250, windowMs: 1_000 }];
const PERIOD = '2027-02';

describe("a reporting campaign through the bot's own adapter to a connector that fails 2 % of requests", () => {
  const connector = new MockConnector({ tenantRules: TENANT_RULES, failureRate: 0.02, seed: 2027 });
  const people = Array.from({ length: PEOPLE }, (_, i) => `aad-person-${i}`);
  let testBot: TestBot;

  beforeAll(async () => {
    await connector.start();
    testBot = await createTestBot({ COMMUNICATIONS_UNIT_USERS: 'aad-comms' });
    const references = new ConversationReferences(testBot.bot.services.database.db);
    // Everyone has a chat with the bot; saved fifty at a time to keep the set-up short.
    for (let start = 0; start < PEOPLE; start += 50) {
      await Promise.all(
        people.slice(start, start + 50).map((aad) =>
          references.save({
            conversation: { id: `a:${aad}`, conversationType: 'personal', tenantId: 'tenant-1' },
            serviceUrl: connector.url,
            channelId: 'msteams',
            bot: { id: '28:bot' },
            user: { id: `29:${aad}`, aadObjectId: aad },
          }),
        ),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await testBot?.close();
    await connector.stop();
  });

  it('delivers 1,000 of 1,000 and marks sent only what arrived', async () => {
    const services = testBot.bot.services;
    const db = services.database.db;
    const now = services.clock.now();
    const specs = people.map((aad) => reportingSpec('stockholm', PERIOD, aad, now));

    // The runtime the bot and `reminders:run` use, on the adapter the bot built (its turn error handler included).
    const runtime = createReminderRuntime(
      { services, adapter: testBot.bot.adapter },
      { planners: [], workerId: 'campaign-test', throttle: new ProactiveThrottle({ tenantRules: TENANT_RULES }), retry: { baseDelayMs: 20, maxDelayMs: 200 } },
    );
    const status = await runCampaign({
      campaigns: new Campaigns(db),
      worker: runtime.scheduler.worker,
      start: { kind: REPORTING_KIND, pack: 'stockholm', period: PERIOD, startedBy: 'test', now },
      specs,
    });

    const keys = specs.map((spec) => spec.idempotencyKey);
    const sentKeys = (await new ReminderJobs(db).list({ campaignId: status.campaign.id, status: 'sent' })).map((job) => job.idempotencyKey);
    expect(connector.stats.injected502).toBeGreaterThan(0);
    expect(connector.lostKeys(keys)).toEqual([]);
    expect(connector.lostKeys(sentKeys)).toEqual([]);
    expect(sentKeys).toHaveLength(keys.length);
    expect(connector.duplicatedKeys()).toEqual([]);
    expect(status.counts).toMatchObject({ sent: keys.length, failed: 0, dead: 0, pending: 0, sending: 0 });
  }, 120_000);

  it('marks a chat the bot was removed from dead and tells the communications unit', async () => {
    const services = testBot.bot.services;
    const db = services.database.db;
    const now = services.clock.now();
    connector.markGone('a:aad-person-0', 403);
    const runtime = createReminderRuntime({ services, adapter: testBot.bot.adapter }, { planners: [], workerId: 'gone-test', retry: { baseDelayMs: 20, maxDelayMs: 200 } });
    const status = await runCampaign({
      campaigns: new Campaigns(db),
      worker: runtime.scheduler.worker,
      start: { kind: REPORTING_KIND, pack: 'stockholm', period: '2027-03', startedBy: 'test', now },
      specs: [reportingSpec('stockholm', '2027-03', 'aad-person-0', now)],
    });
    expect(status.counts).toMatchObject({ sent: 0, dead: 1 });
    expect((await new ConversationReferences(db).byConversationId('a:aad-person-0'))?.deadReason).toBe('403');
    expect(testBot.notifications.map((n) => n.to)).toEqual([{ user: 'aad-comms' }]);
    expect(JSON.stringify(testBot.notifications[0].activity)).toContain('En påminnelse kom inte fram');
  }, 60_000);
});
