import type { Kysely } from 'kysely';
import type { Logger } from '../log/logger';
import { loadSigningKey, takeCheckpoint } from './checkpoints';

export interface CheckpointSettings {
  signingKey?: string;
  signingKeyFile?: string;
  file: string;
  intervalMs: number;
}

export interface CheckpointRuntime {
  /** Takes a checkpoint now and then at every interval. */
  start(): void;
  /** Takes a last checkpoint (so a clean shutdown leaves the head signed) and stops. */
  stop(): Promise<void>;
}

/**
 * The bot's checkpoints of the decision log. Without a signing key it says so once at start (warn) and does
 * nothing, so the bot runs as before. A bot that is never started (e.g. the reminders CLI) neither warns nor signs. A failed checkpoint (e.g. the head moved back) is logged as an error and retried
 * at the next interval; it never stops the bot.
 */
export function createCheckpointRuntime(db: Kysely<any>, settings: CheckpointSettings, logger: Logger): CheckpointRuntime {
  const privateKey = loadSigningKey({ pem: settings.signingKey, file: settings.signingKeyFile });
  if (!privateKey) {
    let warned = false;
    return {
      start() {
        if (!warned) logger.warn({ event: 'log_checkpoints_off' }, 'decision log checkpoints are off: set LOG_SIGNING_KEY or LOG_SIGNING_KEY_FILE');
        warned = true;
      },
      stop: async () => undefined,
    };
  }
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const taken = await takeCheckpoint(db, { privateKey, file: settings.file });
        if (taken) logger.info({ event: 'log_checkpoint', entries: taken.entries, keyId: taken.keyId }, 'decision log checkpoint signed');
      } catch (error) {
        logger.error({ event: 'log_checkpoint_failed', message: (error as Error).message }, 'decision log checkpoint failed');
      }
    });
  };
  return {
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, settings.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) {
        clearInterval(timer);
        timer = undefined;
        tick();
      }
      await running;
    },
  };
}
