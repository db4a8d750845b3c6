import { cardActivity } from '../../bot/send';
import type { BotServices } from '../../bot/services';
import type { AccountRequest } from '../../requests';
import { approvalCard, pendingApprovers } from './card-view';
import { workflowOf } from './workflow';

export type PostResult = { posted: true; conversationId: string } | { posted: false; reason: 'no_channel' | 'not_delivered' };

/** Posts the current round's approval card in the unit's approval channel. */
export async function postApprovalCard(services: BotServices, request: AccountRequest): Promise<PostResult> {
  const workflow = workflowOf(services);
  await workflow.ready;
  const channel = await workflow.channels.get(request.pack, request.unit);
  if (!channel) return { posted: false, reason: 'no_channel' };
  const approvers = await workflow.approvers.forUnit(request.pack, request.unit);
  const card = approvalCard(request, [], { refreshFor: pendingApprovers(request, [], approvers) });
  let delivered = false;
  try {
    const outcome = await services.notifier.sendToConversation(channel.conversationId, cardActivity(card));
    delivered = outcome.status === 'delivered';
    if (!delivered) services.logger.warn({ event: 'approval_card_failed', outcome: outcome.status, requestId: request.id }, 'approval card not posted');
  } catch (error) {
    services.logger.warn({ event: 'approval_card_failed', status: (error as { statusCode?: number }).statusCode }, 'approval card not posted');
  }
  if (!delivered) return { posted: false, reason: 'not_delivered' };
  await workflow.requests.setCard(request.id, channel.conversationId, null);
  services.logger.info({ event: 'approval_card_posted', requestId: request.id, round: request.round, kind: request.kind }, 'approval card posted');
  return { posted: true, conversationId: channel.conversationId };
}

/** After an admin names an approval channel: the unit's requests that were waiting for one get their cards. */
export async function postWaitingRequests(services: BotServices, pack: string, unit: string): Promise<number> {
  const waiting = await workflowOf(services).requests.pendingWithoutCard(pack, unit);
  let posted = 0;
  for (const request of waiting) if ((await postApprovalCard(services, request)).posted) posted += 1;
  return posted;
}
