import type { Answer, ApprovalAnswer, RequestStatus } from './types';

/**
 * The status of a round from its answers: one rejection ends it, one "send back" returns it,
 * and it is approved only when every required role has approved.
 */
export function statusFromAnswers(requiredRoles: readonly string[], answers: readonly Pick<ApprovalAnswer, 'role' | 'answer'>[]): RequestStatus {
  if (answers.some((a) => a.answer === 'rejected')) return 'rejected';
  if (answers.some((a) => a.answer === 'returned')) return 'returned';
  const approved = new Set(answers.filter((a) => a.answer === 'approved').map((a) => a.role));
  return requiredRoles.length > 0 && requiredRoles.every((role) => approved.has(role)) ? 'approved' : 'pending';
}

/** Roles still waiting for an answer in the round. */
export function openRoles(requiredRoles: readonly string[], answers: readonly Pick<ApprovalAnswer, 'role'>[]): string[] {
  const answered = new Set(answers.map((a) => a.role));
  return requiredRoles.filter((role) => !answered.has(role));
}

/**
 * The role a person answers for: the first open role they hold. A person answers once per round, so when one
 * person holds two roles (Nyköping: verksamhetschef and kommunikatör) a second person must answer the other.
 */
export function roleToAnswer(requiredRoles: readonly string[], answers: readonly Pick<ApprovalAnswer, 'role'>[], held: readonly string[]): string | undefined {
  return openRoles(requiredRoles, answers).find((role) => held.includes(role));
}

export const ANSWERS: readonly Answer[] = ['approved', 'rejected', 'returned'];
