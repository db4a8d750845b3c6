import type { ConversationReferenceData } from '../db/conversation-references';

/** A message the bot sends on its own initiative. Plain data: the Teams SDK stays at the edge (src/bot). */
export interface ProactiveActivity {
  type: 'message';
  text?: string;
  textFormat?: 'plain' | 'markdown' | 'xml';
  summary?: string;
  attachments?: Array<{ contentType: string; content: unknown }>;
  channelData?: Record<string, unknown>;
}

/** Field in `channelData` that carries the job's idempotency key, so a receiver can drop a repeated delivery. */
export const IDEMPOTENCY_KEY_FIELD = 'idempotencyKey';

export interface SendHooks {
  /**
   * Called right before the HTTP request leaves, once per request; resolves when the rate limiter lets it go.
   * The later this runs, the closer the paced moment is to the moment the service sees.
   */
  beforeRequest?: () => Promise<void>;
}

/** Sends one activity into a stored conversation. Throws TransportError on an HTTP failure. */
export interface ProactiveTransport {
  send(reference: ConversationReferenceData, activity: ProactiveActivity, hooks?: SendHooks): Promise<void>;
  /** True when `send` calls `hooks.beforeRequest` itself; otherwise the sender calls it just before `send`. */
  readonly callsBeforeRequest?: boolean;
}

/** A failed delivery: `status` is the HTTP status (0 when no response came back, e.g. connection refused). */
export class TransportError extends Error {
  readonly code = 'transport_error';

  constructor(
    readonly status: number,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(`Proactive send failed with status ${status}`, options);
    this.name = 'TransportError';
  }
}

export function withIdempotencyKey(activity: ProactiveActivity, key: string): ProactiveActivity {
  return { ...activity, channelData: { ...(activity.channelData ?? {}), [IDEMPOTENCY_KEY_FIELD]: key } };
}

/**
 * Reads a Retry-After answer: `retry-after-ms` / `x-ms-retry-after-ms` (milliseconds) first, then `retry-after`
 * as seconds or as an HTTP date.
 */
export function parseRetryAfter(header: (name: string) => string | undefined | null, now = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = header(name);
    if (value && /^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value));
  }
  const value = header('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
