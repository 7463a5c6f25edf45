import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/database';
import type { DataSubject, PersonalDataContributor, PersonalDataEraser } from '../rights/rights-ports';
import type { MaskHotPath } from './hot-path/mask-hot-path';
import type { ReservationService } from './reservations/reservation-service';

export interface MasksPersonalDataDeps {
  db: Kysely<Database>;
  reservations: ReservationService;
  hotPath: MaskHotPath;
  now: () => number;
  /** How long deletion waits for a booking still in the Redis outbox to reach MySQL (default 5 s). */
  outboxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Mask reservations in the export (the caller's and those made for them) and in deletion: every
 * reservation still to be collected, booked by the account or for the person, is cancelled and its
 * unit returned while the round is open. Collected, expired and cancelled rows are kept as the
 * pharmacy ledger (retention rule in docs/privacy.md); they name only UUIDs, which lead nowhere
 * once the person's row is gone.
 *
 * Sessions end before this step, so no new booking can start; a booking acknowledged just before
 * may still be in the Redis outbox: the person's hold in the hot store shows it, and this step
 * waits for its row to reach MySQL (the outbox consumer's lag, milliseconds) before cancelling it.
 */
export function masksPersonalData(deps: MasksPersonalDataDeps): { contributor: PersonalDataContributor; eraser: PersonalDataEraser } {
  const { db, reservations, hotPath } = deps;
  const sleep = deps.sleep ?? wait;

  const outstanding = async (s: DataSubject): Promise<string[]> => {
    const rows = await db
      .selectFrom('mask_reservations')
      .select('id')
      .where('status', '=', 'reserved')
      .where((eb) => (s.personId === null ? eb('account_id', '=', s.accountId) : eb.or([eb('account_id', '=', s.accountId), eb('person_id', '=', s.personId), eb('holder_person_id', '=', s.personId)])))
      .execute();
    return rows.map((r) => r.id);
  };

  /** A hold in the hot store whose row has not reached MySQL yet: wait for it (bounded). */
  const awaitHeldRow = async (personId: string): Promise<void> => {
    const deadline = Date.now() + (deps.outboxWaitMs ?? 5000); // real time: the consumer's lag
    for (;;) {
      const held = (await hotPath.personState(personId, deps.now())).activeReservationId;
      if (held === null) return;
      const row = await db.selectFrom('mask_reservations').select('status').where('id', '=', held).executeTakeFirst();
      if (row || Date.now() > deadline) return;
      await sleep(50);
    }
  };

  return {
    contributor: {
      section: 'maskReservations',
      async contribute(s) {
        if (s.personId === null) return [];
        const mine = await reservations.listMine(s.accountId);
        return mine.items.map(({ pickupCode: _code, ...r }) => r);
      },
    },
    eraser: {
      domain: 'masks',
      async erase(s) {
        if (s.personId !== null) await awaitHeldRow(s.personId);
        let cancelled = 0;
        let unitsReturned = 0;
        for (const id of await outstanding(s)) {
          const r = await reservations.cancelForErasure(id);
          cancelled += Number(r.cancelled);
          unitsReturned += Number(r.unitReturned);
        }
        const apps = await db.deleteFrom('lottery_applications').where('account_id', '=', s.accountId).where('result', 'is', null).executeTakeFirst();
        return { cancelled, unitsReturned, pendingApplicationsWithdrawn: Number(apps.numDeletedRows) };
      },
    },
  };
}
