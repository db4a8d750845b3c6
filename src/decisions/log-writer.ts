import { sql, type Kysely } from 'kysely';
import { canonicalJson } from '../rules/canonical-json';
import { entryHash, factsHash, newSalt, type LogContent } from './log-entry';

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
 * head row (`for update`), reads the last hash there, inserts and moves the head. The facts go to their own
 * table (erasable), the chain holds their salted hash.
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
      const entries = [];
      const facts = [];
      for (const c of contents) {
        const salt = newSalt();
        const text = canonicalJson(c.facts);
        const chained = { ...c, factsHash: factsHash(salt, text) };
        const hash = entryHash(chained, prev);
        entries.push(sql`(${c.decisionId}, ${new Date(c.at)}, ${c.decision}, ${c.pack}, ${c.packVersion}, ${chained.factsHash},
          ${c.outcome}, ${JSON.stringify(c.rules)}::jsonb, ${c.actor}, ${c.conversationId}, ${prev}, ${hash})`);
        facts.push(sql`(${c.decisionId}, ${salt}, ${text})`);
        prev = hash;
      }
      const inserted = await sql<{ id: number | string }>`
        insert into decision_log (decision_id, at, decision, pack, pack_version, facts_hash, outcome, rules, actor, conversation_id, prev_hash, hash)
        values ${sql.join(entries)}
        returning id`.execute(trx);
      await sql`insert into decision_log_facts (decision_id, salt, facts) values ${sql.join(facts)}`.execute(trx);
      const lastId = Math.max(...inserted.rows.map((r) => Number(r.id)));
      await sql`update decision_log_head set entries = entries + ${contents.length}, last_id = ${lastId}, last_hash = ${prev} where singleton`.execute(trx);
    });
  }
}
