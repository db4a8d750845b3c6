import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes a lone item at once and items that arrive during a write together in the next round', async () => {
    const rounds: number[][] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const commit = new GroupCommit<number, string>(async (items) => {
      rounds.push(items);
      if (rounds.length === 1) await firstWrite;
      return items.map((n) => `ok ${n}`);
    });

    const first = commit.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [commit.add(2), commit.add(3), commit.add(4)];
    release();

    expect(await first).toBe('ok 1');
    expect(await Promise.all(later)).toEqual(['ok 2', 'ok 3', 'ok 4']);
    expect(rounds).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every item of a failed round and goes on with the next', async () => {
    let calls = 0;
    const commit = new GroupCommit<number, number>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('database gone');
      return items;
    });
    const failed = commit.add(1);
    await expect(failed).rejects.toThrow('database gone');
    expect(await commit.add(2)).toBe(2);
    await commit.idle();
  });
});
