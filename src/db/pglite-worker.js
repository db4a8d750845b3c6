// Runs the embedded database (PGlite, PostgreSQL compiled to WebAssembly) on its own thread. Its queries run
// synchronously inside WebAssembly and would otherwise hold up the bot's event loop for their whole length.
// Plain JavaScript: a worker thread loads it without the TypeScript loader.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');

const database = new PGlite(workerData.dataDir ?? undefined);

// Error fields worth keeping on the other side; never the query's parameters (they can hold personal data).
const ERROR_FIELDS = ['name', 'code', 'severity', 'detail', 'hint', 'position', 'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'];

function describe(error) {
  const described = { message: error instanceof Error ? error.message : String(error) };
  for (const field of ERROR_FIELDS) if (error && typeof error[field] !== 'object' && error[field] !== undefined) described[field] = error[field];
  return described;
}

const operations = {
  ready: async () => {
    await database.waitReady;
    return null;
  },
  query: async ({ sql, params }) => {
    const result = await database.query(sql, params);
    return { rows: result.rows, affectedRows: result.affectedRows };
  },
  exec: async ({ sql }) => (await database.exec(sql)).map((result) => ({ rows: result.rows, affectedRows: result.affectedRows })),
  close: async () => {
    if (!database.closed) await database.close();
    return null;
  },
};

parentPort.on('message', async (message) => {
  try {
    parentPort.postMessage({ id: message.id, result: await operations[message.op](message) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: describe(error) });
  }
});
