import { plainText } from '../../cards/plain-text';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import { MAX_REFRESH_USERS, openRoles, type AccountRequest, type Approver, type ApprovalAnswer, type Person } from '../../requests';
import { closingReasonLabel } from '../close-account/request-values';
import { swedishDateTime } from './dates';
import { ACCOUNT_TYPE_LABEL, ANSWER_COLOR, ANSWER_LABEL, KIND_HEADING, STATUS_COLOR, STATUS_LABEL, yesNo } from './labels';
import { rolesText } from './pack-settings';
import { APPROVAL_VERBS } from './verbs';

export interface Notice {
  text: string;
  style: 'good' | 'attention' | 'warning' | 'accent' | 'default';
}

export interface CardViewOptions {
  /** The role the viewer answers for; present only for an approver who may still answer. */
  approverRole?: string;
  notice?: Notice;
  commentDraft?: string;
  commentError?: string;
  /** The round the card shows; older than the request's round means the card was replaced. */
  round?: number;
  /** Approvers whose Teams clients refresh the card into their own view (Teams takes at most 60). */
  refreshFor?: Approver[];
}

type Details = {
  platform?: string;
  accountName?: string;
  url?: string | null;
  accountType?: string;
  purpose?: string;
  goals?: string[];
  audiences?: string[];
  owner?: Person | null;
  standIn?: Person | null;
  endDate?: string | null;
  openedOn?: string | null;
  noticePostedOn?: string | null;
};

export function accountTitle(request: Pick<AccountRequest, 'details'>): string {
  const d = request.details as Details;
  return [d.platform, d.accountName].filter(Boolean).join(' – ');
}

export function requestFacts(request: AccountRequest): { title: string; value: string }[] {
  const d = request.details as Details;
  const f = request.facts;
  const facts: { title: string; value: string }[] = [
    { title: 'Begärd av', value: request.requester.name },
    { title: 'Verksamhet', value: request.unit },
    { title: 'Konto', value: accountTitle(request) },
  ];
  if (d.url) facts.push({ title: 'Adress', value: d.url });
  if (request.kind === 'close') {
    const closing = d as { checklist?: Record<string, boolean>; closingReason?: string };
    facts.push({ title: 'Ansvarig', value: d.owner?.name ?? '–' });
    // Requests since the closing order changed carry a reason and are decided before the notice and the archive.
    const decidedFirst = closing.closingReason !== undefined;
    if (decidedFirst) facts.push({ title: 'Skäl', value: closingReasonLabel(closing.closingReason) });
    const show = decidedFirst
      ? { noticePosted: false, reasonGiven: false, referralGiven: false, archived: false, contentRegistered: false }
      : (closing.checklist ?? { noticePosted: true, reasonGiven: true, referralGiven: true, archived: true, contentRegistered: f.contentRegistered !== undefined });
    if (show.noticePosted) facts.push({ title: 'Information om avslutet', value: f.noticePosted ? `Publicerad ${String(f.noticePostedOn ?? '')}`.trim() : 'Inte publicerad' });
    if (show.reasonGiven) facts.push({ title: 'Skälet angivet', value: yesNo(f.reasonGiven) });
    if (show.referralGiven) facts.push({ title: 'Hänvisning till andra kanaler', value: yesNo(f.referralGiven) });
    if (show.archived) facts.push({ title: 'Innehållet arkiverat', value: yesNo(f.archived) });
    if (show.contentRegistered) facts.push({ title: 'Innehållet dokumenterat och diariefört', value: yesNo(f.contentRegistered) });
    if (request.closingOn) facts.push({ title: decidedFirst ? 'Föreslaget stängningsdatum' : 'Stängs tidigast', value: request.closingOn });
  } else {
    const type = ACCOUNT_TYPE_LABEL[d.accountType ?? 'official'] ?? d.accountType ?? '';
    facts.push(
      { title: 'Typ', value: d.endDate ? `${type}, till ${d.endDate}` : type },
      { title: 'Syfte', value: d.purpose || '–' },
      { title: 'Kopplat till verksamhetsplanen', value: yesNo(f.linkedToPlan) },
      { title: 'Mål', value: d.goals?.length ? d.goals.join(' · ') : '–' },
      { title: 'Mätbara mål', value: yesNo(f.goalsMeasurable) },
      { title: 'Målgrupper', value: d.audiences?.length ? d.audiences.join(', ') : '–' },
      { title: 'Ansvarig', value: d.owner?.name ?? '–' },
      { title: 'Ersättare', value: d.standIn?.name ?? 'Saknas' },
      { title: 'Daglig bevakning', value: yesNo(f.monitoringDaily) },
      { title: 'Basinformation', value: `${Array.isArray(f.basicInfo) ? f.basicInfo.length : 0} av 6 delar` },
      { title: 'Inloggningsuppgifter', value: f.credentialsLocation ? 'Det finns angivet var de förvaras' : 'Inte angivet' },
    );
    if (request.kind === 'register' && d.openedOn) facts.push({ title: 'Startat', value: d.openedOn });
  }
  facts.push({ title: 'Skickad', value: swedishDateTime(request.createdAt) });
  if (request.round > 1) facts.push({ title: 'Version', value: `${request.round} (kompletterad)` });
  return facts;
}

function statusLine(request: AccountRequest, answers: ApprovalAnswer[], replaced: boolean): { text: string; color: string } {
  if (replaced) return { text: 'Den här versionen är ersatt av en nyare – se det senaste kortet i kanalen.', color: 'Default' };
  if (request.status === 'pending') {
    const waiting = openRoles(request.requiredRoles, answers);
    return { text: `${STATUS_LABEL.pending}: ${rolesText(waiting)}`, color: STATUS_COLOR.pending };
  }
  return { text: STATUS_LABEL[request.status], color: STATUS_COLOR[request.status] };
}

/**
 * The approval card for one viewer. Everyone sees the request, each role's answer (who, when, comment) and the
 * status; an approver who may still answer also gets the comment field and the three buttons.
 */
export function approvalCard(request: AccountRequest, answers: ApprovalAnswer[], options: CardViewOptions = {}): AdaptiveCard {
  const round = options.round ?? request.round;
  const replaced = round < request.round;
  const answering = Boolean(options.approverRole) && !replaced && request.status === 'pending';
  const roles = request.requiredRoles.map((role) => {
    const a = answers.find((x) => x.role === role);
    return a
      ? { role, answer: ANSWER_LABEL[a.answer], color: ANSWER_COLOR[a.answer], by: plainText(`${a.approver.name}, ${swedishDateTime(a.at)}`), comment: plainText(a.comment ?? '') }
      : { role, answer: request.status === 'pending' && !replaced ? 'Väntar' : 'Inget svar', color: 'Default', by: '', comment: '' };
  });
  const card = renderCard('approval.request', {
    // What people typed is shown as text: a link or markdown in a request never becomes a link or formatting here.
    heading: `${KIND_HEADING[request.kind]}: ${plainText(accountTitle(request))}`,
    status: statusLine(request, answers, replaced),
    notice: options.notice ?? { text: '', style: 'default' },
    facts: requestFacts(request).map((f) => ({ title: f.title, value: plainText(f.value) })),
    roles,
    reference: (request.decisionId ?? request.id).slice(0, 8),
    approver: answering,
    approverRole: options.approverRole ?? '',
    commentDraft: options.commentDraft ?? '',
    commentError: options.commentError ?? '',
    showRefresh: !answering && request.status === 'pending' && !replaced,
    requestId: request.id,
    round,
  });
  const userIds = (options.refreshFor ?? [])
    .map((a) => a.teamsUserId)
    .filter((id): id is string => Boolean(id))
    .filter((id, i, all) => all.indexOf(id) === i)
    .slice(0, MAX_REFRESH_USERS);
  if (request.status === 'pending' && !replaced && userIds.length > 0) {
    card.refresh = {
      action: { type: 'Action.Execute', title: 'Uppdatera', verb: APPROVAL_VERBS.refresh, data: { requestId: request.id, round } },
      userIds,
    };
  }
  return card;
}

/** The approvers who may still answer: their clients refresh the card into the view with buttons. */
export function pendingApprovers(request: AccountRequest, answers: ApprovalAnswer[], approvers: Approver[]): Approver[] {
  const open = openRoles(request.requiredRoles, answers);
  const answered = new Set(answers.map((a) => a.approver.aadObjectId));
  return approvers.filter((a) => open.includes(a.role) && !answered.has(a.aadObjectId));
}
