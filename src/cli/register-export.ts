/**
 * `npm run register:export -- --pack stockholm --from 2026-01-01 --to 2026-06-30 --format xlsx --out rapport.xlsx`
 * The report of new, existing and closed accounts for a period, as Excel or CSV. Without --from/--to it takes
 * the period of the latest report due by the pack's reporting months.
 * Exit codes: 0 written, 2 wrong arguments, 1 anything else.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config';
import { openDatabase } from '../db';
import { loadPacks } from '../rules';
import { AccountRegister } from '../accounts/register';
import { EXPORT_FORMATS, exportFileName, exportRegister, type ExportFormat } from '../accounts/export';
import { currentReportPeriod } from '../accounts/report-period';
import { isoDateSchema } from '../accounts/validate';
import { createProgress } from './register-export-progress';

class UsageError extends Error {
  readonly code = 'usage';
}

const USAGE = `Användning: npm run register:export -- --pack <id> [--from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD] [--format xlsx|csv] [--out fil]`;

export interface ExportArgs {
  pack?: string;
  from?: string;
  to?: string;
  format: ExportFormat;
  out?: string;
}

export function parseArgs(argv: string[]): ExportArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--(pack|from|to|format|out)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Okänt argument: ${arg}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${match[1]} saknar värde`);
    values[match[1]] = value;
  }
  const format = (values.format ?? 'xlsx').toLowerCase();
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw new UsageError(`--format ska vara xlsx eller csv, inte "${values.format}"`);
  for (const key of ['from', 'to'] as const) {
    if (values[key] !== undefined && !isoDateSchema.safeParse(values[key]).success) throw new UsageError(`--${key} ska vara ett datum som 2026-01-31`);
  }
  if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError('Ange både --from och --to, eller ingen av dem');
  if (values.from && values.to && values.from > values.to) throw new UsageError('--from ligger efter --to');
  return { pack: values.pack, from: values.from, to: values.to, format: format as ExportFormat, out: values.out };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const progress = createProgress(process.stderr, 4);
  progress.step('Läser policypaketen');
  const packs = await loadPacks(config.policiesDir);
  const packId = args.pack ?? config.defaultPack;
  const pack = packs.get(packId);
  if (!pack) throw new UsageError(`Policypaketet "${packId}" finns inte (finns: ${packs.ids().join(', ')})`);
  const period = args.from && args.to ? { from: args.from, to: args.to } : currentReportPeriod(pack.settings.reportingMonths ?? [], new Date());

  progress.step('Öppnar databasen');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    progress.step(`Tar fram rapporten ${period.from} – ${period.to}`);
    const file = await exportRegister(new AccountRegister(database.db), { pack: pack.id, packName: pack.name, ...period, format: args.format });
    const out = path.resolve(args.out ?? exportFileName(pack.id, period.from, period.to, args.format));
    progress.step(`Skriver ${path.basename(out)}`);
    await writeFile(out, file.body);
    progress.done();
    process.stdout.write(
      `${JSON.stringify({ file: out, pack: pack.id, from: period.from, to: period.to, format: args.format, ...file.counts })}\n`,
    );
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n${USAGE}\n`);
        process.exit(2);
      }
      process.stderr.write(`Exporten misslyckades: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
