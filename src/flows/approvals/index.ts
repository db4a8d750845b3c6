import type { Application } from '@microsoft/teams-ai';
import type { BotServices } from '../../bot/services';
import type { AppTurnState } from '../../bot/turn-state';
import { handleApprovalAction } from './handler';
import { APPROVAL_VERBS } from './verbs';

export { APPROVAL_VERBS } from './verbs';
export { postApprovalCard, postWaitingRequests } from './post';
export { approvalCard } from './card-view';
export { workflowOf, type Workflow } from './workflow';

/** The Universal Actions of approval cards in channels. */
export function registerApprovals(app: Application<AppTurnState>, services: BotServices): void {
  for (const verb of Object.values(APPROVAL_VERBS)) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      await handleApprovalAction(context, services, verb, data);
      return '';
    });
  }
}
