import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../../core/app-error';
import type { Database, MaskRoundsTable } from '../../../infra/db/database';

/** A round with the operations columns (seed, draw and expiry markers) the round store leaves out. */
export interface OpsRound {
  id: string;
  name: string;
  opensAt: number;
  closesAt: number;
  /** YYYY-MM-DD, China time. */
  pickupDate: string;
  quantityPerPerson: number;
  mode: 'first_come' | 'lottery';
  lotterySeed: string | null;
  drawnAt: number | null;
  expiredAt: number | null;
}

const nullableNumber = (v: number | null): number | null => (v === null ? null : Number(v));

export function toOpsRound(r: Selectable<MaskRoundsTable>): OpsRound {
  return {
    id: r.id,
    name: r.name,
    opensAt: Number(r.opens_at),
    closesAt: Number(r.closes_at),
    pickupDate: r.pickup_date,
    quantityPerPerson: Number(r.quantity_per_person),
    mode: r.mode,
    lotterySeed: r.lottery_seed,
    drawnAt: nullableNumber(r.drawn_at),
    expiredAt: nullableNumber(r.expired_at),
  };
}

/** The round, or 404 ROUND_NOT_FOUND. */
export async function loadRound(db: Kysely<Database>, roundId: string): Promise<OpsRound> {
  const row = await db.selectFrom('mask_rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!row) throw new AppError(404, 'ROUND_NOT_FOUND', `No round ${roundId}`);
  return toOpsRound(row);
}
