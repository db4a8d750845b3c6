import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '.';
import { testDatabases } from '../../tests/helpers/databases';
import { migrate } from './migrate';

describe.each(testDatabases())('migrations on $name', ({ open }) => {
  let database: Database;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sma-migrations-'));

  beforeAll(async () => {
    database = await open();
    writeFileSync(path.join(dir, '001_first.sql'), 'create table mig_a (id int primary key);\ninsert into mig_a values (1);\n');
    writeFileSync(path.join(dir, '002_second.sql'), 'create table mig_b (id int primary key);');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a migration');
  });
  afterAll(() => database.close());

  it('applies files in order, several statements per file, each once', async () => {
    expect(await migrate(database.db, dir)).toEqual(['001_first.sql', '002_second.sql']);
    expect(await migrate(database.db, dir)).toEqual([]);
    const rows = await sql<{ id: number }>`select id from mig_a`.execute(database.db);
    expect(rows.rows).toEqual([{ id: 1 }]);
  });

  it('is safe when two instances migrate at the same time', async () => {
    writeFileSync(path.join(dir, '003_third.sql'), 'create table mig_c (id int primary key);');
    const [a, b] = await Promise.all([migrate(database.db, dir), migrate(database.db, dir)]);
    expect([...a, ...b]).toEqual(['003_third.sql']);
  });
});
