import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db';
import { loadPacks } from '../rules';
import type { PackRegistry } from '../rules/types';

/** The CLI's environment: DATABASE_URL (PostgreSQL) else PGlite in DATA_DIR; packs from POLICIES_DIR; log checkpoint settings. */
export function cliConfig() {
  const config = loadConfig();
  return { databaseUrl: config.databaseUrl, dataDir: config.dataDir, policiesDir: config.policiesDir, defaultPack: config.defaultPack, logCheckpoints: config.logCheckpoints };
}

export function openCliDatabase(): Promise<Database> {
  const c = cliConfig();
  return openDatabase({ databaseUrl: c.databaseUrl, dataDir: c.dataDir });
}

export function loadCliPacks(): Promise<PackRegistry> {
  return loadPacks(cliConfig().policiesDir);
}
