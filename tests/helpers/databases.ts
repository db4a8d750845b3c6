import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open: () => Promise<Database>;
}

/**
 * The databases every repository test runs on: always the embedded one in memory, and PostgreSQL when
 * TEST_DATABASE_URL is set. Each PostgreSQL open gets its own fresh schema so tests never see each other's rows.
 */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: () => openDatabase({ dataDir: 'memory://' }) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) list.push({ name: 'postgres', open: () => openPostgresSchema(url) });
  return list;
}

export async function openPostgresSchema(url: string): Promise<Database> {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scopedUrl = withSearchPath(url, schema);
  const database = await openDatabase({ databaseUrl: scopedUrl, dataDir: '' });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}
