import { createWriteStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import {
  CheckpointError,
  decisionIdSchema,
  eraseEntryFacts,
  loadSigningKey,
  exportLog,
  publicKeyFromPem,
  readCheckpoints,
  replayLog,
  takeCheckpoint,
  verifyLog,
  type ExportFormat,
  type ReplayReport,
  type VerifyOptions,
} from '../decisions';
import { loadPack, PackError } from '../rules';
import type { LoadedPack } from '../rules/types';
import { endProgress, parseArgs, progress, UsageError } from './args';
import { cliConfig, openCliDatabase } from './cli-context';

const USAGE = `Usage:
  npm run log:verify [-- [--checkpoints <file> [--public-key <pem file>]] [--json]]
  npm run log:checkpoint
  npm run log:erase -- --id <decisionId>
  npm run log:export -- --format jsonl|csv [--from <date>] [--to <date>] [--out <file>]
  npm run log:replay -- --pack <folder or pack id> [--decision <name>] [--from <date>] [--to <date>] [--json]`;

function dateOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new UsageError(`--${name}: expected a date (YYYY-MM-DD) or an ISO date-time`);
  return value;
}

/** Checkpoints to verify against: the file and the public key (given, or derived from the configured signing key). */
function checkpointOptions(options: Record<string, string>): VerifyOptions['checkpoints'] {
  if (options['public-key'] && !options.checkpoints) throw new UsageError('--public-key needs --checkpoints <file>');
  if (!options.checkpoints) return undefined;
  if (options.checkpoints === 'true' || !existsSync(options.checkpoints)) throw new UsageError(`--checkpoints: no file ${options.checkpoints}`);
  let publicKey;
  if (options['public-key']) publicKey = publicKeyFromPem(readFileSync(options['public-key'], 'utf8'));
  else {
    const settings = cliConfig().logCheckpoints;
    const privateKey = loadSigningKey({ pem: settings.signingKey, file: settings.signingKeyFile });
    if (!privateKey) throw new UsageError('--checkpoints needs --public-key <pem file> (or LOG_SIGNING_KEY / LOG_SIGNING_KEY_FILE)');
    publicKey = createPublicKey(privateKey);
  }
  return { list: readCheckpoints(options.checkpoints), publicKey };
}

async function verify(options: Record<string, string>): Promise<number> {
  const checkpoints = checkpointOptions(options);
  const database = await openCliDatabase();
  try {
    const result = await verifyLog(database.db, { onProgress: progress('verified'), checkpoints });
    endProgress();
    if (options.json === 'true') process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.ok) {
      const against = checkpoints ? `, agrees with ${result.checkpoints} signed checkpoints` : ' (no checkpoints given)';
      const erased = result.erased.length ? `; ${result.erased.length} erased: ${result.erased.join(', ')}` : '';
      process.stdout.write(`OK: ${result.count} entries, the chain is unbroken${against} (last hash ${result.lastHash.slice(0, 16)}…)${erased}\n`);
    } else {
      const who = result.firstBadId === null ? 'after the last entry' : `entry id ${result.firstBadId} (decision ${result.decisionId})`;
      process.stdout.write(`FAILED at position ${result.position}, ${who}: ${result.problem}. ${result.detail}\n`);
    }
    return result.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

async function checkpoint(): Promise<number> {
  const settings = cliConfig().logCheckpoints;
  const privateKey = loadSigningKey({ pem: settings.signingKey, file: settings.signingKeyFile });
  if (!privateKey) throw new UsageError('log:checkpoint needs LOG_SIGNING_KEY (PEM) or LOG_SIGNING_KEY_FILE');
  const database = await openCliDatabase();
  try {
    const taken = await takeCheckpoint(database.db, { privateKey, file: settings.file });
    process.stdout.write(taken ? `Checkpoint: ${taken.entries} entries, head ${taken.headHash.slice(0, 16)}…, appended to ${settings.file}\n` : `The head has not moved since the last checkpoint in ${settings.file}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function erase(options: Record<string, string>): Promise<number> {
  if (!decisionIdSchema.safeParse(options.id).success) throw new UsageError('--id: give the decisionId (a UUID) of the entry whose facts are to be erased');
  const database = await openCliDatabase();
  try {
    const result = await eraseEntryFacts(database.db, options.id);
    const text = { erased: `Erased the facts of ${options.id}; the chain still verifies it`, already_erased: `The facts of ${options.id} were already erased`, not_found: `No entry ${options.id} in the log` }[result];
    process.stdout.write(`${text}\n`);
    return result === 'not_found' ? 1 : 0;
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
      `${report.changed.length} would change, ${report.unchanged} unchanged, ${report.invalid.length} with facts the new version rejects` +
      `${report.erased ? `; ${report.erased} skipped because their facts were erased` : ''}.\n`,
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
      return verify(options);
    case 'checkpoint':
      return checkpoint();
    case 'erase':
      return erase(options);
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
    process.stderr.write(`${error instanceof UsageError || error instanceof PackError || error instanceof CheckpointError ? error.message : `log failed: ${(error as Error).message}`}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
