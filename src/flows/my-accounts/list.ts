import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { ACCOUNT_STATUSES, AccountRegister, STATUS_LABELS, type Account, type AccountFilter, type AccountStatus } from '../../accounts';
import { sendCard, sendNotice } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { actorOf, tenancyOf } from '../../bot/tenancy';
import { accountView } from './account-view';
import { isCommunicationsUnit, mayEditPeople } from './access';

/** Teams refuses messages over about 28 KB; twenty accounts per card stay well below. */
export const PAGE_SIZE = 20;
const ALL = 'alla';

export const filterSchema = z.object({
  unit: z.string().trim().max(200).optional().catch(undefined),
  platform: z.string().trim().max(100).optional().catch(undefined),
  status: z.string().trim().max(20).optional().catch(undefined),
  text: z.string().trim().max(100).optional().catch(undefined),
  offset: z.coerce.number().int().min(0).max(100_000).optional().catch(undefined),
});

export type FilterInput = z.infer<typeof filterSchema>;

function chosen(value: string | undefined): string | undefined {
  return value && value !== ALL ? value : undefined;
}

function toFilter(pack: string, input: FilterInput): AccountFilter {
  const status = chosen(input.status);
  return {
    pack,
    unit: chosen(input.unit),
    platform: chosen(input.platform),
    status: ACCOUNT_STATUSES.includes(status as AccountStatus) ? (status as AccountStatus) : undefined,
    text: input.text || undefined,
  };
}

function distinctSorted(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b, 'sv'));
}

function choices(values: string[], allTitle: string) {
  return [{ title: allTitle, value: ALL }, ...values.map((v) => ({ title: v, value: v }))];
}

function page(accounts: Account[], offset: number) {
  const start = offset < accounts.length ? offset : 0;
  const shown = accounts.slice(start, start + PAGE_SIZE);
  return { shown, start, nextOffset: start + PAGE_SIZE < accounts.length ? start + PAGE_SIZE : -1 };
}

function countText(total: number, start: number, shownCount: number): string {
  if (total === 0) return '';
  if (total <= shownCount) return total === 1 ? '1 konto.' : `${total} konton.`;
  return `Visar ${start + 1}–${start + shownCount} av ${total} konton.`;
}

/** "Mina konton": the accounts the person owns or stands in for. */
export async function sendMyAccounts(context: TurnContext, services: BotServices, offset = 0): Promise<void> {
  const actor = actorOf(context);
  const register = new AccountRegister(services.database.db);
  const accounts = await register.forPerson(actor);
  const { shown, start, nextOffset } = page(accounts, offset);
  const comms = isCommunicationsUnit(services, actor);
  await sendCard(context, 'my-accounts.list', {
    title: 'Mina konton',
    intro: 'Konton i sociala medier där du är ansvarig eller ersättare.',
    isRegister: false,
    canSeeRegister: comms,
    countText: countText(accounts.length, start, shown.length),
    empty: accounts.length === 0,
    emptyText: 'Du är inte ansvarig eller ersättare för något konto i registret. Har din verksamhet ett konto som saknas? Registrera det, så gäller policyn även för det.',
    accounts: shown.map((a) => accountView(a, actor, mayEditPeople(services, a, actor))),
    nextOffset,
    filter: { unit: ALL, platform: ALL, status: ALL, text: '' },
    unitChoices: [],
    platformChoices: [],
    statusChoices: [],
  });
  services.logger.info({ event: 'register_viewed', view: 'mine', count: accounts.length }, 'my accounts shown');
}

/** "Kontoregister": every account of the pack, filtered, for the communications unit. */
export async function sendRegister(context: TurnContext, services: BotServices, input: FilterInput = {}): Promise<void> {
  const actor = actorOf(context);
  if (!isCommunicationsUnit(services, actor)) {
    await sendNotice(context, 'Kontoregistret är för kommunikationsenheten', 'Här är i stället de konton du själv ansvarar för eller är ersättare för.', 'Warning');
    return sendMyAccounts(context, services);
  }
  const pack = packFor(services, tenancyOf(context));
  const register = new AccountRegister(services.database.db);
  const filter = toFilter(pack.id, input);
  const everything = await register.search({ pack: pack.id });
  const accounts = filter.unit || filter.platform || filter.status || filter.text ? await register.search(filter) : everything;
  const { shown, start, nextOffset } = page(accounts, input.offset ?? 0);
  const filtered = accounts.length !== everything.length;
  await sendCard(context, 'my-accounts.list', {
    title: 'Kontoregister',
    intro: `Alla konton i sociala medier i ${pack.name}s register. Filtrera på enhet, plattform och status, eller sök på namn och personer.`,
    isRegister: true,
    canSeeRegister: true,
    countText: countText(accounts.length, start, shown.length),
    empty: accounts.length === 0,
    emptyText: filtered ? 'Inga konton matchar filtret. Ändra filtret eller välj "Alla".' : 'Registret är tomt än så länge. Konton kommer in när en ansökan godkänns eller ett befintligt konto registreras.',
    accounts: shown.map((a) => accountView(a, actor, mayEditPeople(services, a, actor))),
    nextOffset,
    filter: {
      unit: filter.unit ?? ALL,
      platform: input.platform && input.platform !== ALL ? input.platform : ALL,
      status: filter.status ?? ALL,
      text: filter.text ?? '',
    },
    unitChoices: choices(distinctSorted([...services.config.orgUnits, ...everything.map((a) => a.unit)]), 'Alla enheter'),
    platformChoices: choices(distinctSorted(everything.map((a) => a.platform)), 'Alla plattformar'),
    statusChoices: [{ title: 'Alla statusar', value: ALL }, ...ACCOUNT_STATUSES.map((s) => ({ title: STATUS_LABELS[s], value: s }))],
  });
  services.logger.info({ event: 'register_viewed', view: 'register', pack: pack.id, count: accounts.length, filtered }, 'register shown');
}
