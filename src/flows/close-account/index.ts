import { z } from 'zod';
import { sendNotice } from '../../bot/send';
import type { FlowDefinition } from '../types';
import { onCheck, onOpenChecklist } from './checklist-flow';
import { parseChecklist } from './checklist-values';
import { startClose } from './common';
import { onConfirmClosed } from './confirm';
import { onPick, onSubmitClose } from './request-flow';
import { parseRequestValues } from './request-values';
import { CLOSE_VERBS } from './verbs';

const accountSchema = z.object({ accountId: z.string().max(100).catch('') });
/** From the reporting round's "Nej": the reason comes pre-filled. */
const pickSchema = accountSchema.extend({ closingReason: z.string().max(20).catch('') });
const submitSchema = z.object({ submissionId: z.string().max(100).catch('') });

export { closingDatePlanner, closingReminderRenderer, CLOSING_REMINDER_KIND } from './reminder';

export const closeAccountFlow: FlowDefinition = {
  id: 'close-account',
  intent: 'close_account',
  title: 'Avsluta konto',
  description: 'Avsluta ett av dina konton i policyns ordning: beslut först, sedan checklistan och påminnelse när kontot ska stängas.',
  button: 'Avsluta konto',
  scope: 'personal',
  async start(context, state, services) {
    await startClose(context, state, services);
  },
  register(app, services) {
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.pick, (context, state, data) => {
      const picked = pickSchema.parse(data ?? {});
      return onPick(context, state, services, picked.accountId, picked.closingReason);
    });
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.submit, (context, state, data) =>
      onSubmitClose(context, state, services, submitSchema.parse(data ?? {}).submissionId, parseRequestValues(data)),
    );
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.checklist, (context, _state, data) => onOpenChecklist(context, services, accountSchema.parse(data ?? {}).accountId));
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.check, (context, _state, data) => onCheck(context, services, accountSchema.parse(data ?? {}).accountId, parseChecklist(data)));
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.cancel, async (context, state) => {
      state.conversation.flow = undefined;
      await sendNotice(context, 'Okej, inget har skickats', 'Kontot är kvar som förut. Du kan börja om från menyn när du vill.');
    });
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.confirmClosed, (context, _state, data) => onConfirmClosed(context, services, accountSchema.parse(data ?? {}).accountId));
  },
};
