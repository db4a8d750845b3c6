import path from 'node:path';
import { z } from 'zod';
import { isLoopbackHost } from './auth-mode';
import { fromProjectRoot } from './paths';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Pack per tenant or team: `tenantOrTeamId=pack,other=pack`. */
const packMapping = z
  .string()
  .transform((value, ctx) => {
    const map: Record<string, string> = {};
    for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [id, pack] = pair.split('=').map((p) => p.trim());
      if (!id || !pack) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected id=pack, got "${pair}"` });
        return z.NEVER;
      }
      map[id] = pack;
    }
    return map;
  });

const list = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  HOST: z.string().min(1).optional(),
  ALLOW_ANONYMOUS: boolean.default('false'),
  BOT_ID: z.string().optional(),
  BOT_PASSWORD: z.string().optional(),
  BOT_TENANT_ID: z.string().optional(),
  BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  POLICIES_DIR: z.string().default(fromProjectRoot('policies')),
  DEFAULT_PACK: z.string().default('stockholm'),
  PACK_MAPPING: packMapping.default(''),
  ORG_UNITS: list.default('Kommunikationsavdelningen,Utbildningsförvaltningen,Kulturförvaltningen,Socialförvaltningen'),
  ADMIN_USERS: list.default(''),
  COMMUNICATIONS_UNIT_USERS: list.default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  APPROVERS_FILE: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  SCHEDULER_ENABLED: boolean.default('true'),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  LOG_SIGNING_KEY: z.string().includes('PRIVATE KEY', { message: 'expected an Ed25519 private key in PEM' }).optional(),
  LOG_SIGNING_KEY_FILE: z.string().optional(),
  LOG_CHECKPOINT_FILE: z.string().default('./log-checkpoints.jsonl'),
  LOG_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(1000).default(3_600_000),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  port: number;
  host: string;
  /** Absent: anonymous local mode (Playground). Present: every request needs a valid Bot Framework token. */
  bot: { id: string; password?: string; tenantId?: string; type: RawConfig['BOT_TYPE'] } | null;
  /** Anonymous mode on a host other than loopback, explicitly allowed (ALLOW_ANONYMOUS=true); warned about every minute. */
  allowAnonymous?: boolean;
  databaseUrl?: string;
  dataDir: string;
  policiesDir: string;
  defaultPack: string;
  packMapping: Record<string, string>;
  orgUnits: string[];
  adminUsers: string[];
  communicationsUnitUsers: string[];
  /** JSON file of approvers per unit and role, loaded at start-up (optional). */
  approversFile?: string;
  /** Where browsers reach this server (download links); default: this machine. */
  publicUrl?: string;
  logLevel: RawConfig['LOG_LEVEL'];
  maxBodyBytes: number;
  scheduler: { enabled: boolean; intervalMs: number };
  /** Signed checkpoints of the decision log: off without a key (PEM text or a file). */
  logCheckpoints: { signingKey?: string; signingKeyFile?: string; file: string; intervalMs: number };
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

/** Agents Toolkit names its variables differently; accept both so its env files work unchanged. */
function withToolkitNames(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    BOT_ID: env.BOT_ID ?? env.CLIENT_ID ?? env.MicrosoftAppId,
    BOT_PASSWORD: env.BOT_PASSWORD ?? env.CLIENT_SECRET ?? env.SECRET_BOT_PASSWORD ?? env.MicrosoftAppPassword,
    BOT_TENANT_ID: env.BOT_TENANT_ID ?? env.TENANT_ID ?? env.MicrosoftAppTenantId,
    BOT_TYPE: env.BOT_TYPE ?? env.MicrosoftAppType,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(withToolkitNames(env)).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`Ogiltig inställning / invalid setting ${name}: ${issue.message}`);
  }
  const c = parsed.data;
  // Fail closed: without a bot id nobody is authenticated, so only this machine may reach the bot unless told otherwise.
  const host = c.HOST ?? (c.BOT_ID ? '0.0.0.0' : '127.0.0.1');
  if (!c.BOT_ID && !isLoopbackHost(host) && !c.ALLOW_ANONYMOUS) {
    throw new ConfigError(`Ogiltig inställning / invalid setting HOST: ${host} is not loopback and BOT_ID is unset; set BOT_ID, or ALLOW_ANONYMOUS=true to run without authentication`);
  }
  return {
    port: c.PORT,
    host,
    bot: c.BOT_ID ? { id: c.BOT_ID, password: c.BOT_PASSWORD, tenantId: c.BOT_TENANT_ID, type: c.BOT_TYPE } : null,
    allowAnonymous: !c.BOT_ID && c.ALLOW_ANONYMOUS && !isLoopbackHost(host),
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR.startsWith('memory://') ? c.DATA_DIR : path.resolve(c.DATA_DIR),
    policiesDir: path.resolve(c.POLICIES_DIR),
    defaultPack: c.DEFAULT_PACK,
    packMapping: c.PACK_MAPPING,
    orgUnits: c.ORG_UNITS,
    adminUsers: c.ADMIN_USERS,
    communicationsUnitUsers: c.COMMUNICATIONS_UNIT_USERS,
    approversFile: c.APPROVERS_FILE ? path.resolve(c.APPROVERS_FILE) : undefined,
    publicUrl: c.PUBLIC_URL,
    logLevel: c.LOG_LEVEL,
    maxBodyBytes: c.MAX_BODY_BYTES,
    scheduler: { enabled: c.SCHEDULER_ENABLED, intervalMs: c.SCHEDULER_INTERVAL_MS },
    logCheckpoints: {
      signingKey: c.LOG_SIGNING_KEY,
      signingKeyFile: c.LOG_SIGNING_KEY_FILE ? path.resolve(c.LOG_SIGNING_KEY_FILE) : undefined,
      file: path.resolve(c.LOG_CHECKPOINT_FILE),
      intervalMs: c.LOG_CHECKPOINT_INTERVAL_MS,
    },
  };
}
