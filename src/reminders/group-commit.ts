/**
 * Collects items while one write is running and writes them together in the next, so that under load the
 * database sees one statement per round instead of one per item, and a lone item is written at once.
 */
export class GroupCommit<T, R> {
  private waiting: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private running?: Promise<void>;

  /** `write` gets the items of one round and returns one result per item, in the same order. */
  constructor(private readonly write: (items: T[]) => Promise<R[]>) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.running ??= this.flush();
    });
  }

  /** Resolves when everything added so far is written. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async flush(): Promise<void> {
    // Items added in the same tick join this round.
    await Promise.resolve();
    while (this.waiting.length > 0) {
      const round = this.waiting.splice(0);
      try {
        const results = await this.write(round.map((entry) => entry.item));
        round.forEach((entry, i) => entry.resolve(results[i]));
      } catch (error) {
        for (const entry of round) entry.reject(error);
      }
    }
    this.running = undefined;
  }
}
