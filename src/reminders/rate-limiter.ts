const ROUND_TRIPS_KEPT = 200;

/** At most `limit` sends in any window of `windowMs`. */
export interface WindowRule {
  limit: number;
  windowMs: number;
}

/** Teams' documented limits per bot per conversation (thread). */
export const TEAMS_CONVERSATION_LIMITS: readonly WindowRule[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** Teams' documented global limit: requests per second per app per tenant. */
export const TEAMS_TENANT_LIMITS: readonly WindowRule[] = [{ limit: 50, windowMs: 1_000 }];

/**
 * The send times of one conversation or tenant, oldest first. "At most L in any window W" holds exactly when
 * the L-th latest send is at least W before the next one, so the log keeps only what the rules can look at.
 */
class SendLog {
  private times: number[] = [];

  constructor(private readonly keep: number) {}

  earliest(rules: readonly WindowRule[], marginMs: number): number {
    let at = 0;
    for (const rule of rules) {
      if (this.times.length >= rule.limit) at = Math.max(at, this.times[this.times.length - rule.limit] + rule.windowMs + marginMs);
    }
    return at;
  }

  record(at: number): void {
    this.times.push(at);
    if (this.times.length > this.keep * 2) this.times = this.times.slice(-this.keep);
  }

  last(): number {
    return this.times.length ? this.times[this.times.length - 1] : -Infinity;
  }

  /** Moves a recorded send to a later moment, keeping the log in order. A time no longer kept is left alone. */
  move(from: number, to: number): void {
    let i = this.times.lastIndexOf(from);
    if (i < 0 || to <= from) return;
    this.times[i] = to;
    while (i + 1 < this.times.length && this.times[i] > this.times[i + 1]) {
      [this.times[i], this.times[i + 1]] = [this.times[i + 1], this.times[i]];
      i++;
    }
  }
}

/** The fastest of the last few answer times: what a request costs when nothing holds it up. */
class RoundTrips {
  private readonly recent: number[] = [];
  /** From when on enough answers are known to trust the fastest. */
  trustedSince = Infinity;

  constructor(
    private readonly size: number,
    private readonly trustedAfter: number,
  ) {}

  fastest(): number {
    return Math.min(...this.recent);
  }

  add(ms: number, atMs: number): void {
    this.recent.push(ms);
    if (this.recent.length > this.size) this.recent.shift();
    if (this.recent.length >= this.trustedAfter && this.trustedSince === Infinity) this.trustedSince = atMs;
  }
}

interface TenantState {
  /** Booked send times. */
  log: SendLog;
  /** Moments requests really left. */
  sent: SendLog;
  slowedAt: number;
  slowedTo: number;
  extraMargin: number;
  marginAt: number;
  recent429: number[];
  roundTrips: RoundTrips;
}

export type Reservation =
  /** Send at `atMs` (epoch ms); the slot is booked. */
  | { reserved: true; atMs: number }
  /** This conversation is at its limit or told to wait: try again after `waitMs`. Nothing is booked. */
  | { reserved: false; waitMs: number };

export interface ProactiveThrottleOptions {
  conversationRules?: readonly WindowRule[];
  tenantRules?: readonly WindowRule[];
  /** Added to every window to absorb network jitter between our clock and the service's. */
  safetyMarginMs?: number;
  /**
   * Least time between two sends to one tenant. Without it the sliding window books 50 sends for the same
   * millisecond every second; they then leave one after another as the CPU gets to them, and the spread breaks the
   * window at the receiver. A few milliseconds of spacing keeps booked and actual send times together.
   */
  minSpacingMs?: number;
  /**
   * Each 429 widens the tenant's margin by this much (up to `maxExtraMarginMs`); it shrinks back by
   * `marginDecayPerSecond` ms per second. A lone 429 usually means the requests arrived closer together than they
   * left (jitter), which a wider margin absorbs at little cost.
   */
  marginStepMs?: number;
  maxExtraMarginMs?: number;
  marginDecayPerSecond?: number;
  /**
   * Several 429s within a second mean more is being sent than we think (another sender, a lower limit): then the
   * tenant rate also drops to this fraction and climbs back linearly over `recoveryMs`.
   */
  slowdownFactor?: number;
  recoveryMs?: number;
}

/**
 * Paces proactive sends: per conversation (7/1 s, 8/2 s, 60/30 s, 1,800/h) and per tenant (50/s), with the
 * tenant rate shared between the live instances and slowed after a 429.
 *
 * Booking is monotonic per tenant: each send is booked at the earliest moment the tenant and its
 * conversation allow, never before the previous booking, so concurrent callers line up without polling.
 */
export class ProactiveThrottle {
  private readonly conversationRules: readonly WindowRule[];
  private readonly tenantRules: readonly WindowRule[];
  private readonly marginMs: number;
  private readonly minSpacingMs: number;
  private readonly slowdownFactor: number;
  private readonly recoveryMs: number;
  private readonly marginStepMs: number;
  private readonly maxExtraMarginMs: number;
  private readonly marginDecayPerSecond: number;
  private readonly conversations = new Map<string, { log: SendLog; sent: SendLog; blockedUntil: number }>();
  private readonly tenants = new Map<string, TenantState>();
  private share = 1;

  constructor(options: ProactiveThrottleOptions = {}) {
    this.conversationRules = options.conversationRules ?? TEAMS_CONVERSATION_LIMITS;
    this.tenantRules = options.tenantRules ?? TEAMS_TENANT_LIMITS;
    this.marginMs = options.safetyMarginMs ?? 5;
    this.minSpacingMs = options.minSpacingMs ?? 5;
    this.slowdownFactor = options.slowdownFactor ?? 0.8;
    this.recoveryMs = options.recoveryMs ?? 10_000;
    this.marginStepMs = options.marginStepMs ?? 10;
    this.maxExtraMarginMs = options.maxExtraMarginMs ?? 100;
    this.marginDecayPerSecond = options.marginDecayPerSecond ?? 2;
  }

  /** This instance's part of the tenant limit, e.g. 1/2 when two instances send. */
  setShare(share: number): void {
    this.share = Math.min(1, Math.max(0.01, share));
  }

  reserve(conversationKey: string, tenantKey: string, nowMs: number): Reservation {
    const conversation = this.conversation(conversationKey);
    const notBefore = Math.max(conversation.log.earliest(this.conversationRules, this.marginMs), conversation.blockedUntil);
    if (notBefore > nowMs) return { reserved: false, waitMs: notBefore - nowMs };
    const tenant = this.tenant(tenantKey);
    const atMs = Math.max(nowMs, tenant.log.last() + this.minSpacingMs, tenant.log.earliest(this.scaledTenantRules(tenant, nowMs), this.tenantMargin(tenant, nowMs)));
    tenant.log.record(atMs);
    conversation.log.record(atMs);
    return { reserved: true, atMs };
  }

  /**
   * The last gate, right before the request leaves: checks the same limits against the moments requests really
   * left. A booked slot can be missed (a GC pause, a slow database call), and a late request followed by an
   * on-time one would be closer together at the receiver than booked. Returns 0 and records the send, or the
   * milliseconds to wait before asking again.
   */
  dispatch(conversationKey: string, tenantKey: string, nowMs: number): number {
    const conversation = this.conversation(conversationKey);
    const tenant = this.tenant(tenantKey);
    const notBefore = Math.max(
      conversation.sent.earliest(this.conversationRules, this.marginMs),
      tenant.sent.earliest(this.scaledTenantRules(tenant, nowMs), this.tenantMargin(tenant, nowMs)),
    );
    if (notBefore > nowMs) return notBefore - nowMs;
    conversation.sent.record(nowMs);
    tenant.sent.record(nowMs);
    return 0;
  }

  /**
   * The answer to a request sent at `sentAtMs` came back at `answeredAtMs`. A request held up on its way (a new
   * connection, a busy event loop) reaches the service later than it left, and may then sit closer to the requests
   * after it than the limits allow. So a request that took longer than the fastest recent ones is counted in the
   * windows at the latest moment it can have arrived: when it left plus the extra time beyond the safety margin.
   */
  settle(conversationKey: string, tenantKey: string, sentAtMs: number, answeredAtMs: number): void {
    const tenant = this.tenant(tenantKey);
    const roundTrip = Math.max(0, answeredAtMs - sentAtMs);
    // A request that left before a window's worth of answers was known (the first burst, on new connections, whose
    // answers are all slow) has no fastest to compare with: it is counted as arriving when its answer came.
    const fastest = sentAtMs >= tenant.roundTrips.trustedSince ? tenant.roundTrips.fastest() : 0;
    tenant.roundTrips.add(roundTrip, answeredAtMs);
    // The safety margin already covers a few milliseconds; only what goes beyond it moves the request.
    const late = roundTrip - fastest - this.marginMs;
    if (late <= 0) return;
    const arrivedBy = sentAtMs + late;
    tenant.sent.move(sentAtMs, arrivedBy);
    this.conversations.get(conversationKey)?.sent.move(sentAtMs, arrivedBy);
  }

  /** The service answered 429: respect its Retry-After for this conversation and slow the tenant down. */
  penalize(conversationKey: string, tenantKey: string, retryAfterMs: number, nowMs: number): void {
    const conversation = this.conversation(conversationKey);
    conversation.blockedUntil = Math.max(conversation.blockedUntil, nowMs + retryAfterMs);
    const tenant = this.tenant(tenantKey);
    tenant.extraMargin = Math.min(this.maxExtraMarginMs, this.extraMargin(tenant, nowMs) + this.marginStepMs);
    tenant.marginAt = nowMs;
    tenant.recent429 = tenant.recent429.filter((at) => at > nowMs - 1_000);
    tenant.recent429.push(nowMs);
    if (tenant.recent429.length >= 3 && nowMs - tenant.slowedAt >= 1_000) {
      tenant.slowedTo = Math.max(0.25, this.factor(tenant, nowMs) * this.slowdownFactor);
      tenant.slowedAt = nowMs;
    }
  }

  /** Current extra margin of a tenant after 429s (for logs and tests). */
  tenantMarginMs(tenantKey: string, nowMs: number): number {
    return this.tenantMargin(this.tenant(tenantKey), nowMs);
  }

  /** Forgets conversations that have not sent for longer than the longest window. */
  prune(nowMs: number): void {
    const longest = Math.max(...this.conversationRules.map((r) => r.windowMs));
    for (const [key, entry] of this.conversations) {
      if (entry.log.last() < nowMs - longest && entry.sent.last() < nowMs - longest && entry.blockedUntil < nowMs) this.conversations.delete(key);
    }
  }

  private extraMargin(tenant: TenantState, nowMs: number): number {
    return Math.max(0, tenant.extraMargin - ((nowMs - tenant.marginAt) / 1_000) * this.marginDecayPerSecond);
  }

  private tenantMargin(tenant: TenantState, nowMs: number): number {
    return this.marginMs + this.extraMargin(tenant, nowMs);
  }

  private factor(tenant: TenantState, nowMs: number): number {
    if (tenant.slowedTo >= 1) return 1;
    const recovered = (nowMs - tenant.slowedAt) / this.recoveryMs;
    return Math.min(1, tenant.slowedTo + (1 - tenant.slowedTo) * Math.max(0, recovered));
  }

  private scaledTenantRules(tenant: TenantState, nowMs: number): WindowRule[] {
    const factor = this.factor(tenant, nowMs);
    return this.tenantRules.map((rule) => ({
      limit: Math.max(1, Math.floor(rule.limit * this.share)),
      windowMs: rule.windowMs / factor,
    }));
  }

  private conversation(key: string) {
    let entry = this.conversations.get(key);
    if (!entry) {
      const keep = Math.max(...this.conversationRules.map((r) => r.limit));
      entry = { log: new SendLog(keep), sent: new SendLog(keep), blockedUntil: 0 };
      this.conversations.set(key, entry);
    }
    return entry;
  }

  private tenant(key: string) {
    let entry = this.tenants.get(key);
    if (!entry) {
      const keep = Math.max(...this.tenantRules.map((r) => r.limit));
      entry = { log: new SendLog(keep), sent: new SendLog(keep), slowedAt: -Infinity, slowedTo: 1, extraMargin: 0, marginAt: 0, recent429: [], roundTrips: new RoundTrips(ROUND_TRIPS_KEPT, keep) };
      this.tenants.set(key, entry);
    }
    return entry;
  }
}
