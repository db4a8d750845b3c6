/** A person as Teams knows them: the stable AAD object id and the display name. */
export interface Person {
  aadObjectId: string;
  name: string;
}

export type RequestKind = 'open' | 'register' | 'close';
export type RequestStatus = 'pending' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
export type Answer = 'approved' | 'rejected' | 'returned';

export const FINAL_STATUSES: readonly RequestStatus[] = ['approved', 'rejected', 'withdrawn'];

export interface AccountRequest {
  id: string;
  kind: RequestKind;
  pack: string;
  unit: string;
  requester: Person;
  status: RequestStatus;
  /** Grows each time a returned request is sent in again; answers belong to one round. */
  round: number;
  /** The roles that must all approve, as the pack named them when the request was sent. */
  requiredRoles: string[];
  /** The decision's facts as validated. */
  facts: Record<string, unknown>;
  /** What the register needs beyond the facts (people with ids, URL, dates). */
  details: Record<string, unknown>;
  accountId: string | null;
  decisionId: string | null;
  /** Close requests: the date from which the account may be closed (ISO date). */
  closingOn: string | null;
  channelConversationId: string | null;
  cardActivityId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
}

export interface ApprovalAnswer {
  round: number;
  role: string;
  approver: Person;
  answer: Answer;
  comment: string | null;
  decisionId: string | null;
  at: string;
}

export interface NewRequest {
  id?: string;
  kind: RequestKind;
  pack: string;
  unit: string;
  requester: Person;
  requiredRoles: string[];
  facts: Record<string, unknown>;
  details: Record<string, unknown>;
  accountId?: string | null;
  decisionId?: string | null;
  closingOn?: string | null;
  /** 'approved' for a request that needs no approval (e.g. registering an existing account). */
  status?: 'pending' | 'approved';
}

export interface RequestEvent {
  at: string;
  actor: string;
  event: string;
  round: number;
  role: string | null;
  decisionId: string | null;
  details: Record<string, unknown>;
}

/** What happened to one press of Godkänn / Avslå / Skicka tillbaka. Exactly one press per role wins. */
export type AnswerResult =
  | { kind: 'recorded'; role: string; request: AccountRequest; answers: ApprovalAnswer[]; final: boolean }
  | { kind: 'not_approver'; request: AccountRequest; answers: ApprovalAnswer[] }
  | { kind: 'already_answered'; role: string; request: AccountRequest; answers: ApprovalAnswer[] }
  | { kind: 'role_taken'; roles: string[]; request: AccountRequest; answers: ApprovalAnswer[] }
  | { kind: 'stale'; request: AccountRequest; answers: ApprovalAnswer[] }
  /** Jäv (förvaltningslagen 16 §): the person asked for the request or owns / stands in for its account. */
  | { kind: 'conflict_of_interest'; reason: ConflictReason; alternatives: RoleAlternatives[]; request: AccountRequest; answers: ApprovalAnswer[] };

/** Why a person may not decide a request: they asked for it, or the account is theirs (owner or stand-in). */
export type ConflictReason = 'requester' | 'owner' | 'stand_in';

/** Who else may answer for a role the refused person holds (empty: nobody; admins must appoint someone). */
export interface RoleAlternatives {
  role: string;
  people: Person[];
}
