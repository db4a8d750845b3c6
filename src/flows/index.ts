import type { FlowDefinition } from './types';
import { askPolicyFlow } from './ask-policy';

/** Every conversation the bot offers, in menu order. Adding a flow means adding it here. */
export const FLOWS: FlowDefinition[] = [askPolicyFlow];

export function flowById(id: string): FlowDefinition | undefined {
  return FLOWS.find((flow) => flow.id === id);
}

export function flowForIntent(intent: string): FlowDefinition | undefined {
  return FLOWS.find((flow) => flow.intent === intent);
}
