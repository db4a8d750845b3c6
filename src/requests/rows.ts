import type { AccountRequest, ApprovalAnswer, Answer, RequestEvent, RequestKind, RequestStatus } from './types';

export interface RequestRow {
  id: string;
  kind: string;
  pack: string;
  unit: string;
  requester_aad: string;
  requester_name: string;
  status: string;
  round: number;
  required_roles: unknown;
  facts: unknown;
  details: unknown;
  account_id: string | null;
  decision_id: string | null;
  closing_on: string | null;
  channel_conversation_id: string | null;
  card_activity_id: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  decided_at: Date | string | null;
}

export interface ApprovalRow {
  round: number;
  role: string;
  approver_aad: string;
  approver_name: string;
  answer: string;
  comment: string | null;
  decision_id: string | null;
  at: Date | string;
}

export interface EventRow {
  at: Date | string;
  actor: string;
  event: string;
  round: number;
  role: string | null;
  decision_id: string | null;
  details: unknown;
}

export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toRequest(row: RequestRow): AccountRequest {
  return {
    id: row.id,
    kind: row.kind as RequestKind,
    pack: row.pack,
    unit: row.unit,
    requester: { aadObjectId: row.requester_aad, name: row.requester_name },
    status: row.status as RequestStatus,
    round: Number(row.round),
    requiredRoles: json<string[]>(row.required_roles),
    facts: json<Record<string, unknown>>(row.facts),
    details: json<Record<string, unknown>>(row.details),
    accountId: row.account_id,
    decisionId: row.decision_id,
    closingOn: row.closing_on,
    channelConversationId: row.channel_conversation_id,
    cardActivityId: row.card_activity_id,
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
  };
}

export function toAnswer(row: ApprovalRow): ApprovalAnswer {
  return {
    round: Number(row.round),
    role: row.role,
    approver: { aadObjectId: row.approver_aad, name: row.approver_name },
    answer: row.answer as Answer,
    comment: row.comment,
    decisionId: row.decision_id,
    at: iso(row.at),
  };
}

export function toEvent(row: EventRow): RequestEvent {
  return {
    at: iso(row.at),
    actor: row.actor,
    event: row.event,
    round: Number(row.round),
    role: row.role,
    decisionId: row.decision_id,
    details: json<Record<string, unknown>>(row.details) ?? {},
  };
}
