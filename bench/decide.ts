import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db';
import { DecisionService, verifyLog } from '../src/decisions';
import { evaluateDetailed, evaluateWithEngine, loadPacks, type DecisionName, type PackRegistry } from '../src/rules';

/**
 * decisions/second: evaluate-only (compiled rules, and json-rules-engine itself as the floor), then with the
 * durable decision log on PGlite (on disk) and, when DATABASE_URL is set, PostgreSQL. Prints memory too.
 * Targets: >= 20,000/s evaluate-only on one core, >= 2,000/s logged on the embedded database.
 */
const WORKLOAD: { pack: string; decision: DecisionName; facts: Record<string, unknown> }[] = [
  {
    pack: 'stockholm',
    decision: 'publish-image',
    facts: { identifiablePeople: true, purpose: 'portray_individual', crowd: false, consent: 'all', consentDocumented: true, youngestAge: 9, guardianConsent: false,
      confidential: false, protectedIdentity: false, sensitiveCategories: [], integritySensitive: [], altText: false },
  },
  { pack: 'nykoping', decision: 'publish-image', facts: { identifiablePeople: true, purpose: 'inform_about_operations', crowd: true } },
  { pack: 'stockholm', decision: 'moderate-post', facts: { categories: ['question', 'hate_speech'] } },
  { pack: 'nykoping', decision: 'moderate-post', facts: { categories: ['profanity'] } },
  { pack: 'stockholm', decision: 'register-record', facts: { leadsToAction: false, becomesCase: true, relatesToExistingCase: false, specialInterest: false, containsConfidential: false, trivial: false, politicalMatter: false } },
  {
    pack: 'stockholm',
    decision: 'open-account',
    facts: { unit: 'Kulturförvaltningen', platform: 'Instagram', accountName: '@kultur', accountType: 'official', purpose: 'Visa kulturutbudet', linkedToPlan: true,
      goals: ['Fler besökare'], goalsMeasurable: true, audiences: ['Unga'], owner: 'Anna', standIn: null, monitoringDaily: true, basicInfo: ['owner_unit_and_city'],
      graphicProfile: true, sharedAccountConsidered: true, credentialsLocation: 'Lösenordshanteraren, valvet Kultur' },
  },
  { pack: 'stockholm', decision: 'close-account', facts: { noticePosted: true, noticePostedOn: '2025-01-01', reasonGiven: true, referralGiven: true, archived: false, today: '2025-01-20' } },
  { pack: 'nykoping', decision: 'close-account', facts: { archived: true, contentRegistered: true } },
];

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Timing {
  wallMs: number;
  /** CPU time of this process: on a busy machine this is what one core needed. */
  cpuMs: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function evaluateOnly(packs: PackRegistry, n: number): Timing {
  const items = WORKLOAD.map((w) => ({ ...w, pack: packs.get(w.pack)! }));
  const now = new Date();
  for (let i = 0; i < 20_000; i++) evaluateDetailed(items[i % items.length].pack, items[i % items.length].decision, items[i % items.length].facts, now);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const w = items[i % items.length];
    evaluateDetailed(w.pack, w.decision, w.facts, now);
  }
  return { wallMs: performance.now() - start, cpuMs: cpuMs(cpu) };
}

async function engineOnly(packs: PackRegistry, n: number): Promise<Timing> {
  const items = WORKLOAD.map((w) => ({ ...w, pack: packs.get(w.pack)! }));
  for (let i = 0; i < 2_000; i++) await evaluateWithEngine(items[i % items.length].pack, items[i % items.length].decision, items[i % items.length].facts);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const w = items[i % items.length];
    await evaluateWithEngine(w.pack, w.decision, w.facts);
  }
  return { wallMs: performance.now() - start, cpuMs: cpuMs(cpu) };
}

async function logged(service: DecisionService, n: number, concurrency: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < n) {
      const w = WORKLOAD[next++ % WORKLOAD.length];
      await service.decide(w.pack, w.decision, w.facts, { actor: 'bench', conversationId: 'bench' });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - start;
}

async function measureDatabase(label: string, database: Database, packs: PackRegistry): Promise<void> {
  const service = new DecisionService(database.db, packs);
  await logged(service, 500, 16);
  const sequentialN = 2_000;
  const sequential = await logged(service, sequentialN, 1);
  const concurrentN = 20_000;
  const concurrent = await logged(service, concurrentN, 64);
  const check = await verifyLog(database.db);
  console.log(`  ${label}: logged ${rate(sequentialN, sequential)} one at a time, ${rate(concurrentN, concurrent)} with 64 in flight (group commit); chain ${check.ok ? `verified, ${check.count} entries` : 'BROKEN'}`);
}

async function main(): Promise<void> {
  const packs = await loadPacks(process.env.POLICIES_DIR ?? path.resolve('policies'));
  console.log(`bench:decide — node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} (one core used)`);

  const n = 200_000;
  const compiled = evaluateOnly(packs, n);
  const engineN = 10_000;
  const engine = await engineOnly(packs, engineN);
  const compiledRate = (n / compiled.cpuMs) * 1000;
  const engineRate = (engineN / engine.cpuMs) * 1000;
  console.log(`  load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; rates per CPU-second of this process, wall-clock in brackets`);
  console.log(`  evaluate-only (validate + rules + explanation): ${rate(n, compiled.cpuMs)} [wall ${rate(n, compiled.wallMs)}]  target >= 20,000/s`);
  console.log(`  same decisions run by json-rules-engine itself:  ${rate(engineN, engine.cpuMs)} [wall ${rate(engineN, engine.wallMs)}]  (compiled is ${(compiledRate / engineRate).toFixed(1)}x the engine)`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'sma-bench-'));
  const embedded = await openDatabase({ dataDir: dir });
  try {
    await measureDatabase('PGlite (on disk)', embedded, packs);
  } finally {
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    const postgres = await openDatabase({ databaseUrl: scoped.toString(), dataDir: '' });
    try {
      await measureDatabase('PostgreSQL', postgres, packs);
    } finally {
      await postgres.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  } else {
    console.log('  PostgreSQL: skipped (set DATABASE_URL to measure it)');
  }
  const mem = process.memoryUsage();
  console.log(`  memory: rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);
  console.log(`  ratio: evaluate-only is ${(compiledRate / 20_000).toFixed(1)}x the 20,000/s target`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
