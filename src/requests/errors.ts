export type RequestErrorCode = 'request_not_found' | 'request_conflict' | 'request_invalid' | 'approvers_file_invalid';

/** A request that does not exist, changed under the caller, or cannot take this change. */
export class RequestError extends Error {
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RequestError';
  }
}
