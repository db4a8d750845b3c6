import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { canonicalJson, sha256 } from '../rules/canonical-json';

/**
 * Signed checkpoints of the decision log's head, kept outside the database: a JSON line per checkpoint with the
 * entry count and head hash at a time, signed with Ed25519. The database never holds the private key, so whoever
 * can rewrite the database (delete the tail and move the head back, or edit and recompute every hash) cannot
 * make a checkpoint agree with the rewrite; `verifyLog` with the checkpoints names it.
 */
export const checkpointSchema = z.object({
  v: z.literal(1),
  entries: z.number().int().min(0),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().datetime(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().min(1),
});

export type Checkpoint = z.infer<typeof checkpointSchema>;

export class CheckpointError extends Error {
  readonly code = 'checkpoint';
}

/** The private key from PEM text or a PEM file (LOG_SIGNING_KEY / LOG_SIGNING_KEY_FILE); null when neither is set. */
export function loadSigningKey(options: { pem?: string; file?: string }): KeyObject | null {
  const pem = options.pem ?? (options.file ? readFileSync(options.file, 'utf8') : undefined);
  if (!pem) return null;
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new CheckpointError(`the log signing key must be Ed25519, not ${key.asymmetricKeyType}`);
  return key;
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new CheckpointError(`the log public key must be Ed25519, not ${key.asymmetricKeyType}`);
  return key;
}

/** A short name for a key pair: the first 16 hex digits of sha256 over the public key (DER). */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256(publicKey.export({ type: 'spki', format: 'der' }).toString('base64')).slice(0, 16);
}

function signedText(c: Pick<Checkpoint, 'v' | 'entries' | 'headHash' | 'at' | 'keyId'>): Buffer {
  return Buffer.from(canonicalJson({ v: c.v, entries: c.entries, headHash: c.headHash, at: c.at, keyId: c.keyId }), 'utf8');
}

export function signCheckpoint(head: { entries: number; headHash: string }, privateKey: KeyObject, at: Date): Checkpoint {
  const unsigned = { v: 1 as const, entries: head.entries, headHash: head.headHash, at: at.toISOString(), keyId: keyIdOf(createPublicKey(privateKey)) };
  return { ...unsigned, signature: sign(null, signedText(unsigned), privateKey).toString('base64') };
}

export function checkpointSignatureValid(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  if (checkpoint.keyId !== keyIdOf(publicKey)) return false;
  return verify(null, signedText(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
}

/** The checkpoints of a file, in file order; a malformed line is an error that names its line number. */
export function readCheckpoints(file: string): Checkpoint[] {
  if (!existsSync(file)) return [];
  const list: Checkpoint[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new CheckpointError(`${file} line ${index + 1}: not JSON`);
      }
      const parsed = checkpointSchema.safeParse(value);
      if (!parsed.success) throw new CheckpointError(`${file} line ${index + 1}: not a checkpoint (${parsed.error.issues.map((i) => i.path.join('.') || 'line').join(', ')})`);
      list.push(parsed.data);
    });
  return list;
}

export interface CheckpointOptions {
  privateKey: KeyObject;
  file: string;
  now?: Date;
}

/**
 * Signs the log's head as the database records it now and appends it to the file. Refuses when the head row is
 * missing or records fewer entries than the file's last checkpoint (the head was moved back). Returns null when
 * the head has not moved since the last checkpoint, so an idle bot does not grow the file.
 */
export async function takeCheckpoint(db: Kysely<any>, options: CheckpointOptions): Promise<Checkpoint | null> {
  const head = await sql<{ entries: number | string; last_hash: string }>`select entries, last_hash from decision_log_head where singleton`.execute(db);
  if (head.rows.length === 0) throw new CheckpointError('the decision log head row is missing: the log was tampered with; run log:verify');
  const entries = Number(head.rows[0].entries);
  const headHash = head.rows[0].last_hash;
  const last = readCheckpoints(options.file).at(-1);
  if (last && entries < last.entries) {
    throw new CheckpointError(`the log head records ${entries} entries, fewer than the ${last.entries} of the last checkpoint (${last.at}): the log was rewritten; run log:verify`);
  }
  if (last && last.entries === entries && last.headHash === headHash) return null;
  const checkpoint = signCheckpoint({ entries, headHash }, options.privateKey, options.now ?? new Date());
  mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  appendFileSync(options.file, `${JSON.stringify(checkpoint)}\n`, { flush: true });
  return checkpoint;
}
