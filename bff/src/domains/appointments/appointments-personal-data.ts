import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { DataSubject, PersonalDataContributor, PersonalDataEraser } from '../rights/rights-ports';
import type { AppointmentService } from './appointment-service';
import { timeOf } from './slots/slot-calendar';

const ERASED_TEXT = '（账号已注销，内容已删除）';
const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/**
 * Rows made by the account or for the person (a family member's, booked by the account, included).
 * Unqualified columns: the halls and services joined below have neither.
 */
function ownedBy(s: DataSubject): RawBuilder<SqlBool> {
  return s.personId === null ? sql<SqlBool>`account_id = ${s.accountId}` : sql<SqlBool>`(account_id = ${s.accountId} OR person_id = ${s.personId})`;
}

async function exportOf(db: Kysely<Database>, s: DataSubject) {
  const own = ownedBy(s);
  const appointments = await db
    .selectFrom('appointments')
    .leftJoin('halls', 'halls.id', 'appointments.hall_id')
    .leftJoin('hall_services', 'hall_services.id', 'appointments.service_id')
    .select(['appointments.id', 'halls.name as hall', 'hall_services.name as service', 'appointments.date', 'appointments.start_min', 'appointments.end_min', 'appointments.status', 'appointments.source', 'appointments.created_at', 'appointments.checked_in_at'])
    .where(own)
    .orderBy('appointments.created_at')
    .execute();
  const waitlist = await db
    .selectFrom('appointment_waitlist')
    .leftJoin('halls', 'halls.id', 'appointment_waitlist.hall_id')
    .leftJoin('hall_services', 'hall_services.id', 'appointment_waitlist.service_id')
    .select(['appointment_waitlist.id', 'halls.name as hall', 'hall_services.name as service', 'appointment_waitlist.date', 'appointment_waitlist.start_min', 'appointment_waitlist.end_min', 'appointment_waitlist.status', 'appointment_waitlist.joined_at'])
    .where(own)
    .orderBy('appointment_waitlist.joined_at')
    .execute();
  const ratings = await db
    .selectFrom('hall_ratings')
    .leftJoin('halls', 'halls.id', 'hall_ratings.hall_id')
    .leftJoin('hall_services', 'hall_services.id', 'hall_ratings.service_id')
    .select(['hall_ratings.id', 'halls.name as hall', 'hall_services.name as service', 'hall_ratings.grade', 'hall_ratings.score', 'hall_ratings.tags', 'hall_ratings.comment', 'hall_ratings.created_at'])
    .where(own)
    .orderBy('hall_ratings.created_at')
    .execute();
  const span = (r: { start_min: number; end_min: number }) => `${timeOf(Number(r.start_min))}-${timeOf(Number(r.end_min))}`;
  return {
    appointments: appointments.map((a) => ({ id: a.id, hall: a.hall, service: a.service, date: a.date, time: span(a), status: a.status, source: a.source, bookedAt: iso(a.created_at), arrivedAt: iso(a.checked_in_at) })),
    waitlist: waitlist.map((w) => ({ id: w.id, hall: w.hall, service: w.service, date: w.date, time: span(w), status: w.status, joinedAt: iso(w.joined_at) })),
    ratings: ratings.map((r) => ({ id: r.id, hall: r.hall, service: r.service, grade: r.grade, score: Number(r.score), tags: r.tags ? r.tags.split(',').filter(Boolean) : [], comment: r.comment, ratedAt: iso(r.created_at) })),
  };
}

/**
 * Service-hall appointments (预约), waitlist entries (候补) and ratings (评价) in the export and in
 * deletion (docs/privacy.md):
 * - waitlist entries deleted first (a place freed below must not go to the leaving person);
 * - every appointment still booked is cancelled through AppointmentService (deadline waived): its
 *   place goes to the slot's first waiter or back to the pool, counters stay right;
 * - the person's no-show block deleted;
 * - kept pseudonymised: past/cancelled appointment rows (the hall's booking ledger) and ratings
 *   (the hall's satisfaction statistics), under UUIDs only; a rating's comment and its follow-up's
 *   note are overwritten (free text may name someone).
 */
export function appointmentsPersonalData(db: Kysely<Database>, appointments: AppointmentService): { contributor: PersonalDataContributor; eraser: PersonalDataEraser } {
  return {
    contributor: { section: 'hallAppointments', contribute: (s) => exportOf(db, s) },
    eraser: {
      domain: 'appointments',
      async erase(s) {
        const own = ownedBy(s);
        const waiters = await db.deleteFrom('appointment_waitlist').where(own).executeTakeFirst();
        const booked = await db.selectFrom('appointments').select('id').where('status', '=', 'booked').where(own).execute();
        let cancelled = 0;
        for (const { id } of booked) cancelled += Number(await appointments.cancelForErasure(id));
        const blocks = s.personId === null ? { numDeletedRows: 0n } : await db.deleteFrom('appointment_blocks').where('person_id', '=', s.personId).executeTakeFirst();
        const ratingIds = (await db.selectFrom('hall_ratings').select('id').where(own).execute()).map((r) => r.id);
        let ratingsPseudonymised = 0;
        if (ratingIds.length) {
          const r = await db.updateTable('hall_ratings').set({ comment: ERASED_TEXT }).where('id', 'in', ratingIds).where('comment', 'is not', null).where('comment', '!=', ERASED_TEXT).executeTakeFirst();
          ratingsPseudonymised = Number(r.numUpdatedRows);
          await db.updateTable('hall_rating_follow_ups').set({ note: ERASED_TEXT }).where('rating_id', 'in', ratingIds).where('note', 'is not', null).where('note', '!=', ERASED_TEXT).execute();
        }
        return { waitlistEntriesRemoved: Number(waiters.numDeletedRows), cancelled, blocksDeleted: Number(blocks.numDeletedRows), ratingCommentsErased: ratingsPseudonymised };
      },
    },
  };
}
