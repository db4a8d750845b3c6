export interface RetryPolicy {
  /** Tries in all, the first included; after the last failed try the job is 'failed'. */
  maxTries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * A 5xx from the connector is nearly always a passing hiccup: the first retry comes after a quarter second, and the
 * steps double up to a minute, so ten tries span one to two minutes of outage before the job is reported failed.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxTries: 10, baseDelayMs: 250, maxDelayMs: 60_000 };

/** 0 = no answer (connection refused, reset, timeout). */
const TRANSIENT = new Set([0, 412, 502, 503, 504]);

export type FailureClass = 'throttled' | 'transient' | 'gone' | 'permanent';

export function classifyStatus(status: number): FailureClass {
  if (status === 429) return 'throttled';
  if (status === 403 || status === 404) return 'gone';
  if (TRANSIENT.has(status)) return 'transient';
  return 'permanent';
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so retries spread but never bunch at 0. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
