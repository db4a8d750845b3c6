import { buildBot } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { logger } from './log/logger';
import { clockFromEnv } from './bot/reminder-runtime';
import { warnWhileAnonymous } from './auth-mode';

async function main(): Promise<void> {
  const config = loadConfig();
  logger.level = config.logLevel;
  const bot = await buildBot(config, { logger, clock: clockFromEnv() });
  bot.server.listen(config.port, config.host, () => {
    logger.info(
      { event: 'started', port: config.port, database: bot.services.database.kind, packs: bot.services.packs.ids(), auth: config.bot ? 'bot-framework' : config.allowAnonymous ? 'anonymous-allowed' : 'anonymous-loopback' },
      `listening on http://${config.host}:${config.port}`,
    );
    bot.reminders?.start();
    bot.logCheckpoints.start();
    warnWhileAnonymous(config, logger);
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'stopping', signal }, 'shutting down');
    await bot.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // A bad setting or a broken policy pack stops start-up with one clear line, not a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ConfigError || (error as { code?: string })?.code === 'pack_invalid') console.error(message);
  else logger.fatal({ event: 'startup_failed', message }, 'start-up failed');
  process.exit(1);
});
