import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProactiveThrottle, TEAMS_CONVERSATION_LIMITS, TEAMS_TENANT_LIMITS, type WindowRule } from './rate-limiter';

/** Books `count` sends, always waiting as told, and returns the send times. */
function book(throttle: ProactiveThrottle, count: number, conversation: (i: number) => string, tenant = 't'): number[] {
  const times: number[] = [];
  let now = 0;
  for (let i = 0; i < count; i++) {
    for (;;) {
      const r = throttle.reserve(conversation(i), tenant, now);
      if (r.reserved) {
        times.push(r.atMs);
        now = Math.max(now, r.atMs);
        break;
      }
      now += r.waitMs;
    }
  }
  return times;
}

function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('the proactive throttle', () => {
  it('never books more than Teams allows in one conversation in any window', () => {
    const throttle = new ProactiveThrottle({ safetyMarginMs: 0 });
    const times = book(throttle, 200, () => 'one-chat');
    for (const rule of TEAMS_CONVERSATION_LIMITS.slice(0, 3)) expect(maxInWindow(times, rule.windowMs)).toBeLessThanOrEqual(rule.limit);
    // 60 per 30 s is the binding limit over 200 sends: three windows and a bit.
    expect(times[199]).toBeGreaterThanOrEqual(90_000);
  });

  it('sends 50 per second to a tenant across many conversations, and no more', () => {
    const throttle = new ProactiveThrottle({ safetyMarginMs: 0, minSpacingMs: 0 });
    const times = book(throttle, 1000, (i) => `chat-${i}`);
    expect(maxInWindow(times, 1000)).toBe(50);
    // Sliding window: 50 at once, then 50 per second — the last batch starts at 19 s.
    expect(times[999]).toBe(19_000);
  });

  it('spaces sends to a tenant a few milliseconds apart instead of booking bursts for one instant', () => {
    const throttle = new ProactiveThrottle({ safetyMarginMs: 0, minSpacingMs: 5 });
    const times = book(throttle, 100, (i) => `chat-${i}`);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(5);
    expect(maxInWindow(times, 1000)).toBe(50);
  });

  it('lets a request go at dispatch only when the real send times keep the limits, and says how long to wait', () => {
    const throttle = new ProactiveThrottle({ safetyMarginMs: 10, tenantRules: [{ limit: 2, windowMs: 1_000 }] });
    expect(throttle.dispatch('a', 't', 0)).toBe(0);
    // Booked for 5 ms but left late, at 300 ms.
    expect(throttle.dispatch('b', 't', 300)).toBe(0);
    expect(throttle.dispatch('c', 't', 1_000)).toBe(10);
    expect(throttle.dispatch('c', 't', 1_010)).toBe(0);
    expect(throttle.dispatch('d', 't', 1_100)).toBe(210);
  });

  it('counts a request of the first burst, before answer times are known, as arriving when its answer came', () => {
    const throttle = new ProactiveThrottle({ safetyMarginMs: 5, minSpacingMs: 0, tenantRules: [{ limit: 2, windowMs: 1_000 }] });
    expect(throttle.dispatch('a', 't', 0)).toBe(0);
    expect(throttle.dispatch('b', 't', 1)).toBe(0);
    // The answers took 120 and 29 ms: the requests may have reached the service only then (less the margin).
    throttle.settle('a', 't', 0, 120);
    throttle.settle('b', 't', 1, 30);
    expect(throttle.dispatch('c', 't', 1_030)).toBe(0);
    // Without the answer 'a' would count from 0 and 'd' could go at 1,005 ms.
    expect(throttle.dispatch('d', 't', 1_031)).toBe(115 + 1_005 - 1_031);
  });

  it('moves a request that took longer than the fastest answers by the extra time beyond the margin, once answers are known', () => {
    const throttle = new ProactiveThrottle({ safetyMarginMs: 5, minSpacingMs: 0, tenantRules: [{ limit: 2, windowMs: 1_000 }] });
    // Two answers make a window's worth: from then on the fastest (20 ms) is the yardstick.
    for (const [chat, at] of [['w1', 0], ['w2', 1]] as const) {
      throttle.dispatch(chat, 't', at);
      throttle.settle(chat, 't', at, at + 20);
    }
    expect(throttle.dispatch('a', 't', 2_000)).toBe(0);
    expect(throttle.dispatch('b', 't', 2_001)).toBe(0);
    throttle.settle('a', 't', 2_000, 2_023); // 3 ms slower than the fastest: within the margin, not moved
    throttle.settle('b', 't', 2_001, 2_101); // 80 ms slower: counted 75 ms later
    expect(throttle.dispatch('c', 't', 3_005)).toBe(0);
    expect(throttle.dispatch('d', 't', 3_006)).toBe(2_001 + 75 + 1_000 + 5 - 3_006);
  });

  it('holds for any mix of conversations (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 150 }), (chats) => {
        const throttle = new ProactiveThrottle({ safetyMarginMs: 0 });
        const times = book(throttle, chats.length, (i) => `chat-${chats[i]}`);
        for (let c = 0; c <= 4; c++) {
          const mine = times.filter((_, i) => chats[i] === c);
          for (const rule of TEAMS_CONVERSATION_LIMITS) if (maxInWindow(mine, rule.windowMs) > rule.limit) return false;
        }
        return TEAMS_TENANT_LIMITS.every((rule: WindowRule) => maxInWindow(times, rule.windowMs) <= rule.limit);
      }),
      { numRuns: 60 },
    );
  });

  it('splits the tenant rate between live instances', () => {
    const throttle = new ProactiveThrottle({ safetyMarginMs: 0 });
    throttle.setShare(1 / 2);
    const times = book(throttle, 100, (i) => `chat-${i}`);
    expect(maxInWindow(times, 1000)).toBe(25);
  });

  it('makes a conversation wait out a Retry-After and widens the tenant margin after a 429', () => {
    const throttle = new ProactiveThrottle({ safetyMarginMs: 20, minSpacingMs: 0, marginStepMs: 10, marginDecayPerSecond: 2 });
    throttle.penalize('chat-1', 't', 3_000, 0);
    expect(throttle.reserve('chat-1', 't', 100)).toEqual({ reserved: false, waitMs: 2_900 });
    expect(throttle.tenantMarginMs('t', 0)).toBe(30);
    expect(throttle.tenantMarginMs('t', 5_000)).toBe(20);
  });

  it('also slows the tenant rate when 429s come in a cluster', () => {
    const throttle = new ProactiveThrottle({ safetyMarginMs: 0, minSpacingMs: 0, maxExtraMarginMs: 0, slowdownFactor: 0.8, recoveryMs: 10_000 });
    for (const at of [0, 100, 200]) throttle.penalize(`chat-${at}`, 't', 1_000, at);
    const times = book(throttle, 100, (i) => `other-${i}`);
    // Slowed to 80 %: the 51st send waits about 1.25 s instead of 1 s.
    expect(times[50]).toBeGreaterThan(1_200);
    const calm = new ProactiveThrottle({ safetyMarginMs: 0, minSpacingMs: 0, maxExtraMarginMs: 0 });
    calm.penalize('chat-0', 't', 1_000, 0);
    expect(book(calm, 100, (i) => `other-${i}`)[50]).toBe(1_000);
  });
});
