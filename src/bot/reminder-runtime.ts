import type { CloudAdapterBase } from 'botbuilder';
import { AccountRegister } from '../accounts';
import { ConfigError } from '../config';
import { ConversationReferences } from '../db/conversation-references';
import { reminderPlanners, reminderRenderers, tellCommunicationsUnit } from '../flows/reminders';
import {
  createScheduler,
  ProactiveSender,
  realSleep,
  ReminderJobs,
  type Clock,
  type DeadReferenceEvent,
  type Planner,
  type ProactiveThrottle,
  type ProactiveTransport,
  type RetryPolicy,
  type Scheduler,
  type Sleep,
  type TickResult,
} from '../reminders';
import type { ReminderTables } from '../reminders/tables';
import { createBotFrameworkTransport } from './proactive-transport';
import type { BotServices } from './services';

export interface ReminderRuntimeOptions {
  /** Default: the bot's clock (services.clock). */
  clock?: Clock;
  /** Default: real waiting. Tests with a FakeClock pass `clock.sleep`. */
  sleep?: Sleep;
  /** Default: the Bot Framework transport on the bot's adapter. */
  transport?: ProactiveTransport;
  /** Default: SCHEDULER_INTERVAL_MS. */
  intervalMs?: number;
  workerId?: string;
  throttle?: ProactiveThrottle;
  retry?: Partial<RetryPolicy>;
  /** Default: every reminder kind of every loaded pack. */
  planners?: Planner[];
}

export interface ReminderRuntime {
  readonly scheduler: Scheduler;
  readonly sender: ProactiveSender;
  readonly jobs: ReminderJobs;
  /** Plans every interval and keeps a worker sending. */
  start(): void;
  /** Graceful: sends in flight finish. */
  stop(): Promise<void>;
  /** One round by hand: plan, then send everything due now. */
  tick(): Promise<TickResult>;
}

export interface ReminderRuntimeDeps {
  services: BotServices;
  adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>;
}

/**
 * The reminder machinery for a running bot (or the CLI): planners from the packs, Swedish cards rendered at send
 * time, the proactive sender on the real Teams transport with the stored conversation references.
 */
export function createReminderRuntime(deps: ReminderRuntimeDeps, options: ReminderRuntimeOptions = {}): ReminderRuntime {
  const { services } = deps;
  const db = services.database.db;
  const clock = options.clock ?? services.clock;
  const sleep = options.sleep ?? realSleep;
  const jobs = new ReminderJobs(db);
  const references = new ConversationReferences(db);
  const sender = new ProactiveSender({
    transport: options.transport ?? createBotFrameworkTransport({ adapter: deps.adapter, botAppId: services.config.bot?.id ?? '' }),
    references,
    renderers: reminderRenderers(services),
    throttle: options.throttle,
    retry: options.retry,
    clock,
    sleep,
    logger: services.logger,
    onDeadReference: (event) => onDeadReference(services, event),
  });
  const scheduler = createScheduler({
    clock,
    sleep,
    intervalMs: options.intervalMs ?? services.config.scheduler.intervalMs,
    jobs,
    sender,
    planners: options.planners ?? reminderPlanners(services),
    workerId: options.workerId,
    logger: services.logger,
  });
  let running = false;
  return {
    scheduler,
    sender,
    jobs,
    start() {
      if (running) return;
      running = true;
      scheduler.start();
      services.logger.info({ event: 'reminders_started', intervalMs: options.intervalMs ?? services.config.scheduler.intervalMs }, 'reminder scheduler started');
    },
    async stop() {
      if (!running) return;
      running = false;
      await scheduler.stop();
    },
    tick: () => scheduler.tick(),
  };
}

/** The bot can no longer write to someone: the communications unit is told which account, never who. */
async function onDeadReference(services: BotServices, event: DeadReferenceEvent): Promise<void> {
  const job = await services.database.db
    .withTables<ReminderTables>()
    .selectFrom('reminder_jobs')
    .select(['payload'])
    .where('id', '=', event.jobId)
    .executeTakeFirst();
  const accountId = (job?.payload as Record<string, unknown> | undefined)?.accountId;
  const account = typeof accountId === 'string' ? await new AccountRegister(services.database.db).get(accountId) : undefined;
  const about = account ? `om kontot ${account.platform} – ${account.accountName}` : event.kind === 'reporting' ? 'om rapporteringen av kontona' : 'om ett konto';
  const where = event.conversationType === 'personal' ? 'en persons chatt med mig' : 'en kanal';
  await tellCommunicationsUnit(
    services,
    'En påminnelse kom inte fram',
    `Jag kunde inte skicka en påminnelse ${about}: ${where} finns inte längre eller så har jag tagits bort där. Kontrollera vem som ansvarar och be personen öppna Sociala medier-assistenten i Teams igen.`,
  );
  services.logger.warn({ event: 'reminder_dead_reference_reported', jobId: event.jobId, kind: event.kind, status: event.status }, 'dead reference reported to the communications unit');
}

/**
 * A clock for end-to-end tests and demos: with `CLOCK_START=<ISO instant>` the bot's time starts there and runs
 * forward in real time. Unset (the normal case): undefined, and the system clock is used.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env, realNow: () => number = Date.now): Clock | undefined {
  const start = env.CLOCK_START?.trim();
  if (!start) return undefined;
  const startMs = Date.parse(start);
  if (Number.isNaN(startMs)) throw new ConfigError(`Ogiltig inställning / invalid setting CLOCK_START: not a date and time: ${start}`);
  const offset = startMs - realNow();
  return { now: () => new Date(realNow() + offset) };
}
