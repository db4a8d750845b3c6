import type { FlowDefinition } from '../types';
import { isCommunicationsUnit } from './access';
import { savePeople, startEdit } from './edit';
import { createExport, sendExportForm } from './export';
import { filterSchema, sendMyAccounts, sendRegister } from './list';
import { MY_ACCOUNTS_VERBS } from './verbs';
import { actorOf } from '../../bot/tenancy';

/** "Mina konton" for everyone; "Kontoregister" with filters and the report for the communications unit. */
export const myAccountsFlow: FlowDefinition = {
  id: 'my-accounts',
  intent: 'my_accounts',
  title: 'Mina konton',
  description: 'Se kontona du ansvarar för och byt ansvarig eller ersättare. Kommunikationsenheten ser hela registret och tar ut rapporten.',
  button: 'Visa konton',
  scope: 'everywhere',
  async start(context, state, services) {
    if (state.conversation.flow?.id === 'my-accounts') state.conversation.flow = undefined;
    if (isCommunicationsUnit(services, actorOf(context))) await sendRegister(context, services);
    else await sendMyAccounts(context, services);
  },
  register(app, services) {
    app.adaptiveCards.actionSubmit(MY_ACCOUNTS_VERBS.mine, async (context, _state, data) => {
      const offset = filterSchema.parse(data ?? {}).offset;
      await sendMyAccounts(context, services, offset);
    });
    app.adaptiveCards.actionSubmit(MY_ACCOUNTS_VERBS.register, async (context) => sendRegister(context, services));
    app.adaptiveCards.actionSubmit(MY_ACCOUNTS_VERBS.filter, async (context, _state, data) => sendRegister(context, services, filterSchema.parse(data ?? {})));
    app.adaptiveCards.actionSubmit(MY_ACCOUNTS_VERBS.edit, async (context, _state, data) => startEdit(context, services, data));
    app.adaptiveCards.actionSubmit(MY_ACCOUNTS_VERBS.savePeople, async (context, _state, data) => savePeople(context, services, data));
    app.adaptiveCards.actionSubmit(MY_ACCOUNTS_VERBS.exportForm, async (context) => sendExportForm(context, services));
    app.adaptiveCards.actionSubmit(MY_ACCOUNTS_VERBS.export, async (context, _state, data) => createExport(context, services, data));
  },
};
