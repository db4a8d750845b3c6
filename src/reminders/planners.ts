import type { JobPayload, JobSpec, JobTarget } from './jobs';
import { zonedMonth, zonedParts, zonedTime } from './zoned-time';

/**
 * Creates the jobs that are due at `now`. Called every scheduler interval, so it must be repeatable:
 * the same situation gives the same idempotency keys, and the queue ignores keys it already has.
 */
export type Planner = (now: Date) => Promise<JobSpec[]>;

export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

export interface ReportingMonthPlannerOptions {
  pack: string;
  /** 1–12, from the pack's settings (Stockholm: February and September). */
  reportingMonths: readonly number[];
  /** AAD object ids of the account owners who report, for the period `yyyy-mm`. */
  owners: (period: string) => Promise<string[]>;
  timeZone?: string;
  /** Local hour of the first day when the reminder goes out. */
  hour?: number;
  kind?: string;
  /** Attach the jobs to a campaign (for status and confirmations). */
  campaignId?: (period: string) => string | undefined;
}

/**
 * One reminder per owner in each reporting month, due on its first day at `hour` local time. If the bot was
 * down on that day it catches up later in the month; an owner added mid-month is reminded when added.
 */
export function reportingMonthPlanner(options: ReportingMonthPlannerOptions): Planner {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const hour = options.hour ?? 9;
  const kind = options.kind ?? 'reporting';
  return async function reportingMonth(now) {
    const local = zonedParts(now, timeZone);
    if (!options.reportingMonths.includes(local.month)) return [];
    const dueAt = zonedTime(local.year, local.month, 1, hour, timeZone);
    if (now < dueAt) return [];
    const period = zonedMonth(now, timeZone);
    const campaignId = options.campaignId?.(period);
    const owners = [...new Set(await options.owners(period))];
    return owners.map((aadObjectId) => ({
      idempotencyKey: `${kind}:${options.pack}:${period}:${aadObjectId}`,
      kind,
      target: { type: 'user', aadObjectId },
      payload: { pack: options.pack, period },
      dueAt,
      ...(campaignId ? { campaignId } : {}),
    }));
  };
}

export interface DatedItem {
  /** Stable id of the thing reminded about, e.g. the account id. */
  key: string;
  target: JobTarget;
  /** `yyyy-mm-dd`, e.g. the closing date or a pedagogical account's end date. */
  date: string;
  payload?: JobPayload;
}

export interface DueDatePlannerOptions {
  /** e.g. 'closing-date', 'pedagogical-end-date', 'goal-follow-up'. */
  kind: string;
  items: (now: Date) => Promise<DatedItem[]>;
  /** Remind this many days before the date (0 = on the day). */
  daysBefore?: number;
  timeZone?: string;
  hour?: number;
}

/** One reminder per item and date, due `daysBefore` days before the date at `hour` local time. */
export function dueDatePlanner(options: DueDatePlannerOptions): Planner {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const hour = options.hour ?? 9;
  const daysBefore = options.daysBefore ?? 0;
  return async function dueDate(now) {
    const specs: JobSpec[] = [];
    for (const item of await options.items(now)) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(item.date);
      if (!match) continue;
      const dueAt = zonedTime(Number(match[1]), Number(match[2]), Number(match[3]) - daysBefore, hour, timeZone);
      if (dueAt > now) continue;
      specs.push({
        idempotencyKey: `${options.kind}:${item.key}:${item.date}`,
        kind: options.kind,
        target: item.target,
        payload: { ...(item.payload ?? {}), date: item.date },
        dueAt,
      });
    }
    return specs;
  };
}
