import type { Generated } from 'kysely';

/**
 * Tables owned by the foundation. Feature modules describe their own tables next to their code
 * and widen the type with `db.withTables<TheirTables>()`, so this file does not grow with every feature.
 */
export interface CoreTables {
  bot_state: {
    key: string;
    value: unknown;
    etag: Generated<number>;
    updated_at: Generated<Date>;
  };
}
