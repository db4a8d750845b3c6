import { z } from 'zod';
import { sendNotice } from '../../bot/send';
import type { FlowDefinition } from '../types';
import { onCheck, onEditClose, onPick, onSubmitClose, startClose } from './checklist-flow';
import { parseChecklist } from './checklist-values';
import { onConfirmClosed } from './confirm';
import { CLOSE_VERBS } from './verbs';

const accountSchema = z.object({ accountId: z.string().max(100).catch('') });
const submitSchema = z.object({ submissionId: z.string().max(100).catch('') });

export { closingDatePlanner, closingReminderRenderer, CLOSING_REMINDER_KIND } from './reminder';

export const closeAccountFlow: FlowDefinition = {
  id: 'close-account',
  intent: 'close_account',
  title: 'Avsluta konto',
  description: 'Avsluta ett av dina konton: checklistan enligt policyn, beslut och påminnelse när kontot ska stängas.',
  button: 'Avsluta konto',
  scope: 'personal',
  async start(context, state, services) {
    await startClose(context, state, services);
  },
  register(app, services) {
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.pick, (context, state, data) => onPick(context, state, services, accountSchema.parse(data ?? {}).accountId));
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.check, (context, state, data) => onCheck(context, state, services, parseChecklist(data)));
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.edit, (context, state) => onEditClose(context, state, services));
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.submit, (context, state, data) => onSubmitClose(context, state, services, submitSchema.parse(data ?? {}).submissionId));
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.cancel, async (context, state) => {
      state.conversation.flow = undefined;
      await sendNotice(context, 'Okej, inget har skickats', 'Kontot är kvar som förut. Du kan börja om från menyn när du vill.');
    });
    app.adaptiveCards.actionSubmit(CLOSE_VERBS.confirmClosed, (context, _state, data) => onConfirmClosed(context, services, accountSchema.parse(data ?? {}).accountId));
  },
};
