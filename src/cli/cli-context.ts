import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db';
import { loadPacks, PackError } from '../rules';
import type { LoadedPack, PackRegistry } from '../rules/types';

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

/** Prints to stderr and ends the CLI with `code` (2: the call was wrong; 1: the data or the run failed). */
export function failCli(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** The packs and the one `--pack` names (else DEFAULT_PACK); a broken pack folder exits 1, an unknown pack 2. */
export async function packFromOption(option: string | undefined): Promise<{ packs: PackRegistry; pack: LoadedPack }> {
  let packs: PackRegistry;
  try {
    packs = await loadCliPacks();
  } catch (error) {
    if (error instanceof PackError) failCli(1, error.message);
    throw error;
  }
  const packId = option && option !== 'true' ? option : cliConfig().defaultPack;
  const pack = packs.get(packId);
  if (!pack) failCli(2, `Unknown pack "${packId}". Valid packs: ${packs.ids().join(', ')}`);
  return { packs, pack };
}
