export { FakeClock, realSleep, systemClock, type Clock, type Sleep } from './clock';
export { campaignId, Campaigns, type Campaign, type CampaignStatus, type StartCampaign } from './campaigns';
export { ReminderError, type ReminderErrorCode } from './errors';
export { ReminderJobs, type ClaimOptions, type JobCounts } from './job-queue';
export {
  JOB_STATUSES,
  REMINDER_KINDS,
  validateJobSpec,
  type JobPayload,
  type JobSpec,
  type JobStatus,
  type JobTarget,
  type ReminderJob,
  type ReminderKind,
} from './jobs';
export {
  dueDatePlanner,
  reportingMonthPlanner,
  DEFAULT_TIME_ZONE,
  type DatedItem,
  type DueDatePlannerOptions,
  type Planner,
  type ReportingMonthPlannerOptions,
} from './planners';
export { zonedMonth, zonedParts, zonedTime } from './zoned-time';
export { createProgressBar, type ProgressBar, type ProgressBarOptions } from './progress-bar';
export { ProactiveThrottle, TEAMS_CONVERSATION_LIMITS, TEAMS_TENANT_LIMITS, type ProactiveThrottleOptions, type WindowRule } from './rate-limiter';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
export { createScheduler, type Scheduler, type SchedulerOptions, type TickResult } from './scheduler';
export {
  ProactiveSender,
  type AttemptHooks,
  type DeadReferenceEvent,
  type FailedJobEvent,
  type ProactiveSenderOptions,
  type ReferenceDirectory,
  type ReminderRenderer,
  type SendOutcome,
} from './sender';
export {
  IDEMPOTENCY_KEY_FIELD,
  parseRetryAfter,
  TransportError,
  withIdempotencyKey,
  type ProactiveActivity,
  type ProactiveTransport,
  type SendHooks,
} from './transport';
export { ReminderWorker, type WorkerOptions, type WorkerStats } from './worker';
export { campaignDetail, runCampaign, type RunCampaignOptions } from './run-campaign';
