import { describe, expect, it } from 'vitest';
import { ExportTokenError, ExportTokens } from './export-token';

const grant = { pack: 'stockholm', from: '2026-01-01', to: '2026-06-30', format: 'xlsx' as const };
const now = new Date('2026-07-01T10:00:00Z');

function problem(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ExportTokenError) return error.code;
    throw error;
  }
  return undefined;
}

describe('export download tokens', () => {
  const tokens = new ExportTokens('test-secret');

  it('give back what they were issued for while they are valid', () => {
    const token = tokens.issue(grant, now);
    expect(tokens.verify(token, new Date(now.getTime() + 14 * 60_000))).toMatchObject(grant);
  });

  it('are short enough for a URL path parameter', () => {
    expect(tokens.issue({ ...grant, pack: 'nykoping' }, now).length).toBeLessThan(100);
  });

  it('expire after fifteen minutes', () => {
    const token = tokens.issue(grant, now);
    expect(problem(() => tokens.verify(token, new Date(now.getTime() + 15 * 60_000)))).toBe('expired');
  });

  it('are refused when signed with another key or changed', () => {
    const token = tokens.issue(grant, now);
    expect(problem(() => new ExportTokens('other').verify(token, now))).toBe('bad_signature');
    expect(problem(() => tokens.verify(token.replace('stockholm', 'nykoping'), now))).toBe('bad_signature');
    expect(problem(() => tokens.verify(token.replace('xlsx', 'csv'), now))).toBe('bad_signature');
    expect(problem(() => tokens.verify('not-a-token', now))).toBe('malformed');
    expect(problem(() => tokens.verify('', now))).toBe('malformed');
  });
});
