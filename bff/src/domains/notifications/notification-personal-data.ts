import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { PersonalDataEraser } from '../rights/rights-ports';

/** Messages to the account or about the person (sent or not): nothing requires keeping them. */
export function notificationEraser(db: Kysely<Database>): PersonalDataEraser {
  return {
    domain: 'notifications',
    async erase(s) {
      const res = await db
        .deleteFrom('notification_outbox')
        .where((eb) => (s.personId === null ? eb('account_id', '=', s.accountId) : eb.or([eb('account_id', '=', s.accountId), eb('person_id', '=', s.personId)])))
        .executeTakeFirst();
      return { deleted: Number(res.numDeletedRows) };
    },
  };
}
