import type { Kysely, Selectable } from 'kysely';
import type { Database, MaskRoundsTable } from '../../../infra/db/database';
import type { RoundRecord, RoundStore } from './round-store';

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

  async overlapping(opensAt: number, closesAt: number): Promise<RoundRecord[]> {
    const rows = await this.db.selectFrom('mask_rounds').selectAll().where('opens_at', '<', closesAt).where('closes_at', '>', opensAt).execute();
    return rows.map(toRound);
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
