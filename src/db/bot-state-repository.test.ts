import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotStateRepository, ConcurrencyConflict } from './bot-state-repository';
import { testDatabases } from '../../tests/helpers/databases';

describe.each(testDatabases())('bot state repository on $name', ({ open }) => {
  let close: () => Promise<void>;
  let repo: BotStateRepository;

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    repo = new BotStateRepository(database.db);
  });
  afterAll(() => close());

  it('returns what was written with a version', async () => {
    const etag = await repo.write('conv/1', { step: 'menu' });
    const read = await repo.read(['conv/1', 'missing']);
    expect(read.get('conv/1')).toEqual({ value: { step: 'menu' }, etag });
    expect(read.has('missing')).toBe(false);
  });

  it('refuses a write that names an old version', async () => {
    const first = await repo.write('conv/2', { n: 1 });
    const second = await repo.write('conv/2', { n: 2 }, first);
    expect(second).not.toBe(first);
    await expect(repo.write('conv/2', { n: 3 }, first)).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await repo.read(['conv/2'])).get('conv/2')?.value).toEqual({ n: 2 });
  });

  it('lets exactly one of two simultaneous writers with the same version win', async () => {
    const etag = await repo.write('conv/3', { n: 0 });
    const results = await Promise.allSettled([repo.write('conv/3', { n: 'a' }, etag), repo.write('conv/3', { n: 'b' }, etag)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('deletes', async () => {
    await repo.write('conv/4', { n: 1 });
    await repo.delete(['conv/4']);
    expect((await repo.read(['conv/4'])).size).toBe(0);
  });
});
