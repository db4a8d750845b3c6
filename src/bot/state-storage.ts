import type { Storage, StoreItems } from 'botbuilder';
import { BotStateRepository } from '../db/bot-state-repository';

/**
 * botbuilder Storage over the database, so conversations survive restarts and are shared by instances.
 * An item read with an eTag is written back only if nobody changed it meanwhile (optimistic concurrency).
 */
export class DatabaseStorage implements Storage {
  constructor(private readonly repo: BotStateRepository) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.repo.read(keys);
    const items: StoreItems = {};
    for (const [key, doc] of found) items[key] = { ...doc.value, eTag: doc.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      await this.repo.write(key, value, eTag);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.repo.delete(keys);
  }
}
