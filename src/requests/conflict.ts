import type { AccountRequest, ConflictReason, Person } from './types';

/** The people a request concerns: its requester, and the owner and stand-in of its account (as sent and as registered). */
export interface Concerned {
  requester: string;
  owners: string[];
  standIns: string[];
}

export function concernedBy(request: AccountRequest, account?: { owner: string | null; standIn: string | null }): Concerned {
  const details = request.details as { owner?: Person | null; standIn?: Person | null };
  const ids = (...values: (string | null | undefined)[]) => values.filter((v): v is string => Boolean(v));
  return {
    requester: request.requester.aadObjectId,
    owners: ids(details.owner?.aadObjectId, account?.owner),
    standIns: ids(details.standIn?.aadObjectId, account?.standIn),
  };
}

/**
 * Jäv (förvaltningslagen 16 §): nobody decides a matter they asked for or that concerns them personally. Returns
 * why this person may not decide, or undefined when they may.
 */
export function conflictOf(concerned: Concerned, aadObjectId: string): ConflictReason | undefined {
  if (concerned.requester === aadObjectId) return 'requester';
  if (concerned.owners.includes(aadObjectId)) return 'owner';
  if (concerned.standIns.includes(aadObjectId)) return 'stand_in';
  return undefined;
}
