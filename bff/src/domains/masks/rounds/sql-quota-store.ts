import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import type { QuotaRecord, QuotaStore } from './quota-store';

/**
 * Per pharmacy, the reservations of a round holding a unit: all but cancellations that gave theirs
 * back. `db` may be a transaction (the expiry counts inside its own).
 */
export async function heldUnitsOf(db: Kysely<Database>, roundId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('mask_reservations')
    .select(['pharmacy_id', sql<number>`count(*)`.as('n')])
    .where('round_id', '=', roundId)
    .where((eb) => eb.not(eb.and([eb('status', '=', 'cancelled'), eb('unit_returned', '=', 1)])))
    .groupBy('pharmacy_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.pharmacy_id, Number(r.n)]));
}

export class SqlQuotaStore implements QuotaStore {
  constructor(private readonly db: Kysely<Database>) {}

  async forRound(roundId: string): Promise<QuotaRecord[]> {
    const rows = await this.db.selectFrom('mask_quotas').select(['pharmacy_id', 'quota', 'rolled_in']).where('round_id', '=', roundId).orderBy('pharmacy_id').execute();
    return rows.map((r) => ({ pharmacyId: r.pharmacy_id, quota: Number(r.quota), rolledIn: Number(r.rolled_in) }));
  }

  async heldUnits(roundId: string): Promise<Record<string, number>> {
    return heldUnitsOf(this.db, roundId);
  }

  async setQuotas(roundId: string, items: Array<{ pharmacyId: string; quota: number }>, alsoInTx: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const existing = new Set(
        (await trx.selectFrom('mask_quotas').select('pharmacy_id').where('round_id', '=', roundId).execute()).map((r) => r.pharmacy_id),
      );
      for (const item of items) {
        if (existing.has(item.pharmacyId)) {
          await trx.updateTable('mask_quotas').set({ quota: item.quota }).where('round_id', '=', roundId).where('pharmacy_id', '=', item.pharmacyId).execute();
        } else {
          await trx.insertInto('mask_quotas').values({ round_id: roundId, pharmacy_id: item.pharmacyId, quota: item.quota }).execute();
        }
      }
      await alsoInTx(trx);
    });
  }
}
