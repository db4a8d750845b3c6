export type NluErrorCode =
  | 'TRAINING_DATA_INVALID'
  | 'POLICY_TEXT_MISSING'
  | 'POLICY_TEXT_INVALID'
  | 'UNKNOWN_PACK'
  | 'SILENT_TOPICS_INVALID';

/** The one error type of the nlu module; `details` holds data, never user text. */
export class NluError extends Error {
  readonly code: NluErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: NluErrorCode, message: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'NluError';
    this.code = code;
    this.details = options.details ?? {};
  }
}
