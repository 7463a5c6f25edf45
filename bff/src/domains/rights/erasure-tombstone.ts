import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../../infra/db/create-database';
import type { Database } from '../../infra/db/database';
import type { PersonalDataEraser } from './rights-ports';

/**
 * Deletion's first step: the account is marked as being erased (`account_erasures`) before its
 * sessions end. A request that authenticated just before may still be on its way to the hot
 * store; the masks sink checks this mark in the transaction that records bookings and drops a
 * booking of a marked account (its hold released, its unit returned), so nothing of the account
 * can land after the masks step (docs/privacy.md, "Bookings in flight"). Idempotent: a retried
 * deletion keeps the first mark.
 */
export function erasureTombstone(db: Kysely<Database>, dialect: SqlDialectName, now: () => number): PersonalDataEraser {
  return {
    domain: 'tombstone',
    async erase(s) {
      const q = db.insertInto('account_erasures').values({ account_id: s.accountId, started_at: now() });
      const [r] = await (dialect === 'mysql' ? q.ignore() : q.orIgnore()).execute();
      return { marked: Number(r?.numInsertedOrUpdatedRows ?? 0) };
    },
  };
}
