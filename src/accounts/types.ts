export type AccountStatus = 'active' | 'closing' | 'closed';

export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['active', 'closing', 'closed'];

/** A responsible person: the AAD object id and the name as Teams shows it. */
export interface Person {
  aadObjectId: string;
  name: string;
}

export interface AccountInput {
  pack: string;
  unit: string;
  platform: string;
  accountName: string;
  url?: string | null;
  accountType: 'official' | 'pedagogical';
  purpose: string;
  goals: string[];
  audiences: string[];
  owner: Person;
  standIn: Person | null;
  credentialsLocation: string;
  /** ISO date; pedagogical (time-limited) accounts have one. */
  endDate?: string | null;
  registeredVia: 'application' | 'existing';
  requestId?: string | null;
  /** ISO date the account was started (for existing accounts: when it was originally started). */
  openedOn: string;
  /** The validated open-account facts. */
  facts: Record<string, unknown>;
}

export interface Account extends AccountInput {
  id: string;
  status: AccountStatus;
  closingOn: string | null;
  closedOn: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface AccountFilter {
  pack?: string;
  unit?: string;
  platform?: string;
  status?: AccountStatus;
  /** Matched case-insensitively against name, URL, platform, unit, owner and stand-in. */
  text?: string;
}

export type AccountChange = 'added' | 'people_changed' | 'closing' | 'closed';

export interface AccountHistoryEntry {
  at: string;
  actor: string;
  change: string;
  details: Record<string, unknown>;
}

/** The semi-annual (or annual) report: accounts started, continuing and closed in a period. */
export interface AccountReport {
  opened: Account[];
  existing: Account[];
  closed: Account[];
}
