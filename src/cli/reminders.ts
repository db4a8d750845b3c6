/**
 * `npm run reminders:run -- --campaign reporting [--pack stockholm] [--period 2027-02]`
 * Starts (or resumes) a reporting campaign: one reminder to every owner and stand-in of the pack's open accounts who
 * has a chat with the bot, sent through Teams with the stored conversation references, with a progress bar.
 * Running it again after a crash picks up where it stopped; nobody is reminded twice.
 *
 * The embedded database (PGlite) can be opened by one process only: stop the bot first, or use DATABASE_URL
 * (PostgreSQL), where the CLI and running bots share the queue safely.
 * Prints one line of JSON on stdout (the campaign's counts); progress and logs go to stderr.
 * Exit codes: 0 done, 2 wrong arguments, 1 anything else.
 */
import pino from 'pino';
import { buildBot } from '../bootstrap';
import { clockFromEnv, createReminderRuntime } from '../bot/reminder-runtime';
import { loadConfig } from '../config';
import { createLogger } from '../log/logger';
import { Campaigns, campaignDetail, createProgressBar, runCampaign } from '../reminders';
import { currentPeriod, REPORTING_KIND } from '../flows/reminders';
import { planReporting, reportingCampaignId } from '../flows/reminders/reporting';
import { parseArgs, UsageError } from './args';

const USAGE = 'Användning: npm run reminders:run -- --campaign reporting [--pack <id>] [--period ÅÅÅÅ-MM]';

export interface RemindersArgs {
  campaign: typeof REPORTING_KIND;
  pack?: string;
  period?: string;
}

export function parseRemindersArgs(argv: string[]): RemindersArgs {
  const { positional, options } = parseArgs(argv);
  if (positional.length > 0) throw new UsageError(`Okänt argument: ${positional[0]}`);
  for (const name of Object.keys(options)) {
    if (!['campaign', 'pack', 'period'].includes(name)) throw new UsageError(`Okänt argument: --${name}`);
  }
  if (options.campaign !== REPORTING_KIND) throw new UsageError(options.campaign ? `Okänd kampanj "${options.campaign}" (finns: reporting)` : '--campaign saknas');
  if (options.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.period)) throw new UsageError('--period ska vara en månad som 2027-02');
  return { campaign: REPORTING_KIND, pack: options.pack, period: options.period };
}

async function main(): Promise<void> {
  const args = parseRemindersArgs(process.argv.slice(2));
  const config = { ...loadConfig(), scheduler: { enabled: false, intervalMs: 1_000 } };
  // stdout carries the result alone, so a script can read it; logs go to stderr, synchronously, as exit follows.
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', pino.destination({ dest: 2, sync: true }));
  const bot = await buildBot(config, { logger, clock: clockFromEnv() });
  try {
    const services = bot.services;
    const packId = args.pack ?? config.defaultPack;
    const pack = services.packs.get(packId);
    if (!pack) throw new UsageError(`Policypaketet "${packId}" finns inte (finns: ${services.packs.ids().join(', ')})`);
    const now = services.clock.now();
    const period = args.period ?? currentPeriod(pack, now);
    const plan = await planReporting(services.database.db, pack.id, period, now);
    process.stderr.write(
      `Rapportering ${pack.name} ${period}: ${plan.specs.length} att påminna` +
        (plan.unreachable > 0 ? `, ${plan.unreachable} utan chatt med boten (påminns när de öppnar den)` : '') +
        '\n',
    );
    const runtime = createReminderRuntime({ services, adapter: bot.adapter }, { planners: [], workerId: `cli:${process.pid}` });
    const status = await runCampaign({
      campaigns: new Campaigns(services.database.db),
      worker: runtime.scheduler.worker,
      start: { kind: REPORTING_KIND, pack: pack.id, period, startedBy: 'cli', now },
      specs: plan.specs,
      progress: (total) => createProgressBar({ total, label: 'Påminnelser' }),
    });
    const c = status.counts;
    process.stdout.write(
      `${JSON.stringify({ campaign: reportingCampaignId(pack.id, period), sent: c.sent, confirmed: c.confirmed, failed: c.failed, dead: c.dead, outstanding: c.pending + c.sending, unreachable: plan.unreachable })}\n`,
    );
    if (c.failed + c.dead > 0) process.stderr.write(`Klart med fel: ${campaignDetail(status)}\n`);
  } finally {
    await bot.close();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n${USAGE}\n`);
        process.exit(2);
      }
      process.stderr.write(`Påminnelserna kunde inte skickas: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
