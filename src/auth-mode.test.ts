import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isLoopbackHost, warnWhileAnonymous } from './auth-mode';
import { ConfigError, loadConfig } from './config';

describe('fail closed without a bot id', () => {
  it('listens on loopback by default without BOT_ID, and on every interface with it', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ BOT_ID: 'app-id' }).host).toBe('0.0.0.0');
  });

  it('stops start-up with one line when anonymous mode would be reachable from other machines', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/^Ogiltig inställning \/ invalid setting HOST: [^\n]*ALLOW_ANONYMOUS=true[^\n]*$/);
    expect(() => loadConfig({ HOST: '10.1.2.3', ALLOW_ANONYMOUS: 'false' })).toThrow(ConfigError);
  });

  it('allows anonymous mode on loopback, on another host only when told to, and always with a bot id', () => {
    expect(loadConfig({ HOST: '::1' }).allowAnonymous).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_ANONYMOUS: 'true' })).toMatchObject({ host: '0.0.0.0', bot: null, allowAnonymous: true });
    expect(loadConfig({ HOST: '0.0.0.0', BOT_ID: 'app-id' })).toMatchObject({ bot: { id: 'app-id' }, allowAnonymous: false });
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '::', '10.0.0.1', '127.example.org', 'example.org'].map(isLoopbackHost)).toEqual([false, false, false, false, false]);
  });
});

describe('the anonymous-mode warning', () => {
  afterEach(() => vi.useRealTimers());

  function capture() {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    return { lines, logger: pino({ level: 'info' }, sink) };
  }

  it('warns at start and every minute while anonymous mode is allowed off loopback', async () => {
    vi.useFakeTimers();
    const { lines, logger } = capture();
    const stop = warnWhileAnonymous(loadConfig({ HOST: '0.0.0.0', ALLOW_ANONYMOUS: 'true' }), logger);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lines.map((line) => [line.level, line.event])).toEqual(Array(4).fill([40, 'anonymous_mode']));
  });

  it('stays silent on loopback and with a bot id', async () => {
    vi.useFakeTimers();
    const { lines, logger } = capture();
    warnWhileAnonymous(loadConfig({}), logger);
    warnWhileAnonymous(loadConfig({ BOT_ID: 'app-id' }), logger);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(lines).toEqual([]);
  });
});
