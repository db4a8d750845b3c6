import type { Generated } from 'kysely';
import type { JobStatus } from './jobs';

/** Tables of migrations/003_conversation_refs_and_jobs.sql used by the reminder machinery. */
export type ReminderTables = {
  reminder_jobs: {
    id: Generated<number>;
    idempotency_key: string;
    kind: string;
    target_type: 'user' | 'conversation';
    target: string;
    payload: unknown;
    due_at: Date;
    status: Generated<JobStatus>;
    attempts: Generated<number>;
    next_attempt_at: Date;
    locked_by: string | null;
    locked_until: Date | null;
    last_error: string | null;
    sent_at: Date | null;
    confirmed_at: Date | null;
    campaign_id: string | null;
    created_at: Generated<Date>;
  };
  campaigns: {
    id: string;
    kind: string;
    pack: string | null;
    period: string | null;
    started_at: Generated<Date>;
    started_by: string | null;
  };
  reminder_workers: {
    worker_id: string;
    seen_at: Date;
  };
};
