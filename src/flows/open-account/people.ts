import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { BotServices } from '../../bot/services';
import type { Person } from '../../requests';
import { workflowOf } from '../approvals/workflow';

const CACHE_MS = 5 * 60_000;
const MAX_MEMBERS = 500;
const teamCache = new Map<string, { at: number; people: Person[] }>();

async function teamMembers(context: TurnContext, teamId: string, now: number): Promise<Person[]> {
  const cached = teamCache.get(teamId);
  if (cached && now - cached.at < CACHE_MS) return cached.people;
  const people: Person[] = [];
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedTeamMembers(context, teamId, 100, token);
    for (const m of page.members) if (m.aadObjectId && m.name) people.push({ aadObjectId: m.aadObjectId, name: m.name });
    token = page.continuationToken;
  } while (token && people.length < MAX_MEMBERS);
  teamCache.set(teamId, { at: now, people });
  return people;
}

/**
 * People a form may name as owner or stand-in: the person writing, members of the teams where approvals happen
 * (Teams has no people picker in every client), and the pack's approvers. Degrades to what is known when Teams
 * cannot list members.
 */
export async function knownPeople(context: TurnContext, services: BotServices, packId: string, extra: (Person | null | undefined)[] = []): Promise<Person[]> {
  const me = context.activity.from;
  const found: Person[] = [];
  if (me?.aadObjectId) found.push({ aadObjectId: me.aadObjectId, name: me.name || 'Jag' });
  const workflow = workflowOf(services);
  await workflow.ready;
  const channels = await workflow.channels.all();
  const teamIds = [...new Set(channels.filter((c) => c.pack === packId && c.teamId).map((c) => c.teamId as string))];
  const now = services.clock.now().getTime();
  for (const teamId of teamIds) {
    try {
      found.push(...(await teamMembers(context, teamId, now)));
    } catch (error) {
      services.logger.warn({ event: 'team_members_unavailable', status: (error as { statusCode?: number }).statusCode }, 'team members not listed');
    }
  }
  found.push(...(await workflow.approvers.people(packId)));
  for (const p of extra) if (p) found.push(p);
  const unique = new Map<string, Person>();
  for (const p of found) if (!unique.has(p.aadObjectId)) unique.set(p.aadObjectId, p);
  const [first, ...rest] = [...unique.values()];
  return first ? [first, ...rest.sort((a, b) => a.name.localeCompare(b.name, 'sv'))] : [];
}
