import type { TurnContext } from 'botbuilder';
import { sendCard } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { tenancyOf } from '../../bot/tenancy';
import { FLOWS } from '../index';

function isPersonal(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

export async function sendWelcome(context: TurnContext, services: BotServices): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  await sendCard(context, 'welcome', { packName: pack.name, packVersionShort: pack.version.slice(0, 12) });
}

export async function sendMenu(context: TurnContext, services: BotServices): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  const personal = isPersonal(context);
  const flows = FLOWS.filter((flow) => personal || flow.scope === 'everywhere').map(({ id, title, description, button }) => ({
    id,
    title,
    description,
    button,
  }));
  await sendCard(context, 'menu', { packName: pack.name, flows });
}
