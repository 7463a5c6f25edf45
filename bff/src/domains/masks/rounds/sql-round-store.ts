import type { Kysely, Selectable } from 'kysely';
import type { Database, MaskRoundsTable } from '../../../infra/db/database';
import type { RoundEdit, RoundRecord, RoundStore } from './round-store';

/** The one mapping of a mask_rounds row; operations extend it with their markers. */
export function toRound(r: Selectable<MaskRoundsTable>): RoundRecord {
  return {
    id: r.id,
    name: r.name,
    opensAt: Number(r.opens_at),
    closesAt: Number(r.closes_at),
    pickupDate: r.pickup_date,
    quantityPerPerson: Number(r.quantity_per_person),
    mode: r.mode,
    repeatDays: Number(r.repeat_days),
    createdAt: Number(r.created_at),
    closedEarlyAt: r.closed_early_at === null ? null : Number(r.closed_early_at),
    cancelledAt: r.cancelled_at === null ? null : Number(r.cancelled_at),
    changeReason: r.change_reason,
  };
}

export class SqlRoundStore implements RoundStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: string): Promise<RoundRecord | null> {
    const row = await this.db.selectFrom('mask_rounds').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRound(row) : null;
  }

  async closingAfter(sinceMs: number): Promise<RoundRecord[]> {
    const rows = await this.db.selectFrom('mask_rounds').selectAll().where('closes_at', '>', sinceMs).orderBy('opens_at').limit(100).execute();
    return rows.map(toRound);
  }

  async list(limit: number): Promise<RoundRecord[]> {
    const rows = await this.db.selectFrom('mask_rounds').selectAll().orderBy('opens_at', 'desc').limit(limit).execute();
    return rows.map(toRound);
  }

  async page(offset: number, limit: number): Promise<{ items: RoundRecord[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db.selectFrom('mask_rounds').selectAll().orderBy('opens_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
      this.db.selectFrom('mask_rounds').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRound), total: Number(count.n) };
  }

  async overlapping(opensAt: number, closesAt: number): Promise<RoundRecord[]> {
    const rows = await this.db.selectFrom('mask_rounds').selectAll().where('opens_at', '<', closesAt).where('closes_at', '>', opensAt).where('cancelled_at', 'is', null).execute();
    return rows.map(toRound);
  }

  async updateBeforeOpening(id: string, e: RoundEdit, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('mask_rounds')
      .set({ name: e.name, opens_at: e.opensAt, closes_at: e.closesAt, pickup_date: e.pickupDate, quantity_per_person: e.quantityPerPerson, mode: e.mode, repeat_days: e.repeatDays })
      .where('id', '=', id)
      .where('opens_at', '>', now)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async insert(r: RoundRecord): Promise<void> {
    await this.db
      .insertInto('mask_rounds')
      .values({
        id: r.id,
        name: r.name,
        opens_at: r.opensAt,
        closes_at: r.closesAt,
        pickup_date: r.pickupDate,
        quantity_per_person: r.quantityPerPerson,
        mode: r.mode,
        repeat_days: r.repeatDays,
        lottery_seed: null,
        drawn_at: null,
        expired_at: null,
        created_at: r.createdAt,
      })
      .execute();
  }
}
