import type { Generated } from 'kysely';

/** The tables of migrations/005_account_requests.sql, as Kysely sees them. */
export interface RequestTables {
  account_requests: {
    id: string;
    kind: string;
    pack: string;
    unit: string;
    requester_aad: string;
    requester_name: string;
    status: string;
    round: Generated<number>;
    required_roles: unknown;
    facts: unknown;
    details: unknown;
    account_id: string | null;
    decision_id: string | null;
    closing_on: string | null;
    channel_conversation_id: string | null;
    card_activity_id: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    decided_at: Date | null;
  };
  request_approvals: {
    id: Generated<number>;
    request_id: string;
    round: number;
    role: string;
    approver_aad: string;
    approver_name: string;
    answer: string;
    comment: string | null;
    decision_id: string | null;
    at: Generated<Date>;
  };
  request_events: {
    id: Generated<number>;
    request_id: string;
    at: Generated<Date>;
    actor: string;
    event: string;
    round: number;
    role: string | null;
    decision_id: string | null;
    details: unknown;
  };
  approval_channels: {
    pack: string;
    unit: string;
    conversation_id: string;
    team_id: string | null;
    set_by: string;
    set_at: Generated<Date>;
  };
  approvers: {
    id: Generated<number>;
    pack: string;
    unit: string;
    role: string;
    aad_object_id: string;
    name: string;
    teams_user_id: string | null;
    source: string;
    added_by: string;
    added_at: Generated<Date>;
  };
}
