import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../../core/app-error';
import type { Database, MaskRoundsTable } from '../../../infra/db/database';
import type { RoundRecord } from '../rounds/round-store';
import { toRound } from '../rounds/sql-round-store';

/** A round with the operations columns (seed, draw and expiry markers) the round store leaves out. */
export interface OpsRound extends RoundRecord {
  lotterySeed: string | null;
  drawnAt: number | null;
  expiredAt: number | null;
  /** The first expiry's answer (rolledInto, rolled), replayed to a repeated expire. */
  expireOutcome: StoredExpiry | null;
  /** 'applicant-ref': the draw ranked keyed applicant references (published); null: person ids (older draws). */
  lotteryRefScheme: string | null;
}

export interface StoredExpiry {
  rolledInto: string | null;
  rolled: Array<{ pharmacyId: string; units: number; uncollected?: number; unbooked?: number }>;
}

const nullableNumber = (v: number | null): number | null => (v === null ? null : Number(v));

export function toOpsRound(r: Selectable<MaskRoundsTable>): OpsRound {
  return {
    ...toRound(r),
    lotterySeed: r.lottery_seed,
    drawnAt: nullableNumber(r.drawn_at),
    expiredAt: nullableNumber(r.expired_at),
    expireOutcome: r.expire_outcome ? (JSON.parse(r.expire_outcome) as StoredExpiry) : null,
    lotteryRefScheme: r.lottery_ref_scheme,
  };
}

/** The round, or 404 ROUND_NOT_FOUND. */
export async function loadRound(db: Kysely<Database>, roundId: string): Promise<OpsRound> {
  const row = await db.selectFrom('mask_rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!row) throw new AppError(404, 'ROUND_NOT_FOUND', `No round ${roundId}`);
  return toOpsRound(row);
}
