/** Where the reminder machinery gets the time from; tests inject a fake one and move it by hand. */
export interface Clock {
  now(): Date;
}

/** Waits `ms`; resolves early when the signal aborts (graceful stop). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = { now: () => new Date() };

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * Virtual time for tests: `sleep` moves the clock forward instead of waiting, so a test of rate limits,
 * backoff and leases runs in milliseconds.
 */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-02-01T08:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  readonly sleep: Sleep = async (ms) => {
    this.advance(ms);
  };
}
