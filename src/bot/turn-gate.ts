/**
 * What an authenticated request must also be before it reaches the bot. A valid token proves the Bot Framework
 * sent it; these checks keep the bot to Teams: its channel, its people (by AAD object id) and its reply service.
 */

/** The Bot Connector hosts of Teams: public cloud, GCC, GCC High, DoD. Replies go only there. */
export const TEAMS_SERVICE_HOSTS = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
] as const;

export function isTeamsServiceUrl(serviceUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    !url.username &&
    !url.password &&
    (url.port === '' || url.port === '443') &&
    (TEAMS_SERVICE_HOSTS as readonly string[]).includes(url.hostname.toLowerCase())
  );
}

export type GateRefusal = 'channel' | 'service_url' | 'identity';

interface GatedActivity {
  type: string;
  channelId: string;
  serviceUrl: string;
  from?: { aadObjectId?: unknown };
}

/** Types in which a person acts and must be known by their AAD object id. */
const ACTING_TYPES = new Set(['message', 'invoke']);

/** Why an authenticated activity may not reach the bot, or null when it may. */
export function gateRefusal(activity: GatedActivity): GateRefusal | null {
  if (activity.channelId !== 'msteams') return 'channel';
  if (!isTeamsServiceUrl(activity.serviceUrl)) return 'service_url';
  const aad = activity.from?.aadObjectId;
  if (ACTING_TYPES.has(activity.type) && (typeof aad !== 'string' || aad.length === 0)) return 'identity';
  return null;
}
