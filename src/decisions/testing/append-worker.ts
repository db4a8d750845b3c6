/**
 * A separate process that appends decisions to the log, for the test that two processes keep one chain.
 * Usage: tsx append-worker.ts <database-url> <count>
 */
import { openDatabase } from '../../db';
import { loadPacks } from '../../rules';
import { DecisionService } from '..';
import { fromProjectRoot } from '../../paths';

async function main(): Promise<void> {
  const [url, countText] = process.argv.slice(2);
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  const service = new DecisionService(database.db, await loadPacks(fromProjectRoot('policies')));
  const count = Number(countText);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await service.decide('stockholm', 'moderate-post', { categories: ['question'] }, { actor: `worker-${process.pid}` });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
