import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TurnLeases } from './turn-leases';
import { testDatabases } from '../../tests/helpers/databases';

describe.each(testDatabases())('turn leases on $name', ({ open }) => {
  let close: () => Promise<void>;
  let leases: TurnLeases;

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    leases = new TurnLeases(database.db);
  });
  afterAll(() => close());

  it('gives a conversation to one owner at a time, and to the next once released', async () => {
    expect(await leases.claim('msteams/c1', 'a', 60_000)).toBe(true);
    expect(await leases.claim('msteams/c1', 'b', 60_000)).toBe(false);
    expect(await leases.claim('msteams/c2', 'b', 60_000)).toBe(true);
    await leases.release('msteams/c1', 'a');
    expect(await leases.claim('msteams/c1', 'b', 60_000)).toBe(true);
  });

  it('lets the holder extend its lease, and ignores a release by someone else', async () => {
    expect(await leases.claim('msteams/c3', 'a', 60_000)).toBe(true);
    expect(await leases.claim('msteams/c3', 'a', 60_000)).toBe(true);
    await leases.release('msteams/c3', 'b');
    expect(await leases.claim('msteams/c3', 'b', 60_000)).toBe(false);
  });

  it('hands an expired lease to the next owner', async () => {
    expect(await leases.claim('msteams/c4', 'crashed', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await leases.claim('msteams/c4', 'b', 60_000)).toBe(true);
    await leases.release('msteams/c4', 'crashed');
    expect(await leases.claim('msteams/c4', 'c', 60_000)).toBe(false);
  });
});
