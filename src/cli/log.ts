import { createWriteStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { exportLog, replayLog, verifyLog, type ExportFormat, type ReplayReport } from '../decisions';
import { loadPack, PackError } from '../rules';
import type { LoadedPack } from '../rules/types';
import { endProgress, parseArgs, progress, UsageError } from './args';
import { cliConfig, openCliDatabase } from './cli-context';

const USAGE = `Usage:
  npm run log:verify [-- --json]
  npm run log:export -- --format jsonl|csv [--from <date>] [--to <date>] [--out <file>]
  npm run log:replay -- --pack <folder or pack id> [--decision <name>] [--from <date>] [--to <date>] [--json]`;

function dateOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new UsageError(`--${name}: expected a date (YYYY-MM-DD) or an ISO date-time`);
  return value;
}

async function verify(json: boolean): Promise<number> {
  const database = await openCliDatabase();
  try {
    const result = await verifyLog(database.db, progress('verified'));
    endProgress();
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.ok) process.stdout.write(`OK: ${result.count} entries, the chain is unbroken (last hash ${result.lastHash.slice(0, 16)}…)\n`);
    else {
      const who = result.firstBadId === null ? 'after the last entry' : `entry id ${result.firstBadId} (decision ${result.decisionId})`;
      process.stdout.write(`FAILED at position ${result.position}, ${who}: ${result.problem}. ${result.detail}\n`);
    }
    return result.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

async function exportCommand(options: Record<string, string>): Promise<number> {
  const format = (options.format ?? 'jsonl') as ExportFormat;
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError('--format: expected jsonl or csv');
  const filter = { from: dateOption(options.from, 'from'), to: dateOption(options.to, 'to') };
  const out = options.out ? createWriteStream(options.out) : process.stdout;
  const database = await openCliDatabase();
  const tick = progress('exported');
  let count = 0;
  try {
    for await (const line of exportLog(database.db, format, filter)) {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
      if (++count % 1000 === 0) tick(count);
    }
    endProgress();
    if (options.out) {
      out.end();
      await once(out, 'finish');
      process.stderr.write(`Exported ${format === 'csv' ? count - 1 : count} entries to ${options.out}\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

async function packFor(value: string | undefined): Promise<LoadedPack> {
  if (!value || value === 'true') throw new UsageError('--pack: give a pack folder (e.g. ./policies-next/stockholm) or a pack id');
  const folder = existsSync(value) && statSync(value).isDirectory() ? value : path.join(cliConfig().policiesDir, value);
  if (!existsSync(folder)) throw new UsageError(`--pack: no folder ${value} and no pack "${value}" in ${cliConfig().policiesDir}`);
  return loadPack(folder);
}

function printReplay(report: ReplayReport): void {
  const from = Object.entries(report.fromVersions).map(([v, n]) => `${v.slice(0, 12)} (${n})`).join(', ') || 'none';
  for (const c of report.changed) {
    process.stdout.write(`${c.at}  ${c.decisionId}  ${c.decision}: ${c.before} -> ${c.after}  [${c.rulesBefore.join(', ')}] -> [${c.rulesAfter.join(', ')}]\n`);
  }
  for (const i of report.invalid) {
    process.stdout.write(`${i.decisionId}  ${i.decision}: facts no longer valid (${i.issues.join('; ')})\n`);
  }
  process.stdout.write(
    `Replayed ${report.replayed} decisions of pack ${report.pack} (logged with ${from}) against version ${report.toVersion.slice(0, 12)}: ` +
      `${report.changed.length} would change, ${report.unchanged} unchanged, ${report.invalid.length} with facts the new version rejects.\n`,
  );
}

async function replay(options: Record<string, string>): Promise<number> {
  const pack = await packFor(options.pack);
  const filter = { decision: options.decision, from: dateOption(options.from, 'from'), to: dateOption(options.to, 'to') };
  const database = await openCliDatabase();
  try {
    const report = await replayLog(database.db, pack, filter, progress('replayed'));
    endProgress();
    if (options.json === 'true') process.stdout.write(`${JSON.stringify(report)}\n`);
    else printReplay(report);
    return 0;
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  switch (positional[0]) {
    case 'verify':
      return verify(options.json === 'true');
    case 'export':
      return exportCommand(options);
    case 'replay':
      return replay(options);
    default:
      throw new UsageError(USAGE);
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`${error instanceof UsageError || error instanceof PackError ? error.message : `log failed: ${(error as Error).message}`}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
