import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Intent } from '../nlu';
import type { BotServices } from '../bot/services';
import type { AppTurnState } from '../bot/turn-state';

export interface FlowInput {
  /** What the user wrote when the flow was started from free text. */
  text?: string;
  /** True when the user attached a file (a picture) to the message; the file itself is never read or stored. */
  hasAttachment?: boolean;
}

export interface FlowDefinition {
  id: string;
  /** The recognised intent that starts this flow. */
  intent: Intent;
  /** Menu entry, in Swedish. */
  title: string;
  description: string;
  button: string;
  /** Shown in the menu of a personal chat only, or also in channels. */
  scope: 'personal' | 'everywhere';
  start(context: TurnContext, state: AppTurnState, services: BotServices, input: FlowInput): Promise<void>;
  /** Registers the flow's card verbs and other routes. */
  register?(app: Application<AppTurnState>, services: BotServices): void;
}
