import { describe, expect, it } from 'vitest';
import { createProgressBar } from './progress-bar';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 100, write: (chunk: string) => chunks.push(chunk) };
}

describe('the progress bar', () => {
  it('redraws one line in place on a terminal and ends it with a newline', () => {
    const out = stream(true);
    const bar = createProgressBar({ total: 200, label: 'reporting', stream: out, width: 10 });
    bar.update(50, '429: 0');
    bar.update(100);
    bar.finish('klart');
    expect(out.chunks[0]).toBe('\rreporting ███░░░░░░░  25% 50/200  429: 0\x1b[K');
    expect(out.chunks[1]).toContain(' 50% 100/200');
    expect(out.chunks[2]).toBe('\rreporting ██████████ 100% 200/200  klart\x1b[K\n');
  });

  it('writes a line per tenth in a pipe, not one per update', () => {
    const out = stream(false);
    const bar = createProgressBar({ total: 1000, stream: out, width: 10 });
    for (let done = 0; done <= 1000; done++) bar.update(done);
    bar.finish();
    expect(out.chunks).toHaveLength(12);
    expect(out.chunks.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
  });

  it('shows an empty job as done', () => {
    const out = stream(false);
    createProgressBar({ total: 0, stream: out, width: 4 }).finish();
    expect(out.chunks).toEqual(['████ 100% 0/0\n']);
  });
});
