import { isIP } from 'node:net';
import type { Config } from './config';
import type { Logger } from './log/logger';

/** Only this machine can reach a server listening here. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

export const ANONYMOUS_WARNING_INTERVAL_MS = 60_000;

/**
 * Anonymous mode reachable from other machines (ALLOW_ANONYMOUS=true): anyone who can reach the port can act as
 * anyone. Say so at start and every minute after, so it cannot go unnoticed in the logs. Returns the stopper.
 */
export function warnWhileAnonymous(config: Config, logger: Logger, intervalMs = ANONYMOUS_WARNING_INTERVAL_MS): () => void {
  if (config.bot || !config.allowAnonymous) return () => undefined;
  const warn = () =>
    logger.warn({ event: 'anonymous_mode', host: config.host }, 'no authentication: anyone who can reach this port can act as any user (ALLOW_ANONYMOUS=true)');
  warn();
  const timer = setInterval(warn, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
