import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface PgliteResult<R> {
  rows: R[];
  affectedRows?: number;
}

/** What the Kysely dialect needs of PGlite; met by PGlite itself and by `PgliteThread`. */
export interface PgliteClient {
  readonly waitReady: Promise<void>;
  readonly closed: boolean;
  query<R>(sql: string, params?: unknown[]): Promise<PgliteResult<R>>;
  exec(sql: string): Promise<Array<PgliteResult<unknown>>>;
  close(): Promise<void>;
}

type Operation = { op: 'ready' } | { op: 'close' } | { op: 'query'; sql: string; params?: unknown[] } | { op: 'exec'; sql: string };

interface Reply {
  id: number;
  result?: unknown;
  error?: { message: string } & Record<string, unknown>;
}

/**
 * PGlite on a worker thread. PGlite runs each query synchronously in WebAssembly; on the bot's own thread a
 * query of a few milliseconds stops every other request, timer and outgoing message for that long.
 * Values cross by structured clone, which keeps dates, bytes and big integers as PGlite returns them.
 */
export class PgliteThread implements PgliteClient {
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private ended = false;

  /** `dataDir` undefined keeps the database in memory. */
  constructor(dataDir: string | undefined) {
    this.worker = new Worker(path.join(__dirname, 'pglite-worker.js'), { workerData: { dataDir } });
    // Only a question waiting for its answer keeps the process alive, as with an in-process database.
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.answer(reply));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      this.ended = true;
      this.failAll(new Error(`The embedded database thread stopped (exit code ${code})`));
    });
    this.waitReady = this.call<void>({ op: 'ready' });
  }

  get closed(): boolean {
    return this.ended;
  }

  query<R>(sql: string, params: unknown[] = []): Promise<PgliteResult<R>> {
    return this.call({ op: 'query', sql, params });
  }

  exec(sql: string): Promise<Array<PgliteResult<unknown>>> {
    return this.call({ op: 'exec', sql });
  }

  async close(): Promise<void> {
    if (this.ended) return;
    await this.call({ op: 'close' });
    this.ended = true;
    await this.worker.terminate();
  }

  private call<T>(operation: Operation): Promise<T> {
    if (this.ended) return Promise.reject(new Error('The embedded database is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, ...operation });
    });
  }

  private answer(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.settled(reply.id);
    if (reply.error) {
      const { message, ...fields } = reply.error;
      waiting.reject(Object.assign(new Error(message), fields));
    } else {
      waiting.resolve(reply.result);
    }
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private failAll(error: Error): void {
    for (const [id, waiting] of this.pending) {
      this.settled(id);
      waiting.reject(error);
    }
  }
}
