import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Kysely, sql } from 'kysely';
import { isoDateSchema } from './validate';
import { EXPORT_FORMATS, type ExportFormat } from './export';

const PURPOSE = 'register-export';

/** How long a download link works. Long enough to click it, short enough that a forwarded link dies. */
export const EXPORT_LINK_TTL_SECONDS = 15 * 60;

export interface ExportGrant {
  pack: string;
  from: string;
  to: string;
  format: ExportFormat;
  /** Epoch seconds. */
  expiresAt: number;
}

export type ExportTokenProblem = 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired';

export class ExportTokenError extends Error {
  constructor(readonly code: ExportTokenProblem) {
    super(`Export token refused: ${code}`);
    this.name = 'ExportTokenError';
  }
}

function sign(secret: string, payload: string): string {
  // 128 bits of the HMAC are plenty for a link that lives minutes, and keep the URL short.
  return createHmac('sha256', secret).update(`${PURPOSE}\n${payload}`).digest('base64url').slice(0, 22);
}

const compactDate = (iso: string) => iso.replace(/-/g, '');
const isoFromCompact = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/**
 * Signs and checks download tokens for one export each (pack, period, format), valid for a short time.
 * A token is `r1.<pack>.<from>.<to>.<format>.<expires>.<signature>`: short, because the router refuses
 * path parameters over 100 characters, and readable, because it holds nothing secret.
 */
export class ExportTokens {
  constructor(private readonly secret: string) {}

  issue(grant: Omit<ExportGrant, 'expiresAt'>, now: Date, ttlSeconds = EXPORT_LINK_TTL_SECONDS): string {
    if (!/^[a-z0-9-]{1,40}$/i.test(grant.pack)) throw new ExportTokenError('malformed');
    const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
    const payload = ['r1', grant.pack, compactDate(grant.from), compactDate(grant.to), grant.format, String(expires)].join('.');
    return `${payload}.${sign(this.secret, payload)}`;
  }

  verify(token: string, now: Date): ExportGrant {
    const parts = token.split('.');
    if (parts.length !== 7 || token.length > 200) throw new ExportTokenError('malformed');
    const signature = parts.pop() as string;
    const payload = parts.join('.');
    const expected = Buffer.from(sign(this.secret, payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new ExportTokenError('bad_signature');
    const [version, pack, from, to, format, expires] = parts;
    if (version !== 'r1') throw new ExportTokenError('wrong_purpose');
    const grant = { pack, from: isoFromCompact(from), to: isoFromCompact(to), format: format as ExportFormat, expiresAt: Number(expires) };
    if (
      !isoDateSchema.safeParse(grant.from).success ||
      !isoDateSchema.safeParse(grant.to).success ||
      !EXPORT_FORMATS.includes(grant.format) ||
      !Number.isInteger(grant.expiresAt)
    ) {
      throw new ExportTokenError('malformed');
    }
    if (grant.expiresAt * 1000 <= now.getTime()) throw new ExportTokenError('expired');
    return grant;
  }
}

const cache = new WeakMap<object, Promise<ExportTokens>>();

/** The signer of this database: its key is created once and shared by every instance that uses the database. */
export function exportTokensFor(db: Kysely<any>): Promise<ExportTokens> {
  let tokens = cache.get(db);
  if (!tokens) {
    tokens = (async () => {
      await sql`insert into register_export_keys (id, secret) values (1, ${randomBytes(32).toString('hex')})
        on conflict (id) do nothing`.execute(db);
      const row = await sql<{ secret: string }>`select secret from register_export_keys where id = 1`.execute(db);
      return new ExportTokens(row.rows[0].secret);
    })();
    tokens.catch(() => cache.delete(db));
    cache.set(db, tokens);
  }
  return tokens;
}
