import type { Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import { toOpsRound, type OpsRound } from './load-round';

type RoundTimes = Pick<OpsRound, 'id' | 'opensAt' | 'closesAt' | 'cancelledAt'>;

/**
 * Where a round's uncollected units go when it expires at instant `at`: the first round by
 * opens_at (then id) after it whose booking window has not closed by `at`. With daily rounds
 * the round opened the day after is usually closed before the pickup day ends, and units added
 * to a closed round could never be booked. `at` is stored as mask_rounds.expired_at, so the
 * ledger finds the same target again later.
 */
export function pickRolloverTarget<R extends RoundTimes>(rounds: readonly R[], round: Pick<OpsRound, 'id' | 'opensAt'>, at: number): R | null {
  // A cancelled round takes no bookings: units added there could never be booked.
  const candidates = rounds.filter((r) => r.id !== round.id && r.opensAt > round.opensAt && r.closesAt > at && r.cancelledAt == null);
  candidates.sort((a, b) => a.opensAt - b.opensAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return candidates[0] ?? null;
}

/** pickRolloverTarget over the stored rounds (read inside the caller's transaction). */
export async function findRolloverTarget(db: Kysely<Database>, round: Pick<OpsRound, 'id' | 'opensAt'>, at: number): Promise<OpsRound | null> {
  const later = await db.selectFrom('mask_rounds').selectAll().where('opens_at', '>', round.opensAt).where('closes_at', '>', at).execute();
  return pickRolloverTarget(later.map(toOpsRound), round, at);
}
