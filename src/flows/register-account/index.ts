import { startForm } from '../open-account/form-flow';
import type { FlowDefinition } from '../types';

/** Existing accounts: the same form and completeness check; registered without approval unless the pack asks for it. */
export const registerAccountFlow: FlowDefinition = {
  id: 'register-account',
  intent: 'register_account',
  title: 'Registrera befintligt konto',
  description: 'Lägg in ett konto som redan finns i kontoregistret. Policyn gäller även befintliga konton.',
  button: 'Registrera konto',
  scope: 'personal',
  async start(context, state, services) {
    await startForm(context, state, services, 'existing');
  },
};
