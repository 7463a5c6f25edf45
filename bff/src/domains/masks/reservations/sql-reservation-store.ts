import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, MaskReservationsTable } from '../../../infra/db/database';
import type { PickupDaySummary, ReservationRecord, ReservationStore } from './reservation-store';
import { listForPeople } from '../shared/list-for-people';

function toRecord(r: Selectable<MaskReservationsTable>): ReservationRecord {
  return {
    id: r.id,
    roundId: r.round_id,
    pharmacyId: r.pharmacy_id,
    personId: r.person_id,
    holderPersonId: r.holder_person_id,
    accountId: r.account_id,
    pickupDate: r.pickup_date,
    quantity: Number(r.quantity),
    status: r.status,
    createdAt: Number(r.created_at),
    redeemedAt: r.redeemed_at === null ? null : Number(r.redeemed_at),
    cancelledAt: r.cancelled_at === null ? null : Number(r.cancelled_at),
    shortCode: r.short_code,
  };
}

export class SqlReservationStore implements ReservationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: string): Promise<ReservationRecord | null> {
    const row = await this.db.selectFrom('mask_reservations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async listFor(personIds: string[], holderPersonId: string, limit: number): Promise<ReservationRecord[]> {
    return (await listForPeople(this.db, 'mask_reservations', personIds, holderPersonId, limit)).map(toRecord);
  }

  async cancel(id: string, at: number, unitReturned: boolean): Promise<boolean> {
    const res = await this.db
      .updateTable('mask_reservations')
      .set({ status: 'cancelled', active_person_id: null, cancelled_at: at, unit_returned: unitReturned ? 1 : 0 })
      .where('id', '=', id)
      .where('status', '=', 'reserved')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async redeem(id: string, pharmacyId: string, by: string, at: number, alsoInTx: (trx: Kysely<Database>) => Promise<void>): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // The status condition makes the code single-use even when two counters scan it at once:
      // exactly one UPDATE matches the row.
      const res = await trx
        .updateTable('mask_reservations')
        .set({ status: 'redeemed', active_person_id: null, redeemed_at: at, redeemed_by: by })
        .where('id', '=', id)
        .where('status', '=', 'reserved')
        .where('pharmacy_id', '=', pharmacyId)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await alsoInTx(trx);
      return true;
    });
  }

  async findByShortCode(pharmacyId: string, pickupDate: string, shortCode: string): Promise<ReservationRecord | null> {
    // uq_mask_res_short_code: one row at most.
    const row = await this.db
      .selectFrom('mask_reservations')
      .selectAll()
      .where('pharmacy_id', '=', pharmacyId)
      .where('pickup_date', '=', pickupDate)
      .where('short_code', '=', shortCode)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async outstandingAt(personId: string, pharmacyId: string): Promise<ReservationRecord | null> {
    const row = await this.db
      .selectFrom('mask_reservations')
      .selectAll()
      .where('person_id', '=', personId)
      .where('pharmacy_id', '=', pharmacyId)
      .where('status', '=', 'reserved')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async summary(pharmacyId: string, pickupDate: string): Promise<PickupDaySummary> {
    const rows = await this.db
      .selectFrom('mask_reservations')
      .select(['status', sql<number>`count(*)`.as('n')])
      .where('pharmacy_id', '=', pharmacyId)
      .where('pickup_date', '=', pickupDate)
      .groupBy('status')
      .execute();
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return { reserved: n('reserved') + n('redeemed') + n('expired'), redeemed: n('redeemed'), outstanding: n('reserved') };
  }

  async activeOf(personId: string): Promise<ReservationRecord | null> {
    const row = await this.db.selectFrom('mask_reservations').selectAll().where('active_person_id', '=', personId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async lastRedeemedAt(personId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('mask_reservations')
      .select('redeemed_at')
      .where('person_id', '=', personId)
      .where('status', '=', 'redeemed')
      .orderBy('redeemed_at', 'desc')
      .executeTakeFirst();
    return row?.redeemed_at == null ? null : Number(row.redeemed_at);
  }
}
