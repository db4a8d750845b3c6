import type { TurnContext } from 'botbuilder';
import type { Account } from '../../accounts';
import { sendCard, sendNotice } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { actorOf, tenancyOf } from '../../bot/tenancy';
import type { AppTurnState } from '../../bot/turn-state';
import type { LoadedPack } from '../../rules';
import { approverRolesFor, closeNoticeDays, packUsesAction, rolesText } from '../approvals/pack-settings';
import { workflowOf } from '../approvals/workflow';

export const CLOSE_FLOW_ID = 'close-account';

export type ChecklistItems = Record<'noticePosted' | 'reasonGiven' | 'referralGiven' | 'archived' | 'contentRegistered', boolean>;

export function canManage(account: Account, aadObjectId: string): boolean {
  return account.owner.aadObjectId === aadObjectId || account.standIn?.aadObjectId === aadObjectId;
}

export function accountLabel(account: Pick<Account, 'platform' | 'accountName'>): string {
  return `${account.platform} – ${account.accountName}`;
}

export function packOf(services: BotServices, context: TurnContext, account: Account): LoadedPack {
  return services.packs.get(account.pack) ?? packFor(services, tenancyOf(context));
}

/** "Avsluta konto": the person's active accounts to choose from. */
export async function startClose(context: TurnContext, state: AppTurnState, services: BotServices, error = ''): Promise<void> {
  const accounts = (await workflowOf(services).register.forPerson(actorOf(context))).filter((a) => a.status === 'active');
  if (accounts.length === 0) {
    state.conversation.flow = undefined;
    return sendNotice(context, 'Du har inga aktiva konton i registret', 'Bara ansvariga och ersättare kan avsluta ett konto. Finns kontot men inte i registret? Välj "Registrera befintligt konto" i menyn först.', 'Warning');
  }
  state.conversation.flow = { id: CLOSE_FLOW_ID, step: 'pick' };
  await sendCard(context, 'close-account.pick', {
    accounts: accounts.map((a) => ({ title: `${accountLabel(a)} (${a.unit})`, value: a.id })),
    selected: accounts.length === 1 ? accounts[0].id : '',
    error,
  });
}

/** The account the person may request closing for, or why not. */
export async function accountFor(context: TurnContext, services: BotServices, accountId: string): Promise<Account | string> {
  const workflow = workflowOf(services);
  const account = accountId ? await workflow.register.get(accountId) : undefined;
  if (!account || !canManage(account, actorOf(context))) return 'Välj ett av dina konton i listan.';
  if (account.status !== 'active') return 'Det kontot håller redan på att avslutas eller är avslutat.';
  const open = await workflow.requests.openForAccount(account.id);
  if (open.some((r) => r.status === 'pending')) return 'Det finns redan en begäran om att avsluta det kontot som väntar på beslut.';
  return account;
}

/** The pack's checklist after the decision: the items its close-account rules ask for (all of them when a pack names none). */
export function checklistItems(pack: LoadedPack): ChecklistItems {
  const uses = (action: string) => packUsesAction(pack, 'close-account', action);
  const items = {
    noticePosted: uses('post_closing_notice') || uses('wait_for_notice_period'),
    reasonGiven: uses('explain_why_closing'),
    referralGiven: uses('refer_to_other_channels'),
    archived: uses('archive_content'),
    contentRegistered: uses('register_content'),
  };
  const none = !Object.values(items).some(Boolean);
  return none ? { noticePosted: true, reasonGiven: true, referralGiven: true, archived: true, contentRegistered: false } : items;
}

/** What the owner does after the decision, in the pack's order, without the decision itself. */
export function stepsAfterDecision(pack: LoadedPack, show: ChecklistItems): string[] {
  const steps: string[] = [];
  const days = closeNoticeDays(pack);
  if (show.noticePosted) {
    const why = show.reasonGiven ? ' och varför' : '';
    const referral = show.referralGiven ? ', och hänvisa om möjligt till andra kontaktvägar eller konton' : '';
    const stay = days ? ` Informationen bör ligga kvar ett par veckor (${days} dagar) innan kontot stängs.` : '';
    steps.push(`Informera på kontot om att det ska avslutas${why}${referral}.${stay}`);
  }
  if (show.contentRegistered) steps.push(show.archived ? 'Dokumentera och diarieför innehållet.' : 'Diarieför innehållet.');
  else if (show.archived) steps.push('Arkivera innehållet enligt arkivets vägledning.');
  steps.push('Stäng kontot på plattformen och bekräfta det här.');
  return steps;
}

/** The whole order a closure follows: the decision first, then the steps after it. */
export function closingOrder(pack: LoadedPack, remindsOnClosingDay: boolean): string[] {
  const decide = `${rolesText(approverRolesFor(pack, 'close'))} beslutar om avslutet och när kontot stängs.`;
  const after = stepsAfterDecision(pack, checklistItems(pack));
  if (remindsOnClosingDay) after[after.length - 1] = 'Stäng kontot på plattformen på det beslutade datumet och bekräfta det här. Jag påminner dig.';
  return [decide, ...after];
}
