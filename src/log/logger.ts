import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Paths that could carry what users typed or who they are are redacted here,
 * once, so that no call site can leak them by logging a whole activity.
 */
export const REDACTED_PATHS = [
  '*.text',
  '*.value',
  '*.attachments',
  '*.from.name',
  '*.recipient.name',
  '*.password',
  '*.credentialsLocation',
  'activity.text',
  'activity.value',
  'activity.from.name',
];

/** Writes to stdout unless given another destination (a CLI whose stdout is its result logs to stderr). */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'sociala-medier-assistenten' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

export const logger = createLogger();
export type { Logger };
