import { readFileSync } from 'node:fs';
import { DecisionService } from '../decisions';
import { DECISION_NAMES, evaluate, FactsError, isDecisionName } from '../rules';
import { parseArgs } from './args';
import { failCli as fail, openCliDatabase, packFromOption } from './cli-context';

const USAGE = `Usage: npm run --silent decide -- <decision> --pack <pack> --facts '<json>'|@file.json [--no-log]
Decisions: ${DECISION_NAMES.join(', ')}`;

function readFacts(value: string | undefined): unknown {
  if (value === undefined || value === 'true') fail(2, `Missing --facts.\n${USAGE}`);
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch (error) {
      fail(2, `facts: cannot read ${value.slice(1)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    // The text is not echoed: it may hold what should never be written anywhere.
    fail(2, 'facts: not valid JSON; expected an object such as {"identifiablePeople": false}');
  }
}

async function main(): Promise<void> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const decision = positional[0];
  if (!decision) fail(2, USAGE);
  if (!isDecisionName(decision)) fail(2, `Unknown decision "${decision}". Valid decisions: ${DECISION_NAMES.join(', ')}`);

  const { packs, pack } = await packFromOption(options.pack);
  const facts = readFacts(options.facts);

  try {
    if (options['no-log'] === 'true') {
      process.stdout.write(`${JSON.stringify(await evaluate(pack, decision, facts))}\n`);
      return;
    }
    // Validate before opening the database, so that refused facts never get near it.
    await evaluate(pack, decision, facts);
    const database = await openCliDatabase();
    try {
      const service = new DecisionService(database.db, packs);
      const output = await service.decide(pack.id, decision, facts, { actor: 'cli' });
      process.stdout.write(`${JSON.stringify(output)}\n`);
    } finally {
      await database.close();
    }
  } catch (error) {
    if (error instanceof FactsError) {
      fail(2, `Invalid facts for ${decision}:\n${error.issues.map((i) => `  - ${i.field}: ${i.message}`).join('\n')}`);
    }
    throw error;
  }
}

main().catch((error) => fail(1, `decide failed: ${(error as Error).message}`));
