export type ReminderErrorCode = 'invalid_job' | 'invalid_payload' | 'unknown_kind' | 'invalid_option';

/** A mistake by the caller of the reminder machinery (bad job, bad option); never a delivery failure. */
export class ReminderError extends Error {
  constructor(
    readonly code: ReminderErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReminderError';
  }
}
