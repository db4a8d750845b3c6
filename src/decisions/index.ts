import type { Kysely } from 'kysely';
import { evaluateDetailed } from '../rules/evaluate';
import { PackError } from '../rules/errors';
import type { DecisionName } from '../rules/decisions';
import type { DecisionOutput, PackRegistry } from '../rules/types';
import { DecisionLogWriter } from './log-writer';

export { DecisionLogWriter } from './log-writer';
export { verifyLog, type VerifyOptions, type VerifyProblem, type VerifyResult } from './log-verify';
export { eraseEntryFacts, decisionIdSchema, type EraseResult } from './log-erase';
export {
  checkpointSignatureValid,
  CheckpointError,
  keyIdOf,
  loadSigningKey,
  publicKeyFromPem,
  readCheckpoints,
  signCheckpoint,
  takeCheckpoint,
  type Checkpoint,
} from './checkpoints';
export { exportLog, csvCell, toCsvLine, toJsonLine, CSV_COLUMNS, type ExportFormat } from './log-export';
export { replayLog, type ReplayChange, type ReplayInvalid, type ReplayReport } from './log-replay';
export { readLog, countLog, type LogFilter } from './log-read';
export { entryHash, factsHash, GENESIS_HASH, type ChainedContent, type DecisionLogTables, type LogContent, type LogEntry } from './log-entry';

export interface DecideContext {
  /** Teams user AAD object id, or "cli". */
  actor: string;
  conversationId?: string;
  /** false: evaluate without writing the log (tests, previews). Default true. */
  log?: boolean;
}

/**
 * The one way to decide: validate facts, evaluate the pack's rules, and append the decision to the
 * hash-chained log before answering. Throws PackError (unknown pack or decision) or FactsError (bad facts;
 * nothing is logged then).
 */
export class DecisionService {
  private readonly writer: DecisionLogWriter;

  constructor(
    db: Kysely<any>,
    private readonly packs: PackRegistry,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.writer = new DecisionLogWriter(db);
  }

  async decide(packId: string, decision: DecisionName, facts: unknown, ctx: DecideContext): Promise<DecisionOutput> {
    const pack = this.packs.get(packId);
    if (!pack) throw new PackError('pack_unknown', `Unknown pack "${packId}"; expected one of ${this.packs.ids().join(', ')}`, this.packs.ids());
    if (!ctx.actor) throw new Error('DecisionService.decide needs an actor');
    const result = evaluateDetailed(pack, decision, facts, this.clock());
    if (ctx.log !== false) {
      const out = result.output;
      await this.writer.append({
        decisionId: out.decisionId,
        at: out.at,
        decision: out.decision,
        pack: out.pack,
        packVersion: out.packVersion,
        facts: result.facts,
        outcome: out.outcome,
        rules: result.rules,
        actor: ctx.actor,
        conversationId: ctx.conversationId ?? null,
      });
    }
    return result.output;
  }

  /** Waits for pending log writes (before closing the database). */
  flush(): Promise<void> {
    return this.writer.drain();
  }
}
