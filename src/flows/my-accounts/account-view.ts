import { ACCOUNT_TYPE_LABELS, STATUS_LABELS, swedishDate, type Account } from '../../accounts';

export interface AccountView {
  id: string;
  heading: string;
  unit: string;
  typeLabel: string;
  statusLabel: string;
  statusColor: 'Good' | 'Warning' | 'Default';
  owner: string;
  standIn: string;
  opened: string;
  endDate: string;
  closing: string;
  closed: string;
  url: string;
  role: string;
  /** One line: unit, type and dates. */
  details: string;
  /** One line: owner and stand-in. */
  people: string;
  canEdit: boolean;
  /** Owner or stand-in of an account whose closure is approved: may say it is closed now (the date is checked then). */
  canConfirmClosed: boolean;
}

const STATUS_COLORS: Record<Account['status'], AccountView['statusColor']> = { active: 'Good', closing: 'Warning', closed: 'Default' };

/** An account as the list and edit cards show it; empty strings hide a line (`$when`). */
export function accountView(account: Account, viewer: string, canEdit: boolean): AccountView {
  const role = account.owner.aadObjectId === viewer ? 'Du är ansvarig' : account.standIn?.aadObjectId === viewer ? 'Du är ersättare' : '';
  const dates = [
    `startat ${swedishDate(account.openedOn)}`,
    account.endDate ? `slutdatum ${swedishDate(account.endDate)}` : '',
    account.status === 'closing' && account.closingOn ? `avslutas ${swedishDate(account.closingOn)}` : '',
    account.closedOn ? `avslutat ${swedishDate(account.closedOn)}` : '',
  ].filter(Boolean);
  return {
    id: account.id,
    details: [account.unit, ACCOUNT_TYPE_LABELS[account.accountType], ...dates].join(' · '),
    people: `Ansvarig: ${account.owner.name} · Ersättare: ${account.standIn?.name ?? 'ingen'}`,
    heading: `${account.accountName} · ${account.platform}`,
    unit: account.unit,
    typeLabel: ACCOUNT_TYPE_LABELS[account.accountType],
    statusLabel: STATUS_LABELS[account.status],
    statusColor: STATUS_COLORS[account.status],
    owner: account.owner.name,
    standIn: account.standIn?.name ?? 'Ingen ersättare',
    opened: swedishDate(account.openedOn),
    endDate: swedishDate(account.endDate),
    closing: account.status === 'closing' ? swedishDate(account.closingOn) : '',
    closed: swedishDate(account.closedOn),
    url: account.url && /^https?:\/\//i.test(account.url) ? account.url : '',
    role,
    canEdit,
    canConfirmClosed: account.status === 'closing' && role !== '',
  };
}
