import { createPolicySearch, NluError } from '../nlu';
import { askPolicy } from '../nlu/policy-ask';
import { PackError } from '../rules';
import { parseArgs } from './args';
import { cliConfig, loadCliPacks } from './cli-context';

const USAGE = `Usage: npm run --silent ask -- --pack <pack> '<question in Swedish>'`;

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const question = positional.join(' ').trim();
  if (!question) fail(2, USAGE);

  let packs;
  try {
    packs = await loadCliPacks();
  } catch (error) {
    if (error instanceof PackError) fail(1, error.message);
    throw error;
  }
  const packId = options.pack && options.pack !== 'true' ? options.pack : cliConfig().defaultPack;
  if (!packs.get(packId)) fail(2, `Unknown pack "${packId}". Valid packs: ${packs.ids().join(', ')}`);

  const search = await createPolicySearch(cliConfig().policiesDir, [packId], { packs });
  process.stdout.write(`${JSON.stringify(askPolicy(search, packId, question))}\n`);
}

main().catch((error) => {
  // The question is not echoed in errors: it is free text.
  const detail = error instanceof NluError ? `${error.code}: ${error.message}` : (error as Error).message;
  fail(1, `ask failed: ${detail}`);
});
