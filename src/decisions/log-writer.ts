import { sql, type Kysely } from 'kysely';
import { entryHash, type LogContent } from './log-entry';

interface Pending {
  content: LogContent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

/**
 * Appends to the hash chain. Every append waits for its own commit. Appends that arrive while a write is
 * running are committed together in the next transaction (group commit), which is what makes the durable
 * log fast under load. Across processes and instances the chain stays one line: each transaction locks the
 * head row (`for update`), reads the last hash there, inserts and moves the head.
 */
export class DecisionLogWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly db: Kysely<any>) {}

  append(content: LogContent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ content, resolve, reject });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  /** Resolves when everything queued so far is written. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    // Let appends made in the same tick join the first batch.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.write(batch.map((p) => p.content));
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.flushing = null;
  }

  private async write(contents: LogContent[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const head = await sql<{ last_hash: string }>`select last_hash from decision_log_head where singleton for update`.execute(trx);
      if (head.rows.length === 0) throw new Error('decision_log_head is missing; run the migrations');
      let prev = head.rows[0].last_hash;
      const rows = contents.map((c) => {
        const hash = entryHash(c, prev);
        const row = sql`(${c.decisionId}, ${new Date(c.at)}, ${c.decision}, ${c.pack}, ${c.packVersion}, ${JSON.stringify(c.facts)}::jsonb,
          ${c.outcome}, ${JSON.stringify(c.rules)}::jsonb, ${c.actor}, ${c.conversationId}, ${prev}, ${hash})`;
        prev = hash;
        return row;
      });
      const inserted = await sql<{ id: number | string }>`
        insert into decision_log (decision_id, at, decision, pack, pack_version, facts, outcome, rules, actor, conversation_id, prev_hash, hash)
        values ${sql.join(rows)}
        returning id`.execute(trx);
      const lastId = Math.max(...inserted.rows.map((r) => Number(r.id)));
      await sql`update decision_log_head set entries = entries + ${contents.length}, last_id = ${lastId}, last_hash = ${prev} where singleton`.execute(trx);
    });
  }
}
