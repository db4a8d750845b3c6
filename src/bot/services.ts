import type { Config } from '../config';
import type { Database } from '../db';
import type { DecisionService } from '../decisions';
import type { Logger } from '../log/logger';
import type { IntentRecognizer, PolicySearch } from '../nlu';
import type { LoadedPack, PackRegistry } from '../rules';
import type { Notifier } from './notifier';

export interface Clock {
  now(): Date;
}

/** Everything a flow may use. Flows reach the database and the engine only through these. */
export interface BotServices {
  config: Config;
  database: Database;
  packs: PackRegistry;
  decisions: DecisionService;
  intents: IntentRecognizer;
  policySearch: PolicySearch;
  logger: Logger;
  clock: Clock;
  notifier: Notifier;
}

export interface Tenancy {
  tenantId?: string;
  teamId?: string;
}

/** The pack a conversation follows: a team mapping wins over a tenant mapping, else the default pack. */
export function packFor(services: Pick<BotServices, 'config' | 'packs'>, where: Tenancy): LoadedPack {
  const { packMapping, defaultPack } = services.config;
  const id = (where.teamId && packMapping[where.teamId]) || (where.tenantId && packMapping[where.tenantId]) || defaultPack;
  const pack = services.packs.get(id) ?? services.packs.get(defaultPack);
  if (!pack) throw new Error(`No policy pack "${id}" and no default pack "${defaultPack}"`);
  return pack;
}
