import type { Generated } from 'kysely';
import type { AccountStatus } from './types';

export interface AccountTables {
  accounts: {
    id: string;
    pack: string;
    unit: string;
    platform: string;
    account_name: string;
    url: string | null;
    account_type: 'official' | 'pedagogical';
    purpose: string;
    goals: unknown;
    audiences: unknown;
    owner_aad_object_id: string;
    owner_name: string;
    stand_in_aad_object_id: string | null;
    stand_in_name: string | null;
    credentials_location: string;
    end_date: string | null;
    registered_via: 'application' | 'existing';
    request_id: string | null;
    opened_on: string;
    facts: unknown;
    status: Generated<AccountStatus>;
    closing_on: string | null;
    closed_on: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    version: Generated<number>;
  };
  account_history: {
    id: Generated<number>;
    account_id: string;
    at: Generated<Date>;
    actor: string;
    change: string;
    details: unknown;
  };
}
