import { z } from 'zod';
import { ReminderError } from './errors';

export type JobStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';
export const JOB_STATUSES: readonly JobStatus[] = ['pending', 'sending', 'sent', 'failed', 'dead'];

/** The reminder kinds the product knows; the queue accepts any kind that has a renderer. */
export const REMINDER_KINDS = ['reporting', 'closing-date', 'missing-stand-in', 'pedagogical-end-date', 'goal-follow-up'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Who gets the reminder: a person (their personal chat with the bot) or a stored conversation (e.g. a channel). */
export type JobTarget = { type: 'user'; aadObjectId: string } | { type: 'conversation'; conversationId: string };

/** Ids and dates only: the text is rendered when the reminder is sent, never stored in the queue. */
export type JobPayload = Record<string, string | number | boolean | null>;

export interface JobSpec {
  /** Same key, same reminder: enqueueing it again does nothing. E.g. `reporting:stockholm:2026-02:<aad id>`. */
  idempotencyKey: string;
  kind: string;
  target: JobTarget;
  payload?: JobPayload;
  dueAt: Date;
  campaignId?: string;
}

export interface ReminderJob {
  id: number;
  idempotencyKey: string;
  kind: string;
  target: JobTarget;
  payload: JobPayload;
  dueAt: Date;
  status: JobStatus;
  /** Claims so far, this one included. */
  attempts: number;
  nextAttemptAt: Date;
  lockedBy: string | null;
  lockedUntil: Date | null;
  /** An HTTP status or a short code such as `no_reference`; never a message text. */
  lastError: string | null;
  sentAt: Date | null;
  confirmedAt: Date | null;
  campaignId: string | null;
}

const idLike = z.string().min(1).max(200);
const payloadSchema = z.record(z.string().max(60), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]));

const specSchema = z.object({
  idempotencyKey: z.string().min(1).max(400),
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,59}$/, 'kebab-case kind'),
  target: z.discriminatedUnion('type', [
    z.object({ type: z.literal('user'), aadObjectId: idLike }),
    z.object({ type: z.literal('conversation'), conversationId: idLike }),
  ]),
  payload: payloadSchema.optional(),
  dueAt: z.date().refine((d) => !Number.isNaN(d.getTime()), 'valid date'),
  campaignId: z.string().min(1).max(200).optional(),
});

/** Refuses a job the queue must not hold (nested payloads, long text, bad kind) before anything is written. */
export function validateJobSpec(spec: JobSpec): JobSpec {
  const parsed = specSchema.safeParse(spec);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || 'job'}: ${i.message}`).join('; ');
    throw new ReminderError(parsed.error.issues.some((i) => i.path[0] === 'payload') ? 'invalid_payload' : 'invalid_job', `Invalid reminder job: ${where}`);
  }
  return parsed.data as JobSpec;
}

export function targetColumns(target: JobTarget): { target_type: 'user' | 'conversation'; target: string } {
  return target.type === 'user'
    ? { target_type: 'user', target: target.aadObjectId }
    : { target_type: 'conversation', target: target.conversationId };
}

export function targetFromColumns(type: string, value: string): JobTarget {
  return type === 'user' ? { type: 'user', aadObjectId: value } : { type: 'conversation', conversationId: value };
}
