import { z } from 'zod';
import { sendNotice } from '../../bot/send';
import { actorOf } from '../../bot/tenancy';
import { RequestError } from '../../requests';
import { registerAdminCommands } from '../admin';
import { registerApprovals } from '../approvals';
import { workflowOf } from '../approvals/workflow';
import { onResumeClose } from '../close-account/checklist-flow';
import type { FlowDefinition } from '../types';
import { onCancel, onEdit, onPreview, onResume, onSubmit, startForm } from './form-flow';
import { parseFormValues, type FormMode } from './form-values';
import { ACCOUNT_VERBS } from './verbs';

const modeSchema = z.object({ mode: z.enum(['new', 'existing']).catch('new') });
const submitSchema = z.object({ submissionId: z.string().max(100).catch('') });
const requestSchema = z.object({ requestId: z.string().min(1).max(100) });

function modeOf(data: unknown): FormMode {
  return modeSchema.parse(data ?? {}).mode;
}

export const openAccountFlow: FlowDefinition = {
  id: 'open-account',
  intent: 'open_account',
  title: 'Starta nytt konto',
  description: 'Ansök om ett nytt konto i sociala medier. Jag visar vad som saknas och skickar ansökan för beslut.',
  button: 'Starta konto',
  scope: 'personal',
  async start(context, state, services) {
    await startForm(context, state, services, 'new');
  },
  register(app, services) {
    app.adaptiveCards.actionSubmit(ACCOUNT_VERBS.preview, (context, state, data) => onPreview(context, state, services, modeOf(data), parseFormValues(data), data));
    app.adaptiveCards.actionSubmit(ACCOUNT_VERBS.edit, (context, state, data) => onEdit(context, state, services, modeOf(data)));
    app.adaptiveCards.actionSubmit(ACCOUNT_VERBS.cancel, (context, state) => onCancel(context, state));
    app.adaptiveCards.actionSubmit(ACCOUNT_VERBS.submit, (context, state, data) =>
      onSubmit(context, state, services, modeOf(data), submitSchema.parse(data ?? {}).submissionId),
    );
    app.adaptiveCards.actionSubmit(ACCOUNT_VERBS.resume, async (context, state, data) => {
      const parsed = requestSchema.safeParse(data);
      const request = parsed.success ? await workflowOf(services).requests.get(parsed.data.requestId) : undefined;
      if (!request || request.requester.aadObjectId !== actorOf(context)) {
        return sendNotice(context, 'Jag hittar inte den begäran', 'Den kan vara borttagen eller gälla någon annan. Börja gärna om från menyn.', 'Warning');
      }
      if (request.status !== 'returned') {
        return sendNotice(context, 'Begäran kan inte ändras nu', 'Den är redan skickad igen eller avgjord. Du får ett meddelande när något händer.', 'Warning');
      }
      if (request.kind === 'close') return onResumeClose(context, state, services, request);
      return onResume(context, state, services, request);
    });
    app.adaptiveCards.actionSubmit(ACCOUNT_VERBS.withdraw, async (context, state, data) => {
      const parsed = requestSchema.safeParse(data);
      const workflow = workflowOf(services);
      const request = parsed.success ? await workflow.requests.get(parsed.data.requestId) : undefined;
      if (!request || request.requester.aadObjectId !== actorOf(context)) {
        return sendNotice(context, 'Jag hittar inte den begäran', 'Den kan vara borttagen eller gälla någon annan.', 'Warning');
      }
      try {
        await workflow.requests.withdraw(request.id, actorOf(context), request.version);
      } catch (error) {
        if (error instanceof RequestError) return sendNotice(context, 'Begäran kan inte dras tillbaka', 'Den är redan avgjord eller ändrad.', 'Warning');
        throw error;
      }
      if (state.conversation.flow?.draft && (state.conversation.flow.draft as { requestId?: string }).requestId === request.id) state.conversation.flow = undefined;
      await sendNotice(context, 'Begäran är tillbakadragen', 'Inget mer händer med den. Du kan börja om från menyn när du vill.', 'Good');
    });
    registerApprovals(app, services);
    registerAdminCommands(app, services);
  },
};
