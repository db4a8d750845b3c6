import type { TurnContext } from 'botbuilder';
import type { Account } from '../../accounts';
import { sendCard, sendNotice } from '../../bot/send';
import type { BotServices } from '../../bot/services';
import { actorOf } from '../../bot/tenancy';
import { isoDay } from '../approvals/dates';
import { CLOSE_WITHOUT_REMINDER_TEXT } from '../approvals/notify';
import { closeNoticeDays } from '../approvals/pack-settings';
import { workflowOf } from '../approvals/workflow';
import { checkClose, type CloseCheck } from './check';
import { CHECKLIST_FIELDS, checklistFacts, valuesFromFacts, type ChecklistValues } from './checklist-values';
import { accountLabel, canManage, checklistItems, packOf, stepsAfterDecision } from './common';
import { ClosingProgress } from './progress';
import { remindsOnClosingDay } from './reminder';

export { onResumeClose } from './request-flow';

function joinSteps(steps: string[]): string {
  return steps.map((s, i) => `${i + 1}. ${s}`).join(' ');
}

/** The checklist after the decision, with the decision's verdict on it when there is one. */
export async function sendChecklist(context: TurnContext, services: BotServices, account: Account, values: ChecklistValues, check?: CloseCheck): Promise<void> {
  const pack = packOf(services, context, account);
  const show = checklistItems(pack);
  const today = isoDay(services.clock.now());
  const closingOn = account.closingOn ?? today;
  const due = closingOn <= today;
  const closable = check?.closable === true;
  const later = remindsOnClosingDay(services, pack.id) ? 'Jag påminner dig den dagen.' : CLOSE_WITHOUT_REMINDER_TEXT;
  const days = closeNoticeDays(pack);
  await sendCard(context, 'close-account.checklist', {
    heading: `Efter beslutet: avsluta ${accountLabel(account)}`,
    intro: `Avslutet är beslutat och kontot stängs ${closingOn}. Gör stegen i den ordning ${pack.name} anger: ${joinSteps(stepsAfterDecision(pack, show))} Kryssa i det som är gjort.`,
    summary: check && !closable ? 'Det här behöver göras innan kontot stängs.' : '',
    reasons: check?.reasons ?? [],
    ready: closable ? (due ? 'Allt som ska göras före avslutet är gjort. Stäng kontot på plattformen och tryck sedan på "Jag har stängt kontot".' : `Allt som ska göras före avslutet är gjort. Kontot stängs ${closingOn} enligt beslutet. ${later}`) : '',
    readyStyle: 'good',
    advice: check?.advice ?? [],
    show,
    noticeNote: days ? `Policyn rekommenderar att informationen ligger kvar ett par veckor (${days} dagar) innan kontot stängs. Det är en rekommendation, inget krav.` : '',
    v: values,
    e: Object.fromEntries(CHECKLIST_FIELDS.map((f) => [f, check?.errors?.[f] ?? ''])),
    accountId: account.id,
    canConfirm: closable && due,
    checkStyle: closable && due ? 'default' : 'positive',
  });
}

/** The account whose approved closure the person may work on, or a notice saying why not. */
async function closingAccount(context: TurnContext, services: BotServices, accountId: string): Promise<Account | undefined> {
  const account = accountId ? await workflowOf(services).register.get(accountId) : undefined;
  if (!account || !canManage(account, actorOf(context))) {
    await sendNotice(context, 'Jag hittar inte kontot', 'Bara den ansvariga eller ersättaren kan gå igenom avslutet av ett konto.', 'Warning');
    return undefined;
  }
  if (account.status === 'closed') {
    await sendNotice(context, 'Kontot är redan avslutat', `Det markerades som stängt ${account.closedOn ?? ''}.`.trim(), 'Good');
    return undefined;
  }
  if (account.status !== 'closing') {
    await sendNotice(context, 'Avslutet är inte beslutat ännu', 'Checklistan för avslutet öppnas när avslutet är godkänt. Börja med "Avsluta konto" i menyn om du inte redan har skickat en begäran.', 'Warning');
    return undefined;
  }
  return account;
}

/** The decision on what the owner has ticked so far; logged when it decides something (the confirmation). */
export async function evaluateChecklist(context: TurnContext, services: BotServices, account: Account, values: ChecklistValues, log: boolean) {
  const pack = packOf(services, context, account);
  const today = isoDay(services.clock.now());
  const { facts, errors } = checklistFacts(values, today, checklistItems(pack).contentRegistered);
  const check = await checkClose(services, pack, facts, errors, { actor: actorOf(context), conversationId: context.activity.conversation?.id, log });
  return { facts, errors, check };
}

/** "Öppna checklistan": what has been ticked so far, from the approval message, a reminder or the account list. */
export async function onOpenChecklist(context: TurnContext, services: BotServices, accountId: string): Promise<void> {
  const account = await closingAccount(context, services, accountId);
  if (!account) return;
  const values = valuesFromFacts(await new ClosingProgress(services.database.db).get(account.id));
  await sendChecklist(context, services, account, values);
}

/** "Spara och kontrollera": saves the ticks and shows what the decision says about them. */
export async function onCheck(context: TurnContext, services: BotServices, accountId: string, values: ChecklistValues): Promise<void> {
  const account = await closingAccount(context, services, accountId);
  if (!account) return;
  const { facts, errors, check } = await evaluateChecklist(context, services, account, values, false);
  if (Object.keys(errors).length === 0) await new ClosingProgress(services.database.db).save(account.id, facts, actorOf(context));
  await sendChecklist(context, services, account, values, check);
}
