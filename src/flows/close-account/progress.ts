import { sql, type Kysely } from 'kysely';

interface ProgressTables {
  closing_checklists: { account_id: string; facts: unknown; updated_by: string; updated_at: Date };
}

/** What the owner has ticked on the after-approval closing checklist, per account (no free text: flags and a date). */
export class ClosingProgress {
  private readonly db: Kysely<ProgressTables>;

  constructor(db: Kysely<any>) {
    this.db = db as Kysely<ProgressTables>;
  }

  async get(accountId: string): Promise<Record<string, unknown>> {
    const row = await this.db.selectFrom('closing_checklists').select('facts').where('account_id', '=', accountId).executeTakeFirst();
    const facts = typeof row?.facts === 'string' ? JSON.parse(row.facts) : row?.facts;
    return facts && typeof facts === 'object' ? (facts as Record<string, unknown>) : {};
  }

  async save(accountId: string, facts: Record<string, unknown>, actor: string): Promise<void> {
    await sql`insert into closing_checklists (account_id, facts, updated_by) values (${accountId}, ${JSON.stringify(facts)}::jsonb, ${actor})
      on conflict (account_id) do update set facts = excluded.facts, updated_by = excluded.updated_by, updated_at = now()`.execute(this.db);
  }
}
