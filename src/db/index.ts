import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrate } from './migrate';
import { PgliteDialect } from './pglite-dialect';
import { PgliteThread } from './pglite-thread';
import type { CoreTables } from './tables';

export type { CoreTables } from './tables';

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
}

export interface Database {
  db: Kysely<CoreTables>;
  kind: 'pglite' | 'postgres';
  /** True when a trivial query answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

// PostgreSQL returns bigint as text by default; counters in this app fit in a JS number.
pg.types.setTypeParser(20, (value: string) => Number(value));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let db: Kysely<CoreTables>;
  let kind: Database['kind'];
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    db = new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool }) });
    kind = 'postgres';
  } else {
    const inMemory = options.dataDir.startsWith('memory://');
    if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
    const client = new PgliteThread(inMemory ? undefined : options.dataDir);
    db = new Kysely<CoreTables>({ dialect: new PgliteDialect(client) });
    kind = 'pglite';
  }
  await migrate(db);
  return {
    db,
    kind,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}
