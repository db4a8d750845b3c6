/**
 * `npm run requests:check [-- --repair]`
 * Finds every approved request to open or register an account that has no account in the register, and with
 * --repair enters the account (once: running it again changes nothing). Prints one JSON object on stdout.
 * Exit codes: 0 nothing missing (or all repaired), 1 something still missing or failed, 2 wrong arguments.
 */
import type { Kysely } from 'kysely';
import { AccountError, AccountRegister } from '../accounts';
import { accountInputOf } from '../flows/approvals/complete';
import { isoDay } from '../flows/approvals/dates';
import { approvedWithoutAccount, relinkAccount, type AccountRequest } from '../requests';
import { openCliDatabase } from './cli-context';

export interface RequestsCheckReport {
  checked: number;
  missing: { requestId: string; kind: string; pack: string; unit: string; decidedAt: string | null }[];
  repaired: { requestId: string; accountId: string }[];
  /** The register refused what the request holds: the field names (never the values). */
  failed: { requestId: string; code: string; fields: string[] }[];
}

const ACTOR = 'requests:check';

async function repair(db: Kysely<any>, request: AccountRequest): Promise<string> {
  const openedOn = isoDay(new Date(request.decidedAt ?? request.updatedAt));
  return db.transaction().execute(async (trx) => {
    const account = await new AccountRegister(trx).add(accountInputOf(request, openedOn), ACTOR);
    await relinkAccount(trx, request.id, account.id);
    return account.id;
  });
}

export async function checkRequests(db: Kysely<any>, options: { repair: boolean }): Promise<RequestsCheckReport> {
  const { checked, missing } = await approvedWithoutAccount(db);
  const report: RequestsCheckReport = {
    checked,
    missing: missing.map((r) => ({ requestId: r.id, kind: r.kind, pack: r.pack, unit: r.unit, decidedAt: r.decidedAt })),
    repaired: [],
    failed: [],
  };
  if (!options.repair) return report;
  for (const request of missing) {
    try {
      report.repaired.push({ requestId: request.id, accountId: await repair(db, request) });
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      report.failed.push({ requestId: request.id, code: error.code, fields: error.issues.map((i) => i.field) });
    }
  }
  return report;
}

export function parseRequestsCheckArgs(argv: string[]): { repair: boolean } {
  const unknown = argv.filter((a) => a !== '--repair' && a !== '--');
  if (unknown.length > 0) throw new Error(`Okänt argument: ${unknown[0]}. Användning: npm run requests:check [-- --repair]`);
  return { repair: argv.includes('--repair') };
}

async function main(): Promise<number> {
  let args: { repair: boolean };
  try {
    args = parseRequestsCheckArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const database = await openCliDatabase();
  try {
    const report = await checkRequests(database.db, args);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    const left = args.repair ? report.failed.length : report.missing.length;
    return left === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Kontrollen misslyckades: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
