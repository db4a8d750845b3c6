import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { sendCard, sendNotice } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { actorOf, tenancyOf } from '../../bot/tenancy';
import type { AppTurnState } from '../../bot/turn-state';
import type { ApproverInput } from '../../requests';
import { rolesText } from '../approvals/pack-settings';
import { postWaitingRequests } from '../approvals/post';
import { workflowOf } from '../approvals/workflow';
import { conversationMembers, type Member } from './members';
import { ADMIN_VERBS } from './verbs';
import { refusedFields, SECRET_REFUSED } from '../../cards/submit-guard';

export const CHANNEL_COMMAND = /^\s*godk[äa]nnandekanal\b\s*(.*)$/i;
export const APPROVERS_COMMAND = /^\s*godk[äa]nnare\b\s*(.*)$/i;

const ROLE_INPUT = 'role__';

function isChannel(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'channel';
}

function isAdmin(context: TurnContext, services: BotServices): boolean {
  const aad = context.activity.from?.aadObjectId;
  return Boolean(aad && services.config.adminUsers.includes(aad));
}

/** Admin commands are for admins in a channel; anyone else is told so, and the attempt is logged. */
async function guard(context: TurnContext, services: BotServices, command: string): Promise<boolean> {
  if (!isChannel(context)) {
    await sendNotice(context, 'Det här görs i en kanal', `Skriv "${command}" i den Teams-kanal där besluten ska fattas (nämn mig först).`, 'Warning');
    return false;
  }
  if (!isAdmin(context, services)) {
    services.logger.warn({ event: 'admin_refused', command }, 'admin command refused');
    await sendNotice(context, 'Bara administratörer kan göra det här', 'Be en administratör för Sociala medier-assistenten om hjälp.', 'Warning');
    return false;
  }
  return true;
}

function matchUnit(services: BotServices, text: string): string | undefined {
  const wanted = text.trim().toLocaleLowerCase('sv');
  return services.config.orgUnits.find((u) => u.toLocaleLowerCase('sv') === wanted);
}

function allRoles(services: BotServices, context: TurnContext): string[] {
  const pack = packFor(services, tenancyOf(context));
  return [...new Set([...pack.settings.approverRoles.openAccount, ...pack.settings.approverRoles.closeAccount])];
}

async function setChannel(context: TurnContext, services: BotServices, unit: string): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  const workflow = workflowOf(services);
  await workflow.channels.set(pack.id, unit, context.activity.conversation.id, tenancyOf(context).teamId ?? null, actorOf(context));
  services.logger.info({ event: 'approval_channel_set', pack: pack.id }, 'approval channel set');
  await workflow.ready;
  const approvers = await workflow.approvers.forUnit(pack.id, unit);
  await sendCard(context, 'approval.admin-saved', {
    title: 'Godkännandekanal sparad',
    text: `Ansökningar om nya, befintliga och avslutade konton för ${unit} visas nu i den här kanalen. Besluten fattas av ${rolesText(pack.settings.approverRoles.openAccount)}.`,
    approvers: summary(approvers),
    footnote: approvers.length ? '' : 'Inga godkännare är valda ännu. Skriv "godkännare" för att välja dem.',
  });
  const posted = await postWaitingRequests(services, pack.id, unit);
  if (posted > 0) services.logger.info({ event: 'waiting_requests_posted', count: posted }, 'waiting requests posted');
}

function summary(approvers: { role: string; name: string }[]): { role: string; names: string }[] {
  const byRole = new Map<string, string[]>();
  for (const a of approvers) byRole.set(a.role, [...(byRole.get(a.role) ?? []), a.name]);
  return [...byRole.entries()].map(([role, names]) => ({ role, names: names.join(', ') }));
}

async function sendApproversCard(context: TurnContext, services: BotServices, unit: string, error = ''): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  const workflow = workflowOf(services);
  await workflow.ready;
  const current = await workflow.approvers.forUnit(pack.id, unit);
  const members = await conversationMembers(context);
  const roleChoices = [{ title: 'Ingen roll', value: 'none' }, ...allRoles(services, context).map((r) => ({ title: r, value: r }))];
  await sendCard(context, 'approval.admin-approvers', {
    unit,
    packName: pack.name,
    requiredRoles: rolesText(pack.settings.approverRoles.openAccount),
    error,
    roleChoices,
    manual: !members,
    fromFile: current
      .filter((a) => a.source === 'file')
      .map((a) => `${a.name} (${a.role})`)
      .join(', '),
    members: (members ?? []).map((m) => ({
      inputId: `${ROLE_INPUT}${m.aadObjectId}`,
      name: m.name,
      role: current.find((a) => a.aadObjectId === m.aadObjectId && a.source === 'admin')?.role ?? 'none',
    })),
  });
}

const channelSubmit = z.object({ unit: z.string().max(200).catch('') });
const approversSubmit = z
  .object({ unit: z.string().max(200), manualName: z.string().max(200).optional(), manualAad: z.string().max(100).optional(), manualRole: z.string().max(200).optional() })
  .passthrough();

async function saveApprovers(context: TurnContext, services: BotServices, data: unknown): Promise<void> {
  const parsed = approversSubmit.safeParse(data);
  const unit = parsed.success ? matchUnit(services, parsed.data.unit) : undefined;
  if (!parsed.success || !unit) return sendNotice(context, 'Kortet är ofullständigt', 'Skriv "godkännare" igen för ett nytt kort. Inget har sparats.', 'Warning');
  const pack = packFor(services, tenancyOf(context));
  const roles = allRoles(services, context);
  const members: Member[] = (await conversationMembers(context)) ?? [];
  const chosen: ApproverInput[] = [];
  for (const [key, value] of Object.entries(parsed.data)) {
    if (!key.startsWith(ROLE_INPUT) || typeof value !== 'string' || !roles.includes(value)) continue;
    // Only people who are members of this channel's team can be named from the list; names come from Teams.
    const member = members.find((m) => m.aadObjectId === key.slice(ROLE_INPUT.length));
    if (member) chosen.push({ aadObjectId: member.aadObjectId, name: member.name, teamsUserId: member.teamsUserId, role: value });
  }
  const manualAad = parsed.data.manualAad?.trim();
  if (refusedFields(context).has('manualName')) return sendApproversCard(context, services, unit, SECRET_REFUSED);
  if (manualAad) {
    const manualName = parsed.data.manualName?.trim();
    const manualRole = parsed.data.manualRole ?? '';
    if (!manualName || !roles.includes(manualRole) || !/^[0-9a-f-]{8,64}$/i.test(manualAad)) {
      return sendApproversCard(context, services, unit, 'Fyll i namn, ett giltigt Azure AD-objekt-id och en roll.');
    }
    chosen.push({ aadObjectId: manualAad, name: manualName, role: manualRole });
  }
  const workflow = workflowOf(services);
  await workflow.approvers.replaceForUnit(pack.id, unit, chosen, actorOf(context));
  services.logger.info({ event: 'approvers_saved', pack: pack.id, count: chosen.length }, 'approvers saved');
  const all = await workflow.approvers.forUnit(pack.id, unit);
  const missing = pack.settings.approverRoles.openAccount.filter((r) => !all.some((a) => a.role === r));
  await sendCard(context, 'approval.admin-saved', {
    title: 'Godkännare sparade',
    text: `Så här beslutar ${unit} om konton:`,
    approvers: summary(all),
    footnote: missing.length ? `Ingen har rollen ${rolesText(missing)} ännu – utan den kan inga ansökningar godkännas.` : '',
  });
}

/** "godkännandekanal <verksamhet>" and "godkännare" in a channel, and the cards they answer with. */
export function registerAdminCommands(app: Application<AppTurnState>, services: BotServices): void {
  app.message(CHANNEL_COMMAND, async (context) => {
    if (!(await guard(context, services, 'godkännandekanal'))) return;
    const arg = CHANNEL_COMMAND.exec(context.activity.text ?? '')?.[1] ?? '';
    const unit = arg ? matchUnit(services, arg) : undefined;
    if (unit) return setChannel(context, services, unit);
    const pack = packFor(services, tenancyOf(context));
    const current = (await workflowOf(services).channels.unitsOf(context.activity.conversation.id)).filter((c) => c.pack === pack.id).map((c) => c.unit);
    await sendCard(context, 'approval.admin-channel', {
      units: services.config.orgUnits.map((u) => ({ title: u, value: u })),
      current: current.join(', '),
      error: arg ? `Jag känner inte till verksamheten "${arg.slice(0, 60)}". Välj i listan.` : '',
    });
  });

  app.adaptiveCards.actionSubmit(ADMIN_VERBS.setChannel, async (context, _state, data) => {
    if (!(await guard(context, services, 'godkännandekanal'))) return;
    const unit = matchUnit(services, channelSubmit.parse(data ?? {}).unit);
    if (!unit) return sendNotice(context, 'Välj en verksamhet', 'Skriv "godkännandekanal" igen för ett nytt kort.', 'Warning');
    await setChannel(context, services, unit);
  });

  app.message(APPROVERS_COMMAND, async (context) => {
    if (!(await guard(context, services, 'godkännare'))) return;
    const arg = APPROVERS_COMMAND.exec(context.activity.text ?? '')?.[1] ?? '';
    const pack = packFor(services, tenancyOf(context));
    const units = (await workflowOf(services).channels.unitsOf(context.activity.conversation.id)).filter((c) => c.pack === pack.id).map((c) => c.unit);
    const unit = (arg && matchUnit(services, arg)) || (units.length === 1 ? units[0] : undefined);
    if (!unit) {
      return sendNotice(context, 'Vilken verksamhet?', `Skriv "godkännare <verksamhet>", till exempel "godkännare ${services.config.orgUnits[0] ?? 'Kulturförvaltningen'}", eller gör först kanalen till godkännandekanal.`, 'Warning');
    }
    await sendApproversCard(context, services, unit);
  });

  app.adaptiveCards.actionSubmit(ADMIN_VERBS.saveApprovers, async (context, _state, data) => {
    if (!(await guard(context, services, 'godkännare'))) return;
    await saveApprovers(context, services, data);
  });
}
