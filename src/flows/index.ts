import type { FlowDefinition } from './types';
import { askPolicyFlow } from './ask-policy';
import { moderatePostFlow } from './moderate-post';
import { publishImageFlow } from './publish-image';
import { registerRecordFlow } from './register-record';
import { openAccountFlow } from './open-account';
import { registerAccountFlow } from './register-account';
import { closeAccountFlow } from './close-account';
import { myAccountsFlow } from './my-accounts';
import { remindersFlow } from './reminders';

/** Every conversation the bot offers, in menu order. Adding a flow means adding it here. */
export const FLOWS: FlowDefinition[] = [publishImageFlow, moderatePostFlow, registerRecordFlow, openAccountFlow, registerAccountFlow, closeAccountFlow, myAccountsFlow, remindersFlow, askPolicyFlow];

export function flowById(id: string): FlowDefinition | undefined {
  return FLOWS.find((flow) => flow.id === id);
}

export function flowForIntent(intent: string): FlowDefinition | undefined {
  return FLOWS.find((flow) => flow.intent === intent);
}
