import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BotStateRepository } from '../db/bot-state-repository';
import type { Database } from '../db';
import { testDatabases } from '../../tests/helpers/databases';
import { DatabaseStorage } from './state-storage';

describe.each(testDatabases())('conversation state storage on $name', ({ open }) => {
  let database: Database;
  let storage: DatabaseStorage;

  beforeAll(async () => {
    database = await open();
    storage = new DatabaseStorage(new BotStateRepository(database.db));
  });
  afterAll(() => database.close());

  it('never writes a password-like text of a draft, and keeps the rest', async () => {
    const draft = { values: { accountName: '@nykoping2024', purpose: 'Sommarlovet 2024 börjar', goals: 'Fler följare\nKulturhuset2024' } };
    await storage.write({ 'msteams/conv-secret/conversation': { flow: { id: 'open-account', step: 'form', draft } } });
    const stored = await sql<{ value: unknown }>`select value from bot_state where key = ${'msteams/conv-secret/conversation'}`.execute(database.db);
    expect(JSON.stringify(stored.rows)).not.toContain('Kulturhuset2024');
    const read = await storage.read(['msteams/conv-secret/conversation']);
    expect(read['msteams/conv-secret/conversation'].flow.draft.values).toEqual({ ...draft.values, goals: '' });
  });
});
