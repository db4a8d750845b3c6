import { sql, type Kysely } from 'kysely';
import { z } from 'zod';

export const decisionIdSchema = z.string().uuid();

export type EraseResult = 'erased' | 'already_erased' | 'not_found';

/**
 * Erases the facts (and their salt) of one entry, for a GDPR request, and records that it was erased. The chain
 * keeps the facts' salted hash, so `verifyLog` still verifies the entry and reports it as erased. Needs DELETE on
 * decision_log_facts and INSERT on decision_log_erasures: run it as the owner, not as the bot's role.
 */
export async function eraseEntryFacts(db: Kysely<any>, decisionId: string): Promise<EraseResult> {
  const id = decisionIdSchema.parse(decisionId);
  return db.transaction().execute(async (trx) => {
    const entry = await sql`select 1 from decision_log where decision_id = ${id}`.execute(trx);
    if (entry.rows.length === 0) return 'not_found';
    const recorded = await sql`insert into decision_log_erasures (decision_id) values (${id}) on conflict do nothing returning decision_id`.execute(trx);
    await sql`delete from decision_log_facts where decision_id = ${id}`.execute(trx);
    return recorded.rows.length > 0 ? 'erased' : 'already_erased';
  });
}
