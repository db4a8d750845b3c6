/**
 * Shared by the account-flow tests: activities as Teams sends them and form values that satisfy each pack.
 * Not used by the bot itself.
 */
import type { Activity } from 'botbuilder';
import type { TestAdapter } from 'botbuilder';

export const UNIT = 'Kulturförvaltningen';
export const CHANNEL = '19:godkannanden@thread.tacv2';
export const TEAM = '19:team-kommunikation@thread.tacv2';

export const people = {
  admin: { userId: '29:admin', aadObjectId: 'aad-admin', name: 'Isaiah Langer' },
  alex: { userId: '29:alex', aadObjectId: 'aad-alex', name: 'Alex Wilber' },
  megan: { userId: '29:megan', aadObjectId: 'aad-megan', name: 'Megan Bowen' },
  adele: { userId: '29:adele', aadObjectId: 'aad-adele', name: 'Adele Vance' },
  lee: { userId: '29:lee', aadObjectId: 'aad-lee', name: 'Lee Gu' },
};

export type Who = (typeof people)[keyof typeof people];

/** An Action.Execute press (or refresh) on a card in the channel. */
export function execute(verb: string, data: Record<string, unknown>, replyToId = 'approval-card-1'): Partial<Activity> {
  return { type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data } } };
}

/** The card in an invoke response. */
export function invokeCard(reply: Partial<Activity>): { body?: unknown[]; actions?: { title: string }[]; refresh?: unknown } {
  return ((reply.value as { body?: { value?: unknown } })?.body?.value ?? {}) as { body?: unknown[]; actions?: { title: string }[] };
}

export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Form values the Stockholm pack finds complete. */
export function stockholmForm(owner: string, standIn: string): Record<string, string> {
  return {
    unit: UNIT,
    platform: 'Instagram',
    accountName: 'Kulturskolan Stockholm',
    url: 'https://instagram.com/kulturskolan',
    accountType: 'official',
    purpose: 'Visa elevernas konserter och locka nya elever',
    linkedToPlan: 'true',
    goals: '500 följare före december\n2 inlägg i veckan',
    goalsMeasurable: 'true',
    audiences: 'elever, vårdnadshavare',
    owner,
    standIn,
    monitoringDaily: 'true',
    basicInfo: 'owner_unit_and_city,content_description,participation_terms,contact_details,unit_website_link,privacy_link',
    graphicProfile: 'true',
    sharedAccountConsidered: 'true',
    editorsTrained: 'false',
    startupMeetingHeld: 'false',
    credentialsLocation: 'Lösenordshanteraren, posten Instagram Kulturskolan',
  };
}

/** Form values the Nyköping pack finds complete (start-up meeting and trained editors). */
export function nykopingForm(owner: string, standIn: string): Record<string, string> {
  return { ...stockholmForm(owner, standIn), editorsTrained: 'true', startupMeetingHeld: 'true', x_personalRoleAccount: 'false' };
}

export function daysAgo(days: number, now = new Date()): string {
  const d = new Date(now.getTime() - days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Records every card update the bot makes (Teams replaces the channel message for everyone). */
export function recordUpdates(adapter: TestAdapter): Partial<Activity>[] {
  const updates: Partial<Activity>[] = [];
  adapter.use(async (context, next) => {
    context.onUpdateActivity(async (_ctx, activity, nextUpdate) => {
      updates.push(activity);
      return nextUpdate();
    });
    await next();
  });
  return updates;
}

/** A conversation as one of the people above (the test bot's helper gives everyone the same name otherwise). */
export function as(
  conversation: (options: { userId: string; aadObjectId: string; conversationType?: 'personal' | 'channel'; teamId?: string; conversationId?: string; tenantId?: string }) => TestAdapter,
  who: Who,
  where: { channel?: boolean; tenantId?: string } = {},
): TestAdapter {
  const adapter = conversation({
    userId: who.userId,
    aadObjectId: who.aadObjectId,
    tenantId: where.tenantId,
    ...(where.channel ? { conversationType: 'channel' as const, teamId: TEAM, conversationId: CHANNEL } : {}),
  });
  adapter.template.from = { ...adapter.template.from!, name: who.name };
  return adapter;
}
