import pg from 'pg';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The PostgreSQL suite runs whenever a server answers: TEST_DATABASE_URL, else the local default.
 * On CI a missing server is an error, not a silent skip.
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? LOCAL_POSTGRES;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.TEST_DATABASE_URL = url;
    console.log(`PostgreSQL tests: on (${new URL(url).host})`);
  } catch (error) {
    if (process.env.CI) throw new Error(`CI needs PostgreSQL for the PostgreSQL suite at ${url}: ${(error as Error).message}`);
    delete process.env.TEST_DATABASE_URL;
    console.warn(`PostgreSQL tests: off — no server at ${url}. Set TEST_DATABASE_URL to run them.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
