import type { Account } from '../../accounts';
import type { BotServices } from '../../bot/services';
import { Campaigns, DEFAULT_TIME_ZONE, dueDatePlanner, reportingMonthPlanner, type DatedItem, type Planner } from '../../reminders';
import { zonedParts } from '../../reminders/zoned-time';
import type { LoadedPack } from '../../rules';
import { closingDatePlanner } from '../close-account/reminder';
import { workflowOf } from '../approvals/workflow';
import { openAccounts, reportingPeople, splitReachable } from './people';
import { REPORTING_KIND, reportingCampaignId } from './reporting';

export const MISSING_STAND_IN_KIND = 'missing-stand-in';
export const PEDAGOGICAL_END_KIND = 'pedagogical-end-date';
export const GOAL_FOLLOW_UP_KIND = 'goal-follow-up';
export const HOLIDAY_PACE_KIND = 'holiday-pace';
export const HOLIDAY_SEASONS = ['summer', 'christmas'] as const;
export type HolidaySeason = (typeof HOLIDAY_SEASONS)[number];

const HOUR = 9;

function timeZoneOf(pack: LoadedPack): string {
  return pack.settings.timeZone || DEFAULT_TIME_ZONE;
}

function ownerItem(account: Account, date: string): DatedItem {
  return { key: account.id, target: { type: 'user', aadObjectId: account.owner.aadObjectId }, date, payload: { accountId: account.id, pack: account.pack } };
}

/** Only items whose owner has a chat with the bot; the rest are planned on a later round, once they have one. */
async function reachableOnly(services: BotServices, items: DatedItem[]): Promise<DatedItem[]> {
  const owners = items.flatMap((i) => (i.target.type === 'user' ? [i.target.aadObjectId] : []));
  const { reachable } = await splitReachable(services.database.db, [...new Set(owners)]);
  const ok = new Set(reachable);
  return items.filter((i) => i.target.type !== 'user' || ok.has(i.target.aadObjectId));
}

function reportingPlanner(services: BotServices, pack: LoadedPack): Planner {
  const db = services.database.db;
  const campaigns = new Campaigns(db);
  const inner = reportingMonthPlanner({
    pack: pack.id,
    reportingMonths: pack.settings.reportingMonths,
    timeZone: timeZoneOf(pack),
    hour: HOUR,
    kind: REPORTING_KIND,
    owners: async () => (await splitReachable(db, await reportingPeople(db, pack.id))).reachable,
    campaignId: (period) => reportingCampaignId(pack.id, period),
  });
  return async function reporting(now) {
    const specs = await inner(now);
    if (specs.length === 0) return specs;
    // The jobs point at their campaign; the campaign row must exist before they are written.
    await campaigns.start({ kind: REPORTING_KIND, pack: pack.id, period: String(specs[0].payload?.period), startedBy: 'scheduler', now }, []);
    return specs;
  };
}

/** The closing-date planner of the close-account flow, kept to the packs that want it. */
function closingPlanner(services: BotServices, packs: Set<string>): Planner {
  const inner = closingDatePlanner(services);
  return async function closingDate(now) {
    const specs = await inner(now);
    if (specs.length === 0) return specs;
    const closing = await workflowOf(services).register.search({ status: 'closing' });
    const wanted = new Set(closing.filter((a) => packs.has(a.pack)).map((a) => a.id));
    const items = specs.filter((s) => wanted.has(String(s.payload?.accountId)));
    const { reachable } = await splitReachable(services.database.db, items.map((s) => (s.target.type === 'user' ? s.target.aadObjectId : '')));
    return items.filter((s) => s.target.type !== 'user' || reachable.includes(s.target.aadObjectId));
  };
}

function localDate(now: Date, timeZone: string): { year: number; month: string } {
  const p = zonedParts(now, timeZone);
  return { year: p.year, month: `${p.year}-${String(p.month).padStart(2, '0')}` };
}

/** Monthly, while an open account has no stand-in or no goals. */
function missingStandInPlanner(services: BotServices, pack: LoadedPack): Planner {
  const timeZone = timeZoneOf(pack);
  return dueDatePlanner({
    kind: MISSING_STAND_IN_KIND,
    timeZone,
    hour: HOUR,
    items: async (now) => {
      const first = `${localDate(now, timeZone).month}-01`;
      const lacking = (await openAccounts(services.database.db, pack.id)).filter((a) => a.status === 'active' && (!a.standIn || a.goals.length === 0));
      return reachableOnly(services, lacking.map((a) => ownerItem(a, first)));
    },
  });
}

/** On the end date of an active pedagogical (time-limited) account. */
function pedagogicalEndPlanner(services: BotServices, pack: LoadedPack): Planner {
  return dueDatePlanner({
    kind: PEDAGOGICAL_END_KIND,
    timeZone: timeZoneOf(pack),
    hour: HOUR,
    items: async () => {
      const ending = (await openAccounts(services.database.db, pack.id)).filter((a) => a.status === 'active' && a.accountType === 'pedagogical' && a.endDate);
      return reachableOnly(services, ending.map((a) => ownerItem(a, String(a.endDate).slice(0, 10))));
    },
  });
}

/** Once a year, on the day the account was started, from its first anniversary on. */
function goalFollowUpPlanner(services: BotServices, pack: LoadedPack): Planner {
  const timeZone = timeZoneOf(pack);
  return dueDatePlanner({
    kind: GOAL_FOLLOW_UP_KIND,
    timeZone,
    hour: HOUR,
    items: async (now) => {
      const { year } = localDate(now, timeZone);
      const active = (await openAccounts(services.database.db, pack.id)).filter((a) => a.status === 'active' && Number(a.openedOn.slice(0, 4)) < year);
      return reachableOnly(services, active.map((a) => ownerItem(a, `${year}-${a.openedOn.slice(5, 10) === '02-29' ? '02-28' : a.openedOn.slice(5, 10)}`)));
    },
  });
}

/**
 * Before summer and Christmas, on the pack's date (`MM-DD`, local), one reminder per owner of an active account to
 * announce a lower posting pace. Planned only within that month, so an owner added in August gets no summer reminder.
 */
function holidayPacePlanner(services: BotServices, pack: LoadedPack, dates: Record<HolidaySeason, string>): Planner {
  const timeZone = timeZoneOf(pack);
  return dueDatePlanner({
    kind: HOLIDAY_PACE_KIND,
    timeZone,
    hour: HOUR,
    items: async (now) => {
      const { year, month } = localDate(now, timeZone);
      const seasons = HOLIDAY_SEASONS.filter((season) => `${year}-${dates[season].slice(0, 2)}` === month);
      if (seasons.length === 0) return [];
      const active = (await openAccounts(services.database.db, pack.id)).filter((a) => a.status === 'active');
      const owners = [...new Set(active.map((a) => a.owner.aadObjectId))];
      const items = seasons.flatMap((season) =>
        owners.map((aadObjectId): DatedItem => ({
          key: `${pack.id}:${season}:${aadObjectId}`,
          target: { type: 'user', aadObjectId },
          date: `${year}-${dates[season]}`,
          payload: { pack: pack.id, season },
        })),
      );
      return reachableOnly(services, items);
    },
  });
}

/** Every reminder kind of every loaded pack, as the pack's toggles, reporting months and time zone say. */
export function reminderPlanners(services: BotServices): Planner[] {
  const planners: Planner[] = [];
  const closingPacks = new Set<string>();
  for (const id of services.packs.ids()) {
    const pack = services.packs.get(id);
    if (!pack) continue;
    const toggles = pack.settings.reminders;
    if (toggles.reporting && pack.settings.reportingMonths.length > 0) planners.push(reportingPlanner(services, pack));
    if (toggles.closingDate) closingPacks.add(pack.id);
    if (toggles.missingStandIn) planners.push(missingStandInPlanner(services, pack));
    if (toggles.pedagogicalEndDate) planners.push(pedagogicalEndPlanner(services, pack));
    if (toggles.goalFollowUp) planners.push(goalFollowUpPlanner(services, pack));
    if (toggles.holidayPace) planners.push(holidayPacePlanner(services, pack, toggles.holidayPace));
  }
  if (closingPacks.size > 0) planners.push(closingPlanner(services, closingPacks));
  return planners;
}
