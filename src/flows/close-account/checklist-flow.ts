import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Account } from '../../accounts';
import { sendCard, sendNotice } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { actorOf, tenancyOf } from '../../bot/tenancy';
import type { AppTurnState } from '../../bot/turn-state';
import type { LoadedPack } from '../../rules';
import { RequestError, type AccountRequest, type Person } from '../../requests';
import { isoDay } from '../approvals/dates';
import { statusData } from '../approvals/notify';
import { approverRolesFor, closeNoticeDays, packUsesAction, rolesText } from '../approvals/pack-settings';
import { postApprovalCard } from '../approvals/post';
import { workflowOf } from '../approvals/workflow';
import { checkClose, type CloseCheck } from './check';
import { CHECKLIST_FIELDS, checklistFacts, valuesFromFacts, type ChecklistValues } from './checklist-values';

export const CLOSE_FLOW_ID = 'close-account';

export interface CloseDraft {
  accountId: string;
  values: ChecklistValues;
  submissionId?: string;
  closingOn?: string;
  requestId?: string;
  requestVersion?: number;
}

function draftOf(state: AppTurnState): CloseDraft | undefined {
  const flow = state.conversation.flow;
  return flow?.id === CLOSE_FLOW_ID ? (flow.draft as unknown as CloseDraft | undefined) : undefined;
}

function saveDraft(state: AppTurnState, step: 'checklist' | 'preview', draft: CloseDraft): void {
  state.conversation.flow = { id: CLOSE_FLOW_ID, step, draft: draft as unknown as Record<string, unknown> };
}

export function canManage(account: Account, aadObjectId: string): boolean {
  return account.owner.aadObjectId === aadObjectId || account.standIn?.aadObjectId === aadObjectId;
}

function accountLabel(account: Pick<Account, 'platform' | 'accountName'>): string {
  return `${account.platform} – ${account.accountName}`;
}

function packOf(services: BotServices, context: TurnContext, account: Account): LoadedPack {
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

/** The pack's checklist: the items its close-account rules ask for (all of them when a pack names none). */
export function checklistItems(pack: LoadedPack): Record<'noticePosted' | 'reasonGiven' | 'referralGiven' | 'archived' | 'contentRegistered', boolean> {
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

function checklistIntro(pack: LoadedPack, show: ReturnType<typeof checklistItems>): string {
  const steps: string[] = [];
  if (show.noticePosted) steps.push('berätta på kontot att det ska avslutas');
  if (show.reasonGiven) steps.push('säga varför');
  if (show.referralGiven) steps.push('hänvisa till andra kanaler');
  if (show.contentRegistered) steps.push('dokumentera och diarieföra innehållet');
  if (show.archived) steps.push(show.contentRegistered ? 'arkivera det' : 'arkivera innehållet');
  const list = steps.length > 1 ? `${steps.slice(0, -1).join(', ')} och ${steps[steps.length - 1]}` : steps[0] ?? 'gå igenom kontot';
  return `Enligt ${pack.name} ska du ${list} innan kontot stängs. Kryssa i det som är gjort.`;
}

async function sendChecklist(context: TurnContext, services: BotServices, account: Account, draft: CloseDraft, check: Partial<CloseCheck> = {}): Promise<void> {
  const pack = packOf(services, context, account);
  const days = closeNoticeDays(pack);
  const show = checklistItems(pack);
  const approvers = `Avslutet beslutas av ${rolesText(approverRolesFor(pack, 'close'))}.`;
  await sendCard(context, 'close-account.checklist', {
    heading: draft.requestId ? `Komplettera avslutet av ${accountLabel(account)}` : `Avsluta ${accountLabel(account)}`,
    intro: checklistIntro(pack, show),
    summary: check.summary ?? '',
    reasons: check.reasons ?? [],
    show,
    noticeNote: days ? `Informationen ska ligga kvar minst ${days} dagar innan kontot stängs. ${approvers}` : approvers,
    v: draft.values,
    e: Object.fromEntries(CHECKLIST_FIELDS.map((f) => [f, check.errors?.[f] ?? ''])),
  });
}

async function accountFor(context: TurnContext, services: BotServices, accountId: string): Promise<Account | string> {
  const workflow = workflowOf(services);
  const account = accountId ? await workflow.register.get(accountId) : undefined;
  if (!account || !canManage(account, actorOf(context))) return 'Välj ett av dina konton i listan.';
  if (account.status !== 'active') return 'Det kontot håller redan på att avslutas eller är avslutat.';
  const open = await workflow.requests.openForAccount(account.id);
  if (open.some((r) => r.status === 'pending')) return 'Det finns redan en begäran om att avsluta det kontot som väntar på beslut.';
  return account;
}

export async function onPick(context: TurnContext, state: AppTurnState, services: BotServices, accountId: string): Promise<void> {
  const found = await accountFor(context, services, accountId);
  if (typeof found === 'string') return startClose(context, state, services, found);
  const draft: CloseDraft = { accountId: found.id, values: valuesFromFacts({}) };
  saveDraft(state, 'checklist', draft);
  await sendChecklist(context, services, found, draft);
}

async function evaluateDraft(context: TurnContext, services: BotServices, account: Account, values: ChecklistValues, log: boolean) {
  const pack = packOf(services, context, account);
  const today = isoDay(services.clock.now());
  const { facts, errors } = checklistFacts(values, today, checklistItems(pack).contentRegistered);
  const check = await checkClose(services, pack, facts, errors, { actor: actorOf(context), conversationId: context.activity.conversation?.id, log });
  return { pack, facts, check };
}

export async function onCheck(context: TurnContext, state: AppTurnState, services: BotServices, values: ChecklistValues): Promise<void> {
  const previous = draftOf(state);
  if (!previous) return startClose(context, state, services);
  const account = await workflowOf(services).register.get(previous.accountId);
  if (!account || !canManage(account, actorOf(context))) return startClose(context, state, services, 'Välj ett av dina konton i listan.');
  const { pack, check } = await evaluateDraft(context, services, account, values, false);
  const draft: CloseDraft = { ...previous, values };
  if (!check.submittable) {
    saveDraft(state, 'checklist', draft);
    return sendChecklist(context, services, account, draft, check);
  }
  draft.submissionId = previous.submissionId ?? randomUUID();
  draft.closingOn = check.closingOn;
  saveDraft(state, 'preview', draft);
  const roles = approverRolesFor(pack, 'close');
  const channel = await workflowOf(services).channels.get(pack.id, account.unit);
  const today = isoDay(services.clock.now());
  await sendCard(context, 'close-account.preview', {
    heading: `Avsluta ${accountLabel(account)}`,
    intro: check.closingOn > today ? `Allt på checklistan är gjort. Informationen behöver ligga kvar till ${check.closingOn}; sedan får kontot stängas.` : 'Allt på checklistan är gjort och informationen har legat ute tillräckligt länge.',
    facts: [
      { title: 'Konto', value: accountLabel(account) },
      { title: 'Verksamhet', value: account.unit },
      { title: 'Information publicerad', value: values.noticePostedOn || '–' },
      { title: 'Stängs tidigast', value: check.closingOn },
    ],
    decidedBy: `Beslutas av: ${rolesText(roles)} – samma beslutsnivå som när kontot startades.`,
    channelNote: channel ? `Begäran visas i godkännandekanalen för ${account.unit}.` : `Det finns ännu ingen godkännandekanal för ${account.unit}. Begäran sparas och visas där så snart en administratör har valt kanal.`,
    submitTitle: draft.requestId ? 'Skicka igen för beslut' : 'Skicka för beslut',
    submissionId: draft.submissionId,
  });
}

export async function onEditClose(context: TurnContext, state: AppTurnState, services: BotServices): Promise<void> {
  const draft = draftOf(state);
  const account = draft ? await workflowOf(services).register.get(draft.accountId) : undefined;
  if (!draft || !account) return startClose(context, state, services);
  saveDraft(state, 'checklist', draft);
  await sendChecklist(context, services, account, draft);
}

export async function onSubmitClose(context: TurnContext, state: AppTurnState, services: BotServices, submissionId: string): Promise<void> {
  const draft = draftOf(state);
  const workflow = workflowOf(services);
  if (!draft || state.conversation.flow?.step !== 'preview' || !draft.submissionId || draft.submissionId !== submissionId) {
    if (submissionId && (await workflow.requests.get(submissionId))) {
      return sendNotice(context, 'Det här är redan skickat', 'Du har redan skickat begäran. Du får ett meddelande när den är besvarad.', 'Good');
    }
    return sendNotice(context, 'Förhandsgranskningen är inte längre aktuell', 'Börja om med "Avsluta konto" i menyn. Inget har skickats.', 'Warning');
  }
  const account = await workflow.register.get(draft.accountId);
  if (!account || !canManage(account, actorOf(context)) || account.status !== 'active') {
    state.conversation.flow = undefined;
    return sendNotice(context, 'Kontot kan inte avslutas nu', 'Det håller redan på att avslutas, är avslutat eller är inte ditt.', 'Warning');
  }
  const { pack, facts, check } = await evaluateDraft(context, services, account, draft.values, true);
  if (!check.submittable || !check.decision) {
    saveDraft(state, 'checklist', draft);
    return sendChecklist(context, services, account, draft, check);
  }
  const actor = actorOf(context);
  const requester: Person = { aadObjectId: actor, name: context.activity.from?.name?.trim() || 'Okänd person' };
  const details = { platform: account.platform, accountName: account.accountName, url: account.url ?? null, owner: account.owner, standIn: account.standIn, noticePostedOn: facts.noticePostedOn ?? null, checklist: checklistItems(pack) };
  const roles = approverRolesFor(pack, 'close');
  state.conversation.flow = undefined;
  let request: AccountRequest;
  try {
    request = draft.requestId
      ? await workflow.requests.resubmit(draft.requestId, { facts, details, requiredRoles: roles, decisionId: check.decision.decisionId, closingOn: check.closingOn }, actor, draft.requestVersion ?? 0)
      : await workflow.requests.create(
          { id: draft.submissionId, kind: 'close', pack: pack.id, unit: account.unit, requester, requiredRoles: roles, facts, details, accountId: account.id, decisionId: check.decision.decisionId, closingOn: check.closingOn },
          actor,
        );
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return sendNotice(context, 'Det här är redan skickat', 'Du har redan skickat begäran.', 'Good');
    if (error instanceof RequestError) return sendNotice(context, 'Begäran har redan ändrats', 'Inget nytt har skickats.', 'Warning');
    throw error;
  }
  const posted = await postApprovalCard(services, request);
  services.logger.info({ event: 'close_request_submitted', requestId: request.id, round: request.round, posted: posted.posted }, 'close request submitted');
  await sendCard(context, 'account.status', statusData({
    title: request.round > 1 ? 'Skickad igen för beslut' : 'Skickad för beslut',
    color: 'Good',
    text: posted.posted
      ? `${rolesText(roles)} får begäran i godkännandekanalen för ${account.unit}. Du får ett meddelande här när de har svarat.`
      : `Det finns ännu ingen godkännandekanal för ${account.unit}. Begäran är sparad och visas där så snart en administratör har valt kanal.`,
    facts: [
      { title: 'Konto', value: accountLabel(account) },
      { title: 'Stängs tidigast', value: check.closingOn },
    ],
    footnote: `Beslutsreferens: ${check.decision.decisionId.slice(0, 8)}`,
  }));
}

/** "Ändra och skicka igen" on a returned close request. */
export async function onResumeClose(context: TurnContext, state: AppTurnState, services: BotServices, request: AccountRequest): Promise<void> {
  const account = request.accountId ? await workflowOf(services).register.get(request.accountId) : undefined;
  if (!account) return sendNotice(context, 'Kontot finns inte längre i registret', 'Begäran kan inte ändras.', 'Warning');
  const draft: CloseDraft = { accountId: account.id, values: valuesFromFacts(request.facts), requestId: request.id, requestVersion: request.version };
  saveDraft(state, 'checklist', draft);
  const answers = await workflowOf(services).requests.answers(request.id);
  const returned = answers.find((a) => a.answer === 'returned');
  await sendChecklist(context, services, account, draft, { summary: returned ? `${returned.approver.name} (${returned.role}) skrev: ”${returned.comment ?? ''}”` : '' });
}
