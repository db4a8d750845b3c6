import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { AccountError, AccountRegister, accountErrorText, type Account, type Person } from '../../accounts';
import { cardActivity, sendCard, sendNotice } from '../../bot/send';
import type { BotServices } from '../../bot/services';
import { actorOf } from '../../bot/tenancy';
import { renderCard } from '../../cards/render';
import { workflowOf } from '../approvals/workflow';
import { knownPeople } from '../open-account/people';
import { accountView } from './account-view';
import { mayEditPeople } from './access';
import { sendMyAccounts } from './list';

const NO_STAND_IN = 'ingen';

export const editSchema = z.object({ accountId: z.string().min(1).max(100) });

export const saveSchema = z.object({
  accountId: z.string().min(1).max(100),
  version: z.coerce.number().int().min(1),
  owner: z.string().trim().max(100).default(''),
  standIn: z.string().trim().max(100).default(''),
});

type SaveInput = z.infer<typeof saveSchema>;

interface EditErrors {
  owner: string;
  standIn: string;
}

async function peopleFor(context: TurnContext, services: BotServices, account: Account): Promise<Person[]> {
  // The approvers file (if any) is read once per bot; its people are choices too.
  await workflowOf(services).ready;
  return knownPeople(context, services, account.pack, [account.owner, account.standIn]);
}

async function loadEditable(context: TurnContext, services: BotServices, accountId: string): Promise<Account | undefined> {
  const account = await new AccountRegister(services.database.db).get(accountId);
  const actor = actorOf(context);
  if (!account) {
    await sendNotice(context, 'Kontot finns inte i registret', 'Kortet kan vara gammalt. Här är dina konton som de ser ut nu.', 'Warning');
    await sendMyAccounts(context, services);
    return undefined;
  }
  if (!mayEditPeople(services, account, actor)) {
    services.logger.warn({ event: 'account_edit_refused', accountId: account.id, status: account.status }, 'not allowed to edit account');
    const text =
      account.status === 'closed'
        ? 'Kontot är avslutat, så ansvariga kan inte ändras längre.'
        : 'Bara kontots ansvarige, ersättaren och kommunikationsenheten kan ändra vem som ansvarar för kontot.';
    await sendNotice(context, 'Du kan inte ändra det här kontot', text, 'Warning');
    return undefined;
  }
  return account;
}

export async function sendEditCard(
  context: TurnContext,
  services: BotServices,
  account: Account,
  options: { values?: { owner: string; standIn: string }; errors?: Partial<EditErrors>; notice?: string } = {},
): Promise<void> {
  const actor = actorOf(context);
  const people = await peopleFor(context, services, account);
  await sendCard(context, 'my-accounts.edit', {
    account: accountView(account, actor, true),
    version: account.version,
    people,
    standInChoices: [{ name: 'Ingen ersättare just nu', aadObjectId: NO_STAND_IN }, ...people],
    owner: options.values?.owner ?? account.owner.aadObjectId,
    standIn: options.values?.standIn ?? account.standIn?.aadObjectId ?? NO_STAND_IN,
    errors: { owner: options.errors?.owner ?? '', standIn: options.errors?.standIn ?? '' },
    notice: options.notice ?? '',
  });
}

export async function startEdit(context: TurnContext, services: BotServices, data: unknown): Promise<void> {
  const parsed = editSchema.safeParse(data);
  if (!parsed.success) {
    await sendNotice(context, 'Jag vet inte vilket konto du menar', 'Välj kontot i listan igen.', 'Warning');
    return sendMyAccounts(context, services);
  }
  const account = await loadEditable(context, services, parsed.data.accountId);
  if (account) await sendEditCard(context, services, account);
}

function validatePeople(input: SaveInput, people: Person[]): { owner?: Person; standIn?: Person | null; errors: Partial<EditErrors> } {
  const byId = new Map(people.map((p) => [p.aadObjectId, p]));
  const errors: Partial<EditErrors> = {};
  const owner = byId.get(input.owner);
  if (!input.owner) errors.owner = 'Välj en ansvarig.';
  else if (!owner) errors.owner = 'Välj en person i listan.';
  let standIn: Person | null | undefined = null;
  if (input.standIn && input.standIn !== NO_STAND_IN) {
    standIn = byId.get(input.standIn);
    if (!standIn) errors.standIn = 'Välj en person i listan.';
    else if (standIn.aadObjectId === input.owner) errors.standIn = 'Ersättaren ska vara en annan person än den ansvarige.';
  }
  return { owner, standIn, errors };
}

async function tellNewlyResponsible(services: BotServices, before: Account, after: Account, actorName: string, actor: string): Promise<void> {
  const news: { person: Person; role: string }[] = [];
  if (after.owner.aadObjectId !== before.owner.aadObjectId) news.push({ person: after.owner, role: 'ansvarig' });
  if (after.standIn && after.standIn.aadObjectId !== before.standIn?.aadObjectId) news.push({ person: after.standIn, role: 'ersättare' });
  for (const { person, role } of news) {
    if (person.aadObjectId === actor) continue;
    const card = renderCard('notice', {
      title: `Du är nu ${role} för ${after.accountName} (${after.platform})`,
      text: `${actorName} ändrade det i kontoregistret. Du hittar kontot under "Mina konton".`,
      color: 'Good',
    });
    try {
      const outcome = await services.notifier.sendToUser(person.aadObjectId, cardActivity(card));
      if (outcome.status === 'no_conversation') services.logger.info({ event: 'notify_skipped', reason: 'no_conversation', accountId: after.id }, 'person has no chat with the bot yet');
      else if (outcome.status !== 'delivered') services.logger.warn({ event: 'notify_failed', outcome: outcome.status, accountId: after.id }, 'could not notify new responsible person');
    } catch (error) {
      services.logger.warn({ event: 'notify_failed', accountId: after.id, message: (error as Error).message }, 'could not notify new responsible person');
    }
  }
}

export async function savePeople(context: TurnContext, services: BotServices, data: unknown): Promise<void> {
  const parsed = saveSchema.safeParse(data);
  if (!parsed.success) {
    await sendNotice(context, 'Kortet saknar uppgifter', 'Öppna kontot i listan igen och gör om ändringen.', 'Warning');
    return sendMyAccounts(context, services);
  }
  const input = parsed.data;
  const account = await loadEditable(context, services, input.accountId);
  if (!account) return;
  const actor = actorOf(context);
  const values = { owner: input.owner, standIn: input.standIn || NO_STAND_IN };
  if (account.version !== input.version) {
    return sendEditCard(context, services, account, {
      notice: 'Någon annan har ändrat kontot sedan du öppnade kortet. Här är det som gäller nu – gör om din ändring om den fortfarande behövs.',
    });
  }
  const people = await peopleFor(context, services, account);
  const { owner, standIn, errors } = validatePeople(input, people);
  if (errors.owner || errors.standIn || !owner) return sendEditCard(context, services, account, { values, errors });

  try {
    const updated = await new AccountRegister(services.database.db).updatePeople(account.id, { owner, standIn: standIn ?? null }, actor, input.version);
    services.logger.info({ event: 'account_people_changed', accountId: updated.id, version: updated.version }, 'account people changed');
    await sendNotice(
      context,
      'Ändringen är sparad',
      `${updated.accountName} (${updated.platform}): ansvarig är ${updated.owner.name}, ersättare är ${updated.standIn?.name ?? 'ingen just nu'}.`,
      'Good',
    );
    await tellNewlyResponsible(services, account, updated, context.activity.from?.name || 'En kollega', actor);
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    services.logger.warn({ event: 'account_edit_refused', accountId: account.id, code: error.code }, 'account people change refused');
    const fresh = await new AccountRegister(services.database.db).get(account.id);
    if (error.code === 'version_conflict' && fresh) {
      return sendEditCard(context, services, fresh, { notice: accountErrorText(error) });
    }
    await sendNotice(context, 'Ändringen sparades inte', accountErrorText(error), 'Warning');
  }
}
