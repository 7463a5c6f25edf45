import type { PersonState } from '../../../bff/src/domains/masks/hot-path/mask-hot-path';
import { addDays, chinaDateOf } from '../../../bff/src/core/china-date';
import type { RedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import { TestClock } from '../api/support';
import {
  adminRedis,
  closeAdmin,
  createCitizens,
  deleteKeysUnder,
  expectStatus,
  issueSession,
  newKey,
  operator,
  outboxBacklog,
  pollUntil,
  report,
  setUpRound,
  startSurgeApp,
  uniqueSurgePrefix,
  type Citizen,
  type Reply,
  type StoreKind,
  type SurgeApp,
} from './surge-support';

/**
 * Redis loses everything (all keys under the app's prefix deleted: counters, holds, repeat
 * periods, idempotency records, outbox streams, sessions). Bookings must answer 503
 * STORE_UNAVAILABLE — never book against missing counters — until the rebuild (drain the outbox,
 * then refill from MySQL) restores exactly the state that was there.
 *
 * The app runs on a test clock (booking and cancelling today, redeeming on the pickup day
 * tomorrow) that starts at the real now: Redis TTLs and the rebuild use the real clock.
 */
function describeFlushRebuild(kind: StoreKind): void {
  describe(`on ${kind} Redis`, () => {
    const PH1 = 'fr-ph-1';
    const PH2 = 'fr-ph-2';
    const QUOTA = 10;

    const prefix = uniqueSurgePrefix(`flush-${kind}`);
    const clock = new TestClock(Date.now());
    const today = chinaDateOf(clock.now());
    const pickupDay = addDays(today, 1);
    let admin: RedisClient | undefined;
    let s: SurgeApp | undefined;
    let roundId: string;
    let people: Citizen[];
    let pharmacist: { token: string };

    const rowsOfRound = () => (s as SurgeApp).app.database.db.selectFrom('mask_reservations').selectAll().where('round_id', '=', roundId).execute();

    async function drainedTo(rows: number): Promise<void> {
      await pollUntil(
        `outbox drained to ${rows} rows`,
        async () => ({ rows: (await rowsOfRound()).length, backlog: await outboxBacklog(admin as RedisClient, prefix) }),
        (v) => v.rows === rows && v.backlog === 0,
        15_000,
      );
    }

    const book = (c: Citizen, pharmacyId: string) => (s as SurgeApp).http.book(c.token, pharmacyId, newKey('fr'));

    beforeAll(async () => {
      admin = await adminRedis(kind);
      s = await startSurgeApp({ kind, prefix, now: clock.now });
      roundId = await setUpRound(s, {
        pharmacies: [
          { id: PH1, quota: QUOTA },
          { id: PH2, quota: QUOTA },
        ],
        now: clock.now(),
        closesAt: Date.parse(`${pickupDay}T20:00:00+08:00`),
        pickupDate: pickupDay,
      });
      people = await createCitizens(s.app, 7);
      pharmacist = await operator(s.app, 'pharmacist', PH1);
    }, 60_000);

    afterAll(async () => {
      await s?.close();
      if (admin) await deleteKeysUnder(admin, prefix);
      await closeAdmin(admin);
    }, 30_000);

    it('after a flush: 503 STORE_UNAVAILABLE (nothing booked); the rebuild restores counters, holds and repeat periods exactly; booking works again', async () => {
      const app = (s as SurgeApp).app;
      const hot = app.services.maskHotPath;
      const [p0, p1, p2, p3, p4, p5, p6] = people;

      // A mix: five bookings, a cancellation that returns its unit, a re-booking, a redemption.
      const booked: Record<string, Reply> = {};
      for (const [name, c, ph] of [['p0', p0, PH1], ['p1', p1, PH1], ['p2', p2, PH2], ['p3', p3, PH2], ['p4', p4, PH1]] as const) {
        booked[name] = await expectStatus(book(c, ph), 201, `book ${name}`);
      }
      await drainedTo(5);
      const cancelled = await expectStatus((s as SurgeApp).http.request('DELETE', `/api/v1/masks/reservations/${booked.p0.body.reservation.id}`, { token: p0.token }), 200, 'cancel p0');
      expect(cancelled.body.unitReturned).toBe(true);
      const rebooked = await expectStatus(book(p0, PH2), 201, 'p0 books again');
      clock.set(`${pickupDay}T09:30:00+08:00`);
      const redeemed = await expectStatus(
        (s as SurgeApp).http.request('POST', '/api/v1/pharmacy/redemptions', { token: pharmacist.token, body: { pickupCode: booked.p1.body.pickupCode } }),
        200,
        'redeem p1',
      );
      expect(redeemed.body.reservation).toMatchObject({ id: booked.p1.body.reservation.id, status: 'redeemed' });
      await drainedTo(6);

      const now = clock.now();
      const remainingBefore = await hot.remaining(roundId, [PH1, PH2]);
      expect(remainingBefore).toEqual({ [PH1]: QUOTA - 2, [PH2]: QUOTA - 3 });
      const statesBefore = await Promise.all(people.map((p) => hot.personState(p.personId, now)));
      expect(statesBefore.map((st) => [st.activeReservationId, st.repeatUntil])).toEqual([
        [rebooked.body.reservation.id, null],
        [null, now + 7 * 86_400_000],
        [booked.p2.body.reservation.id, null],
        [booked.p3.body.reservation.id, null],
        [booked.p4.body.reservation.id, null],
        [null, null],
        [null, null],
      ]);

      // Redis loses everything under the prefix.
      const deleted = await deleteKeysUnder(admin as RedisClient, prefix);
      report(`flush (${kind}): deleted ${deleted} keys under ${prefix}`);
      expect(await hot.remaining(roundId, [PH1, PH2])).toEqual({});
      // The sessions went too: everybody logs in again.
      const again = await Promise.all(people.map(async (p) => ({ ...p, token: await issueSession(app, p) })));
      const refusals = await Promise.all([book(again[5], PH1), book(again[6], PH2), book(again[3], PH1), book(again[1], PH2), book(again[0], PH1)]);
      for (const r of refusals) {
        expect([r.status, r.body?.error?.code]).toEqual([503, 'STORE_UNAVAILABLE']);
      }
      expect(await hot.remaining(roundId, [PH1, PH2])).toEqual({});
      expect((await rowsOfRound()).length).toBe(6);
      // Meanwhile the open stock data falls back to the figures MySQL derives.
      clock.advance(5_001);
      const stock = await (s as SurgeApp).http.request('GET', '/api/v1/masks/stock');
      expect(stock.body.items.map((i: { pharmacyId: string; remaining: number }) => [i.pharmacyId, i.remaining])).toEqual([
        [PH1, QUOTA - 2],
        [PH2, QUOTA - 3],
      ]);

      const t0 = performance.now();
      const summary = await (app.services.maskRuntime as NonNullable<typeof app.services.maskRuntime>).rebuild();
      report(`flush (${kind}): rebuilt in ${(performance.now() - t0).toFixed(0)} ms: ${JSON.stringify(summary)}`);
      expect(summary).toMatchObject({ counters: 2, holds: 4, repeatPeriods: 1 });
      expect(await hot.remaining(roundId, [PH1, PH2])).toEqual(remainingBefore);
      const statesAfter: PersonState[] = await Promise.all(people.map((p) => hot.personState(p.personId, now)));
      expect(statesAfter).toEqual(statesBefore);

      // Booking works again, and meets the restored holds and repeat periods.
      const p5Booked = await book(again[5], PH1);
      expect(p5Booked.status).toBe(201);
      expect((await book(again[3], PH1)).body.error.code).toBe('ALREADY_RESERVED');
      expect((await book(again[1], PH2)).body.error).toMatchObject({ code: 'REPEAT_PERIOD' });
      expect((await book(again[2], PH1)).body.error.code).toBe('ALREADY_RESERVED');
      expect(await hot.remaining(roundId, [PH1, PH2])).toEqual({ [PH1]: QUOTA - 3, [PH2]: QUOTA - 3 });
      // The consumer found its streams gone and carries on: the new booking reaches MySQL.
      await drainedTo(7);
      expect((await rowsOfRound()).find((r) => r.id === p5Booked.body.reservation.id)).toMatchObject({ status: 'reserved', person_id: p5.personId });
      void p6;
    }, 60_000);
  });
}

describeFlushRebuild('standalone');
describeFlushRebuild('cluster');
