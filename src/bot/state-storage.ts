import type { Storage, StoreItems } from 'botbuilder';
import { BotStateRepository } from '../db/bot-state-repository';
import { withoutSecrets } from '../rules';

/**
 * botbuilder Storage over the database, so conversations survive restarts and are shared by instances.
 * An item read with an eTag is written back only if nobody changed it meanwhile (optimistic concurrency).
 * Texts that look like passwords are blanked before they are written.
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
      // The last line behind the card guard: a draft never carries a password-like text to the database.
      await this.repo.write(key, withoutSecrets(value).value, eTag);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.repo.delete(keys);
  }
}
