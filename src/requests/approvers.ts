import { Kysely, sql } from 'kysely';
import type { RequestTables } from './tables';
import type { Person } from './types';

export interface Approver extends Person {
  pack: string;
  unit: string;
  role: string;
  /** The Teams user id (29:…) when known; cards' refresh.userIds need it. */
  teamsUserId: string | null;
  source: 'admin' | 'file';
}

export interface ApproverInput extends Person {
  role: string;
  teamsUserId?: string | null;
}

/** Teams refreshes a card for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;

interface ApproverRow {
  pack: string;
  unit: string;
  role: string;
  aad_object_id: string;
  name: string;
  teams_user_id: string | null;
  source: string;
}

function toApprover(row: ApproverRow): Approver {
  return {
    pack: row.pack,
    unit: row.unit,
    role: row.role,
    aadObjectId: row.aad_object_id,
    name: row.name,
    teamsUserId: row.teams_user_id,
    source: row.source as Approver['source'],
  };
}

/** Who may answer for which role in which unit: the server's record, filled by admins in a channel or from a file. */
export class ApproverDirectory {
  private readonly db: Kysely<RequestTables>;

  constructor(db: Kysely<any>) {
    this.db = db as Kysely<RequestTables>;
  }

  async forUnit(pack: string, unit: string): Promise<Approver[]> {
    const rows = await sql<ApproverRow>`select pack, unit, role, aad_object_id, name, teams_user_id, source from approvers
      where pack = ${pack} and unit = ${unit} order by role, name, id`.execute(this.db);
    return rows.rows.map(toApprover);
  }

  /** Everyone who approves anything in a pack: people the forms can offer as owner or stand-in. */
  async people(pack: string): Promise<Person[]> {
    const rows = await sql<{ aad_object_id: string; name: string }>`select aad_object_id, min(name) as name from approvers
      where pack = ${pack} group by aad_object_id order by min(name)`.execute(this.db);
    return rows.rows.map((r) => ({ aadObjectId: r.aad_object_id, name: r.name }));
  }

  async rolesOf(pack: string, unit: string, aadObjectId: string): Promise<string[]> {
    const rows = await sql<{ role: string }>`select role from approvers where pack = ${pack} and unit = ${unit}
      and aad_object_id = ${aadObjectId} order by id`.execute(this.db);
    return rows.rows.map((r) => r.role);
  }

  /** Replaces the approvers of a unit that an admin manages (file entries stay). */
  async replaceForUnit(pack: string, unit: string, approvers: ApproverInput[], actor: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sql`delete from approvers where pack = ${pack} and unit = ${unit} and source = 'admin'`.execute(trx);
      for (const a of approvers) await upsert(trx, pack, unit, a, 'admin', actor);
    });
  }

  async add(pack: string, unit: string, approver: ApproverInput, actor: string, source: 'admin' | 'file' = 'admin'): Promise<void> {
    await upsert(this.db, pack, unit, approver, source, actor);
  }

  /** Loads the configured file's entries, replacing earlier file entries, so the file is the truth for them. */
  async replaceFromFile(entries: (ApproverInput & { pack: string; unit: string })[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sql`delete from approvers where source = 'file'`.execute(trx);
      for (const e of entries) await upsert(trx, e.pack, e.unit, e, 'file', 'approvers-file');
    });
  }

  /** Learns a person's Teams user id when they act, so later cards can list them in refresh.userIds. */
  async learnTeamsUserId(aadObjectId: string, teamsUserId: string): Promise<void> {
    await sql`update approvers set teams_user_id = ${teamsUserId}
      where aad_object_id = ${aadObjectId} and (teams_user_id is null or teams_user_id <> ${teamsUserId})`.execute(this.db);
  }
}

async function upsert(db: Kysely<RequestTables>, pack: string, unit: string, a: ApproverInput, source: string, actor: string): Promise<void> {
  await sql`insert into approvers (pack, unit, role, aad_object_id, name, teams_user_id, source, added_by)
    values (${pack}, ${unit}, ${a.role}, ${a.aadObjectId}, ${a.name}, ${a.teamsUserId ?? null}, ${source}, ${actor})
    on conflict (pack, unit, role, aad_object_id) do update set name = excluded.name,
      teams_user_id = coalesce(excluded.teams_user_id, approvers.teams_user_id), source = excluded.source,
      added_by = excluded.added_by, added_at = now()`.execute(db);
}
