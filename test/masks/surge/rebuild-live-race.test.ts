import type { PersonState, RoundCounters } from '../../../bff/src/domains/masks/hot-path/mask-hot-path';
import { rebuildHotPath } from '../../../bff/src/domains/masks/hot-path/rebuild-hot-path';
import { createCitizens, expectStatus, newKey, outboxBacklog, pollUntil, setUpRound, useSurgeWorld, type Citizen } from './surge-support';

/**
 * The rebuild is documented as harmless against a live store ("writes only what is missing").
 * It reads the 'reserved' rows, then restores holds. A cancellation (or a redemption) that lands
 * between the two turns the person's hold into the tombstone done:<id> — and restore-person.lua
 * counts a tombstone as "no hold" and writes active:<id> back, for a reservation MySQL says is
 * cancelled. Nothing ever removes that hold (cancel, redeem and expiry only act on 'reserved'
 * rows; later rebuilds fill in only missing holds): the person is refused ALREADY_RESERVED in
 * this round and every later one.
 *
 * Was a bug (restore-person.lua revived a hold over this reservation's own tombstone): the cancel is interleaved deterministically by wrapping the app's hot path so
 * that the HTTP cancel runs right before the rebuild's restore of that person's page — the same
 * order a real cancel racing a rebuild can take. Fix: restore-person.lua must not overwrite the
 * tombstone of the SAME reservation (see the surge report); remove `.failing` once fixed.
 */
const PHARMACY = 'race-ph-1';

const w = useSurgeWorld({ kind: 'standalone', label: 'race' });
let person: Citizen;

beforeAll(async () => {
  await setUpRound(w.s, { pharmacies: [{ id: PHARMACY, quota: 10 }] });
  [person] = await createCitizens(w.s.app, 1);
}, 60_000);

let reservationId: string;

it('(set-up) a booking, then a rebuild whose restore is preceded by the HTTP cancel of that booking', async () => {
  const app = w.s.app;
  const http = w.s.http;
  const real = app.services.maskHotPath;
  const booked = await expectStatus(http.book(person.token, PHARMACY, newKey('race')), 201, 'book');
  reservationId = booked.body.reservation.id as string;
  const inMysql = async () => (await app.database.db.selectFrom('mask_reservations').select('id').where('id', '=', reservationId).execute()).length === 1;
  await pollUntil('booking in MySQL', async () => (await outboxBacklog(w.admin, w.prefix)) === 0 && (await inMysql()), (ok) => ok, 10_000);

  let cancel: Promise<unknown> | null = null;
  const racing = new Proxy(real, {
    get(target, prop) {
      if (prop === 'restore') {
        return async (counters: RoundCounters[], persons: PersonState[]) => {
          if (!cancel && persons.some((p) => p.personId === person.personId)) {
            cancel = http.request('DELETE', `/api/v1/masks/reservations/${reservationId}`, { token: person.token });
            await cancel;
          }
          return target.restore(counters, persons);
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  await rebuildHotPath(app.database.db, racing);
  // Assigned in the proxy's callback, so TS narrows `cancel` to null here.
  expect(await (cancel as Promise<unknown> | null)).toMatchObject({ status: 200, body: { unitReturned: true, reservation: { status: 'cancelled' } } });
  expect(await app.database.db.selectFrom('mask_reservations').select('status').where('id', '=', reservationId).executeTakeFirstOrThrow()).toEqual({ status: 'cancelled' });
}, 30_000);

it('the cancelled reservation leaves no hold behind, and the person may book again', async () => {
  const app = w.s.app;
  expect((await app.services.maskHotPath.personState(person.personId, Date.now())).activeReservationId).toBeNull();
  const again = await w.s.http.book(person.token, PHARMACY, newKey('race'));
  expect([again.status, again.body?.error?.code]).toEqual([201, undefined]);
}, 30_000);
