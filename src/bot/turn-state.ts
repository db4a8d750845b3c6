import { TurnState, type DefaultConversationState, type DefaultUserState, type DefaultTempState } from '@microsoft/teams-ai';

/** What a conversation remembers between turns: the flow in progress and its draft answers. */
export interface ConversationData extends DefaultConversationState {
  flow?: { id: string; step: string; draft?: Record<string, unknown> };
}

export type UserData = DefaultUserState;

export type AppTurnState = TurnState<ConversationData, UserData, DefaultTempState>;
