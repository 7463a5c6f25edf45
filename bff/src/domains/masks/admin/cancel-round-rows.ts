import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import type { RoundRecord } from '../rounds/round-store';

export interface CancelledRows {
  reservations: Array<{ id: string; personId: string; holderPersonId: string; pharmacyId: string }>;
  applications: Array<{ id: string; holderPersonId: string }>;
}

/**
 * The MySQL side of cancelling a round, inside the caller's transaction: claims the round
 * (cancelled_at, the reason; a window still running ends now), cancels its unredeemed
 * reservations with their unit returned to the pool, and ends pending applications as cancelled.
 * Null when the round was cancelled or expired meanwhile (nothing written).
 */
export async function cancelRoundInTransaction(trx: Kysely<Database>, round: RoundRecord, at: number, reason: string): Promise<CancelledRows | null> {
  const claim = await trx
    .updateTable('mask_rounds')
    .set({ cancelled_at: at, change_reason: reason })
    .where('id', '=', round.id)
    .where('cancelled_at', 'is', null)
    .where('expired_at', 'is', null)
    .executeTakeFirst();
  if (Number(claim.numUpdatedRows) !== 1) return null;
  // MySQL assigns left to right: planned_closes_at takes the old closes_at.
  await trx.updateTable('mask_rounds').set({ planned_closes_at: sql`coalesce(planned_closes_at, closes_at)`, closes_at: at }).where('id', '=', round.id).where('closes_at', '>', at).execute();
  const reservations = await cancelOutstanding(trx, round.id, at);
  const pending = await trx.selectFrom('lottery_applications').select(['id', 'holder_person_id']).where('round_id', '=', round.id).where('result', 'is', null).execute();
  if (pending.length > 0) await trx.updateTable('lottery_applications').set({ result: 'cancelled' }).where('round_id', '=', round.id).where('result', 'is', null).execute();
  return { reservations, applications: pending.map((a) => ({ id: a.id, holderPersonId: a.holder_person_id })) };
}

/**
 * Reservations of a cancelled round still reserved → cancelled, unit returned. Run at the cancel
 * and again at its expiry, for bookings the hot store took just before its close marker and the
 * outbox wrote to MySQL after the cancel.
 */
export async function cancelOutstanding(trx: Kysely<Database>, roundId: string, at: number): Promise<CancelledRows['reservations']> {
  const rows = await trx.selectFrom('mask_reservations').select(['id', 'person_id', 'holder_person_id', 'pharmacy_id']).where('round_id', '=', roundId).where('status', '=', 'reserved').execute();
  if (rows.length > 0) {
    await trx
      .updateTable('mask_reservations')
      .set({ status: 'cancelled', active_person_id: null, cancelled_at: at, unit_returned: 1 })
      .where('round_id', '=', roundId)
      .where('status', '=', 'reserved')
      .where('id', 'in', rows.map((r) => r.id))
      .execute();
  }
  return rows.map((r) => ({ id: r.id, personId: r.person_id, holderPersonId: r.holder_person_id, pharmacyId: r.pharmacy_id }));
}
