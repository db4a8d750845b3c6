import { registerVerbs } from '../../cards/verbs';

export const MY_ACCOUNTS_VERBS = {
  mine: 'myAccounts.mine',
  register: 'myAccounts.register',
  filter: 'myAccounts.filter',
  edit: 'myAccounts.edit',
  savePeople: 'myAccounts.savePeople',
  exportForm: 'myAccounts.exportForm',
  export: 'myAccounts.export',
} as const;

registerVerbs(MY_ACCOUNTS_VERBS);
