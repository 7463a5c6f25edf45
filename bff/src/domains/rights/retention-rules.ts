import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { RetentionRule } from './retention-purge';

/** Retention periods in days (config `privacy.retention`, zod-checked). */
export interface RetentionDays {
  maskReservationDays: number;
  hallTicketDays: number;
  appointmentDays: number;
  hallRatingDays: number;
  erasureMarkDays: number;
}

const CHUNK = 2000;

/** Deletes chunk after chunk (short locks on a big backlog) until `next` finds nothing. */
async function inChunks(next: () => Promise<string[]>, remove: (ids: string[]) => Promise<unknown>): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = await next();
    if (ids.length === 0) return total;
    await remove(ids);
    total += ids.length;
  }
}

/**
 * The records docs/privacy.md keeps after their purpose ended, each with its period. Only
 * records that are over: a reservation still to collect, a ticket in the queue, a booked
 * appointment are never touched, whatever their age. Check-ins have their own job (venues).
 */
export function retentionRules(db: Kysely<Database>, days: RetentionDays): RetentionRule[] {
  return [
    {
      name: 'maskReservations',
      days: days.maskReservationDays,
      purge: (before) =>
        inChunks(
          async () => (await db.selectFrom('mask_reservations').select('id').where('status', 'in', ['redeemed', 'expired', 'cancelled']).where('created_at', '<', before).limit(CHUNK).execute()).map((r) => r.id),
          (ids) => db.deleteFrom('mask_reservations').where('id', 'in', ids).execute(),
        ),
    },
    {
      name: 'lotteryApplications',
      days: days.maskReservationDays,
      purge: (before) =>
        inChunks(
          async () => (await db.selectFrom('lottery_applications').select('id').where('result', 'is not', null).where('created_at', '<', before).limit(CHUNK).execute()).map((r) => r.id),
          (ids) => db.deleteFrom('lottery_applications').where('id', 'in', ids).execute(),
        ),
    },
    {
      name: 'hallTickets',
      days: days.hallTicketDays,
      purge: (before) =>
        inChunks(
          async () => (await db.selectFrom('hall_tickets').select('id').where('state', 'in', ['done', 'no_show', 'transferred', 'cancelled']).where('taken_at', '<', before).limit(CHUNK).execute()).map((r) => r.id),
          (ids) => db.deleteFrom('hall_tickets').where('id', 'in', ids).execute(),
        ),
    },
    {
      name: 'appointments',
      days: days.appointmentDays,
      purge: (before) =>
        inChunks(
          async () => (await db.selectFrom('appointments').select('id').where('status', '!=', 'booked').where('ends_at', '<', before).limit(CHUNK).execute()).map((r) => r.id),
          (ids) => db.deleteFrom('appointments').where('id', 'in', ids).execute(),
        ),
    },
    {
      name: 'hallRatings',
      days: days.hallRatingDays,
      purge: (before) =>
        inChunks(
          async () => (await db.selectFrom('hall_ratings').select('id').where('created_at', '<', before).limit(CHUNK).execute()).map((r) => r.id),
          async (ids) => {
            // A rating's follow-up (an official's note on a 差评) goes with it.
            await db.deleteFrom('hall_rating_follow_ups').where('rating_id', 'in', ids).execute();
            await db.deleteFrom('hall_ratings').where('id', 'in', ids).execute();
          },
        ),
    },
    {
      // A deletion's mark only has to outlive the outbox lag of a booking in flight (seconds).
      name: 'erasureMarks',
      days: days.erasureMarkDays,
      purge: (before) =>
        inChunks(
          async () => (await db.selectFrom('account_erasures').select('account_id').where('started_at', '<', before).limit(CHUNK).execute()).map((r) => r.account_id),
          (ids) => db.deleteFrom('account_erasures').where('account_id', 'in', ids).execute(),
        ),
    },
  ];
}
