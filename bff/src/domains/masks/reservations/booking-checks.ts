import { AppError } from '../../../core/app-error';
import type { PersonDirectory } from '../../identity/person-directory';
import type { SoldOutCache } from '../sold-out-cache';

/**
 * Checks the booking and the eligibility answer share (reservation-service, eligibility-service),
 * so that the page refuses for exactly the reasons the booking would.
 */

/** The person a holder may book for: themself (default) or one of their family members, else 403. */
export async function bookablePerson(directory: PersonDirectory, holderPersonId: string, requested: string | undefined): Promise<string> {
  if (requested === undefined || requested === holderPersonId) return holderPersonId;
  if ((await directory.familyMemberIds(holderPersonId)).includes(requested)) return requested;
  throw new AppError(403, 'FORBIDDEN', 'You may book only for yourself or your family members');
}

/**
 * Sold out without asking the hot path: not in the round, or seen sold out within the last second
 * (a retry after a lost answer is never refused from that cache: its replay must be reached).
 */
export function knownSoldOut(soldOut: SoldOutCache, roundId: string, pharmacyId: string, outOfRound: boolean, retry = false): boolean {
  return outOfRound || (!retry && soldOut.has(roundId, pharmacyId));
}
