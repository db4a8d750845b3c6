import { createPolicySearch, NluError } from '../nlu';
import { askPolicy } from '../nlu/policy-ask';
import { parseArgs } from './args';
import { cliConfig, failCli as fail, packFromOption } from './cli-context';

const USAGE = `Usage: npm run --silent ask -- --pack <pack> '<question in Swedish>'`;

async function main(): Promise<void> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const question = positional.join(' ').trim();
  if (!question) fail(2, USAGE);

  const { packs, pack } = await packFromOption(options.pack);
  const packId = pack.id;
  const search = await createPolicySearch(cliConfig().policiesDir, [packId], { packs });
  process.stdout.write(`${JSON.stringify(askPolicy(search, packId, question))}\n`);
}

main().catch((error) => {
  // The question is not echoed in errors: it is free text.
  const detail = error instanceof NluError ? `${error.code}: ${error.message}` : (error as Error).message;
  fail(1, `ask failed: ${detail}`);
});
