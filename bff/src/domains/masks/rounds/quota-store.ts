import type { Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';

export interface QuotaRecord {
  pharmacyId: string;
  quota: number;
  /** Units left uncollected in earlier rounds, added to this round's pool. */
  rolledIn: number;
}

export interface QuotaStore {
  forRound(roundId: string): Promise<QuotaRecord[]>;
  /** pharmacyId → bookings that hold a unit of the round (all but cancellations that gave theirs back). */
  heldUnits(roundId: string): Promise<Record<string, number>>;
  /** Writes the quotas (rolled_in kept) and runs `alsoInTx` (the audit record) in the same transaction. */
  setQuotas(roundId: string, items: Array<{ pharmacyId: string; quota: number }>, alsoInTx: (trx: Kysely<Database>) => Promise<void>): Promise<void>;
}
