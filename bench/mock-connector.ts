import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDEMPOTENCY_KEY_FIELD } from '../src/reminders/transport';
import { TEAMS_CONVERSATION_LIMITS, TEAMS_TENANT_LIMITS, type WindowRule } from '../src/reminders/rate-limiter';

export interface MockConnectorOptions {
  conversationRules?: readonly WindowRule[];
  tenantRules?: readonly WindowRule[];
  /** Fraction (0–1) of requests answered 502 before any other check. */
  failureRate?: number;
  /** Seed of the generator that picks the 502s, so a run can be repeated. */
  seed?: number;
  /** Wait before answering, like a real network and service. */
  latencyMs?: number;
  /**
   * Answer a second delivery with an idempotency key it has already accepted with the first answer and do not
   * show it again (an idempotent receiver). The repeat is still counted in `duplicateRequests`.
   */
  dedupe?: boolean;
  /** Also send `retry-after-ms`; real Teams sends whole seconds in `Retry-After` only. */
  retryAfterMsHeader?: boolean;
}

export interface Delivery {
  conversationId: string;
  key: string | undefined;
  at: number;
  activity: Record<string, unknown>;
}

export interface MockConnectorStats {
  requests: number;
  /** 2xx answers, repeats included. */
  accepted: number;
  throttled: number;
  injected502: number;
  scripted: number;
  /** Accepted requests whose idempotency key had already been accepted before. */
  duplicateRequests: number;
}

const now = () => performance.timeOrigin + performance.now();

/** "At most L in any window W", checked at arrival over accepted requests. */
class WindowCounter {
  private readonly logs = new Map<string, number[]>();

  constructor(private readonly rules: readonly WindowRule[]) {}

  /** Milliseconds until a request for `key` would be allowed; 0 = allowed now. */
  waitFor(key: string, at: number): number {
    const log = this.logs.get(key);
    if (!log) return 0;
    let wait = 0;
    for (const rule of this.rules) {
      if (log.length < rule.limit) continue;
      const nth = log[log.length - rule.limit];
      if (nth > at - rule.windowMs) wait = Math.max(wait, nth + rule.windowMs - at);
    }
    return wait;
  }

  record(key: string, at: number): void {
    const log = this.logs.get(key) ?? [];
    log.push(at);
    const keep = Math.max(...this.rules.map((r) => r.limit));
    if (log.length > keep * 2) log.splice(0, log.length - keep);
    this.logs.set(key, log);
  }
}

/** Deterministic generator (mulberry32). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Bot Connector stand-in on 127.0.0.1 that behaves like Teams under load: it enforces the per-conversation and
 * per-tenant rate limits with 429 + Retry-After, answers a share of requests with 502, can be told that a
 * conversation is gone (403/404), and records every delivery by idempotency key to count lost and duplicated ones.
 */
export class MockConnector {
  readonly stats: MockConnectorStats = { requests: 0, accepted: 0, throttled: 0, injected502: 0, scripted: 0, duplicateRequests: 0 };
  readonly deliveries: Delivery[] = [];
  /** Arrival times of the requests answered 429. */
  readonly throttledAt: number[] = [];
  /** Accepted requests per idempotency key. */
  readonly acceptedByKey = new Map<string, number>();
  url = '';
  private server?: Server;
  private readonly conversations: WindowCounter;
  private readonly tenants: WindowCounter;
  private readonly random: () => number;
  private readonly scripts = new Map<string, number[]>();
  private readonly gone = new Map<string, 403 | 404>();
  private readonly firstIds = new Map<string, string>();
  private readonly listeners = new Set<(delivery: Delivery) => void>();
  private readonly sockets = new Set<import('node:net').Socket>();
  private nextId = 1;

  constructor(private readonly options: MockConnectorOptions = {}) {
    this.conversations = new WindowCounter(options.conversationRules ?? TEAMS_CONVERSATION_LIMITS);
    this.tenants = new WindowCounter(options.tenantRules ?? TEAMS_TENANT_LIMITS);
    this.random = generator(options.seed ?? 42);
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next requests to this conversation get these statuses, in order, before normal handling resumes. */
  script(conversationId: string, statuses: number[]): void {
    this.scripts.set(conversationId, [...(this.scripts.get(conversationId) ?? []), ...statuses]);
  }

  /** Every request to this conversation gets 403 (bot removed) or 404 (conversation gone). */
  markGone(conversationId: string, status: 403 | 404): void {
    this.gone.set(conversationId, status);
  }

  onDelivery(listener: (delivery: Delivery) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Distinct idempotency keys accepted at least once. */
  get delivered(): number {
    return this.acceptedByKey.size;
  }

  /** Keys that were accepted more than once (a user would have seen the reminder twice without dedupe). */
  duplicatedKeys(): string[] {
    return [...this.acceptedByKey].filter(([, n]) => n > 1).map(([key]) => key);
  }

  /** When a key was first accepted (the moment its request arrived), if it was. */
  firstAcceptedAt(key: string): number | undefined {
    return this.deliveries.find((delivery) => delivery.key === key)?.at;
  }

  /** Expected keys never accepted. */
  lostKeys(expected: Iterable<string>): string[] {
    return [...expected].filter((key) => !this.acceptedByKey.has(key));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return this.answer(res, 404, { error: { code: 'NotFound', message: 'unknown route' } });
      let activity: Record<string, unknown>;
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        return this.answer(res, 400, { error: { code: 'BadSyntax', message: 'invalid JSON' } });
      }
      this.receive(decodeURIComponent(match[1]), activity, res);
    });
  }

  private receive(conversationId: string, activity: Record<string, unknown>, res: ServerResponse): void {
    this.stats.requests++;
    const arrival = now();
    const tenant = ((activity.conversation as { tenantId?: string } | undefined)?.tenantId ?? 'default').toString();

    const scripted = this.scripts.get(conversationId);
    if (scripted && scripted.length > 0) {
      const status = scripted.shift()!;
      this.stats.scripted++;
      if (status === 429) return this.answer(res, 429, { error: { code: 'Throttled' } }, { 'retry-after': '1', ...(this.options.retryAfterMsHeader ? { 'retry-after-ms': '1000' } : {}) });
      if (status >= 300) return this.answer(res, status, { error: { code: `Status${status}` } });
    }
    const gone = this.gone.get(conversationId);
    if (gone) return this.answer(res, gone, { error: { code: gone === 403 ? 'BotNotInConversationRoster' : 'ConversationNotFound' } });

    const wait = Math.max(this.conversations.waitFor(conversationId, arrival), this.tenants.waitFor(tenant, arrival));
    if (wait > 0) {
      this.stats.throttled++;
      this.throttledAt.push(arrival);
      const headers: Record<string, string> = { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) };
      if (this.options.retryAfterMsHeader) headers['retry-after-ms'] = String(Math.ceil(wait));
      return this.answer(res, 429, { error: { code: 'Throttled', message: 'Too many requests' } }, headers);
    }
    this.conversations.record(conversationId, arrival);
    this.tenants.record(tenant, arrival);

    if (this.options.failureRate && this.random() < this.options.failureRate) {
      this.stats.injected502++;
      return this.answer(res, 502, { error: { code: 'BadGateway' } });
    }

    const key = (activity.channelData as Record<string, unknown> | undefined)?.[IDEMPOTENCY_KEY_FIELD] as string | undefined;
    this.stats.accepted++;
    if (key !== undefined) {
      const seen = this.acceptedByKey.get(key) ?? 0;
      this.acceptedByKey.set(key, seen + 1);
      if (seen > 0) {
        this.stats.duplicateRequests++;
        if (this.options.dedupe) return this.answer(res, 201, { id: this.firstIds.get(key) });
      }
    }
    const id = `activity-${this.nextId++}`;
    if (key !== undefined && !this.firstIds.has(key)) this.firstIds.set(key, id);
    const delivery: Delivery = { conversationId, key, at: arrival, activity };
    this.deliveries.push(delivery);
    for (const listener of this.listeners) listener(delivery);
    this.answer(res, 201, { id });
  }

  private answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const send = () => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (this.options.latencyMs) setTimeout(send, this.options.latencyMs);
    else send();
  }
}
