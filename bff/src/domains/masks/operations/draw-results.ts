import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, MaskReservationsTable } from '../../../infra/db/database';
import { chunked } from './chunked';
import type { ApplicationRow } from './draw-inputs';
import type { OpsRound } from './load-round';
import type { PharmacyDraw } from './lottery-draw';

/** The winners' reservations, made at the draw instant `at`. */
export function winnerReservations(round: OpsRound, draws: PharmacyDraw[], applications: ApplicationRow[], at: number): Insertable<MaskReservationsTable>[] {
  const byPerson = new Map(applications.map((a) => [a.personId, a]));
  return draws.flatMap((d) =>
    d.winners.map((personId) => {
      const app = byPerson.get(personId) as ApplicationRow;
      return {
        id: randomUUID(),
        round_id: round.id,
        pharmacy_id: d.pharmacyId,
        person_id: personId,
        holder_person_id: app.holderPersonId,
        account_id: app.accountId,
        pickup_date: round.pickupDate,
        quantity: round.quantityPerPerson,
        status: 'reserved' as const,
        active_person_id: personId,
        idempotency_key: null,
        created_at: at,
      };
    }),
  );
}

export async function writeReservations(trx: Kysely<Database>, rows: Insertable<MaskReservationsTable>[]): Promise<void> {
  for (const batch of chunked(rows)) await trx.insertInto('mask_reservations').values(batch).execute();
}

export async function writeApplicationResults(trx: Kysely<Database>, roundId: string, applications: ApplicationRow[], reservations: Insertable<MaskReservationsTable>[], ineligible: Set<string>): Promise<void> {
  const reservationOf = new Map(reservations.map((r) => [r.person_id, r.id]));
  const won = applications.filter((a) => reservationOf.has(a.personId));
  const lost = applications.filter((a) => !reservationOf.has(a.personId) && !ineligible.has(a.personId));
  const passedOver = applications.filter((a) => ineligible.has(a.personId));
  for (const batch of chunked(lost)) {
    await trx.updateTable('lottery_applications').set({ result: 'lost', reservation_id: null }).where('round_id', '=', roundId).where('id', 'in', batch.map((a) => a.id)).execute();
  }
  for (const batch of chunked(passedOver)) {
    await trx
      .updateTable('lottery_applications')
      .set({ result: 'ineligible', ineligible_reason: 'HELD_RESERVATION', reservation_id: null })
      .where('round_id', '=', roundId)
      .where('id', 'in', batch.map((a) => a.id))
      .execute();
  }
  for (const batch of chunked(won)) {
    // One statement per batch: CASE maps each application to its reservation id (all parameters).
    const reservationId = sql<string>`case ${sql.ref('id')} ${sql.join(batch.map((a) => sql`when ${a.id} then ${reservationOf.get(a.personId)}`), sql` `)} end`;
    await trx.updateTable('lottery_applications').set({ result: 'won', reservation_id: reservationId }).where('round_id', '=', roundId).where('id', 'in', batch.map((a) => a.id)).execute();
  }
}
