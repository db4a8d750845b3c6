import { openRoles, type AccountRequest, type ApprovalAnswer } from '../../requests';
import { accountTitle } from './card-view';
import { swedishDateTime } from './dates';
import { KIND_OBJECT } from './labels';
import { rolesText } from './pack-settings';

export interface StatusCardData {
  title: string;
  color: string;
  text: string;
  facts: { title: string; value: string }[];
  comment: string;
  commentBy: string;
  steps: string[];
  footnote: string;
  confirmClosedFor: string;
  /** Account whose after-approval closing checklist the card opens. */
  closeChecklistFor: string;
  editRequest: string;
  showMyAccounts: boolean;
}

export function statusData(partial: Partial<StatusCardData> & Pick<StatusCardData, 'title'>): StatusCardData {
  return { color: 'Default', text: '', facts: [], comment: '', commentBy: '', steps: [], footnote: '', confirmClosedFor: '', closeChecklistFor: '', editRequest: '', showMyAccounts: false, ...partial };
}

/** What the owner is told to do on the closing date when the pack has the closing-date reminder turned off. */
export const CLOSE_WITHOUT_REMINDER_TEXT = 'Stäng kontot den dagen och bekräfta det under "Mina konton".';

function reference(request: AccountRequest) {
  return `Beslutsreferens: ${(request.decisionId ?? request.id).slice(0, 8)}`;
}

/**
 * The message the requester gets when an approver answers. `remindsOnClosingDay`: the pack has the closing-date
 * reminder turned on, so the bot can promise it.
 */
export function answerNotice(request: AccountRequest, answers: ApprovalAnswer[], latest: ApprovalAnswer, today: string, remindsOnClosingDay = true): StatusCardData {
  const what = KIND_OBJECT[request.kind];
  const account = accountTitle(request);
  const by = `${latest.approver.name} (${latest.role}), ${swedishDateTime(latest.at)}`;
  const comment = latest.comment ?? '';
  const commentBy = comment ? `Kommentar från ${latest.approver.name}` : '';
  const facts = [{ title: 'Konto', value: account }, { title: 'Verksamhet', value: request.unit }];
  if (request.status === 'returned') {
    return statusData({
      title: 'Din begäran behöver kompletteras',
      color: 'Warning',
      text: `${by} skickade tillbaka ${what}. Ändra det som behövs och skicka den igen.`,
      facts,
      comment,
      commentBy,
      editRequest: request.id,
      footnote: reference(request),
    });
  }
  if (request.status === 'rejected') {
    return statusData({ title: 'Din begäran avslogs', color: 'Attention', text: `${by} avslog ${what}.`, facts, comment, commentBy, footnote: reference(request) });
  }
  if (request.status === 'approved') {
    if (request.kind === 'close') {
      // The policy's order: the decision is made; notice, archive and closing follow on the checklist.
      return statusData({
        title: 'Avslutet är godkänt',
        color: 'Good',
        text: `${rolesText(request.requiredRoles)} har godkänt att kontot avslutas.`,
        facts: [...facts, { title: 'Stäng kontot', value: request.closingOn ?? today }],
        comment,
        commentBy,
        steps: [
          'Öppna checklistan och gör stegen efter beslutet i ordning: informera på kontot om avslutet, ta hand om innehållet och stäng sedan kontot.',
          remindsOnClosingDay ? 'Jag påminner dig om stegen och på datumet ovan.' : CLOSE_WITHOUT_REMINDER_TEXT,
        ],
        closeChecklistFor: request.accountId ?? '',
        footnote: reference(request),
      });
    }
    return statusData({
      title: request.kind === 'register' ? 'Kontot är registrerat' : 'Ditt nya konto är godkänt',
      color: 'Good',
      text: `${rolesText(request.requiredRoles)} har godkänt ${what}. Kontot finns nu i kontoregistret.`,
      facts,
      comment,
      commentBy,
      steps: request.kind === 'open' ? ['Skapa kontot på plattformen och lägg in basinformationen.', 'Se till att ansvarig och ersättare har tillgång till inloggningen.'] : [],
      showMyAccounts: true,
      footnote: reference(request),
    });
  }
  const waiting = openRoles(request.requiredRoles, answers);
  return statusData({
    title: 'Ett första godkännande',
    color: 'Accent',
    text: `${by} har godkänt ${what}. Nu väntar vi på ${rolesText(waiting)}.`,
    facts,
    comment,
    commentBy,
    footnote: reference(request),
  });
}
