import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../bff/src/infra/db/database';
import type { HotReservation, MaskHotPath, PersonState } from '../../../bff/src/domains/masks/hot-path/mask-hot-path';
import { pharmacyShard } from '../../../bff/src/domains/masks/hot-path/mask-keys';
import { rebuildHotPath, repeatUntilOf } from '../../../bff/src/domains/masks/hot-path/rebuild-hot-path';
import {
  bookAll,
  codesOf,
  openInHotStore,
  pharmaciesOnDistinctShards,
  reservation,
  seedRound,
  TEST_SHORT_CODES,
  type SeededRound,
} from './hot-path-test-support';

export interface HotPathUnderTest {
  /** Read it on every use: a memory "flush" is a process restart, i.e. a new instance. */
  readonly hotPath: MaskHotPath;
  /** Resolves when every booking answered so far is a row in MySQL. */
  drain(): Promise<void>;
  /** Loses every hot key of this instance (and nothing else on the server). */
  flush(): Promise<void>;
  cleanup(): Promise<void>;
}

export type MakeHotPath = (db: Kysely<Database>) => Promise<HotPathUnderTest>;

const SURGE_TIMEOUT_MS = 180_000;

/**
 * One behavioural suite for every MaskHotPath (in-process, standalone single script, Cluster
 * saga), against real MySQL for the rows. Tests share one instance and isolate by round,
 * pharmacy and person ids. The "service" steps (moving a row on cancel/redeem/expiry, then telling
 * the hot path) are played by the helpers below, in the order the real service must follow.
 */
export function describeMaskHotPathContract(name: string, db: () => Kysely<Database>, make: MakeHotPath): void {
  describe(`MaskHotPath contract: ${name}`, () => {
    let sut: HotPathUnderTest;

    beforeAll(async () => {
      sut = await make(db());
    });

    afterAll(async () => {
      await sut?.cleanup();
    });

    const hot = () => sut.hotPath;

    async function round(quotas: Record<string, number>, opts?: Parameters<typeof seedRound>[2]): Promise<SeededRound> {
      const r = await seedRound(db(), quotas, opts);
      await openInHotStore(hot(), r);
      return r;
    }

    async function rowsOf(roundId: string) {
      return db().selectFrom('mask_reservations').selectAll().where('round_id', '=', roundId).execute();
    }

    /** The cancel service: MySQL transition first (it makes the release happen once), then the hot path. */
    async function cancel(r: HotReservation, returnUnit: boolean): Promise<void> {
      await sut.drain();
      const moved = await db()
        .updateTable('mask_reservations')
        .set({ status: 'cancelled', active_person_id: null, cancelled_at: Date.now(), unit_returned: returnUnit ? 1 : 0 })
        .where('id', '=', r.reservationId)
        .where('status', '=', 'reserved')
        .executeTakeFirst();
      expect(Number(moved.numUpdatedRows)).toBe(1);
      await hot().release(r.personId, r.reservationId, r.roundId, r.pharmacyId, returnUnit);
    }

    async function redeem(r: HotReservation, repeatDays: number, redeemedAt = Date.now()): Promise<number> {
      await sut.drain();
      const moved = await db()
        .updateTable('mask_reservations')
        .set({ status: 'redeemed', active_person_id: null, redeemed_at: redeemedAt, redeemed_by: 'staff-1' })
        .where('id', '=', r.reservationId)
        .where('status', '=', 'reserved')
        .executeTakeFirst();
      expect(Number(moved.numUpdatedRows)).toBe(1);
      const until = repeatUntilOf(redeemedAt, repeatDays);
      await hot().redeemed(r.personId, r.reservationId, until);
      return until;
    }

    async function expire(r: HotReservation): Promise<void> {
      await sut.drain();
      const moved = await db()
        .updateTable('mask_reservations')
        .set({ status: 'expired', active_person_id: null, expired_at: Date.now() })
        .where('id', '=', r.reservationId)
        .where('status', '=', 'reserved')
        .executeTakeFirst();
      expect(Number(moved.numUpdatedRows)).toBe(1);
      await hot().expired(r.personId, r.reservationId);
    }

    it('books, answers the units left, and the row lands in MySQL with every field', async () => {
      const rd = await round({ [randomUUID()]: 3 });
      const [p] = rd.pharmacyIds;
      const r = reservation(rd, p, { idempotencyKey: 'first-key', holderPersonId: randomUUID() });
      expect(await hot().book(r, Date.now())).toEqual({ reservation: { ...r, shortSeq: 1 }, replay: false, remaining: 2 });
      expect(await hot().remaining(rd.roundId, [p, 'no-such-pharmacy'])).toEqual({ [p]: 2 });
      expect((await hot().personState(r.personId, Date.now())).activeReservationId).toBe(r.reservationId);
      await sut.drain();
      const rows = await rowsOf(rd.roundId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: r.reservationId,
        pharmacy_id: p,
        person_id: r.personId,
        holder_person_id: r.holderPersonId,
        account_id: r.accountId,
        pickup_date: r.pickupDate,
        quantity: 5,
        status: 'reserved',
        active_person_id: r.personId,
        idempotency_key: 'first-key',
        unit_returned: 0,
        short_code: TEST_SHORT_CODES.codeOf(p, r.pickupDate, 1),
      });
      expect(Number(rows[0].created_at)).toBe(r.createdAt);
    });

    it(
      '20,000 persons at once (500 in flight) against a quota of 1,000: exactly 1,000 bookings, 1,000 rows, no person twice',
      async () => {
        const rd = await round({ [randomUUID()]: 1000 });
        const [p] = rd.pharmacyIds;
        const all = Array.from({ length: 20_000 }, () => reservation(rd, p, { idempotencyKey: randomUUID() }));
        const started = process.hrtime.bigint();
        const attempts = await bookAll(hot(), all, 500);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        console.log(`[${name}] 20,000 bookings (quota 1,000) in ${ms.toFixed(0)} ms = ${Math.round(20_000 / (ms / 1000))} bookings/s`);
        expect(codesOf(attempts)).toEqual({ BOOKED: 1000, SOLD_OUT: 19_000 });
        const booked = attempts.flatMap((a) => (a.ok ? [a.outcome] : []));
        expect(new Set(booked.map((o) => o.remaining))).toEqual(new Set(Array.from({ length: 1000 }, (_, i) => i)));
        expect(await hot().remaining(rd.roundId, [p])).toEqual({ [p]: 0 });
        await sut.drain();
        const rows = await rowsOf(rd.roundId);
        expect(rows).toHaveLength(1000);
        expect(new Set(rows.map((r) => r.person_id)).size).toBe(1000);
        expect(new Set(rows.map((r) => r.id))).toEqual(new Set(booked.map((o) => o.reservation.reservationId)));
        expect(rows.every((r) => r.status === 'reserved' && r.active_person_id === r.person_id)).toBe(true);
        // Short codes: every booking of this pharmacy × day took its own number, none twice, none skipped.
        expect(booked.map((o) => o.reservation.shortSeq).sort((a, b) => (a as number) - (b as number))).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
        expect(new Set(rows.map((r) => r.short_code)).size).toBe(1000);
        expect(rows.every((r) => /^\d{10}$/.test(r.short_code ?? ''))).toBe(true);
      },
      SURGE_TIMEOUT_MS,
    );

    it('numbers short codes per pharmacy × pickup day, and a rebuild never lets a lost sequence start again', async () => {
      const [p, q] = pharmaciesOnDistinctShards(2, pharmacyShard);
      const rd = await round({ [p]: 20, [q]: 20 });
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
      const book = async (pharmacyId: string, pickupDate: string) => (await hot().book(reservation(rd, pharmacyId, { pickupDate }), Date.now())).reservation.shortSeq;
      const seqs = [];
      for (const [ph, day] of [[p, today], [p, today], [q, today], [p, tomorrow], [p, today], [q, today]]) seqs.push(await book(ph, day));
      expect(seqs).toEqual([1, 2, 1, 1, 3, 2]);
      await sut.drain();
      await sut.flush();
      const summary = await rebuildHotPath(db(), hot(), { shortCodes: TEST_SHORT_CODES });
      expect(summary.shortSeqs).toBeGreaterThanOrEqual(3);
      expect([await book(p, today), await book(q, today), await book(p, tomorrow)]).toEqual([4, 3, 2]);
      // Against a live store the rebuild lowers nothing.
      await hot().restoreShortSeqs([{ pharmacyId: p, pickupDate: today, seq: 1 }]);
      expect(await book(p, today)).toBe(5);
      // Lottery winners take a block from the same sequence: no number of the day twice.
      expect(await hot().takeShortSeqs(p, today, 3)).toBe(6);
      expect(await book(p, today)).toBe(9);
      expect(await hot().takeShortSeqs(q, tomorrow, 2)).toBe(1);
    });

    it(
      '20,000 bookings that all succeed, over 16 pharmacies (outbox-heavy throughput)',
      async () => {
        const quotas = Object.fromEntries(pharmaciesOnDistinctShards(16, pharmacyShard).map((p) => [p, 1250]));
        const rd = await round(quotas);
        const all = Array.from({ length: 20_000 }, (_, i) => reservation(rd, rd.pharmacyIds[i % 16]));
        const started = process.hrtime.bigint();
        const attempts = await bookAll(hot(), all, 500);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        console.log(`[${name}] 20,000 successful bookings in ${ms.toFixed(0)} ms = ${Math.round(20_000 / (ms / 1000))} bookings/s`);
        expect(codesOf(attempts)).toEqual({ BOOKED: 20_000 });
        await sut.drain();
        expect((await rowsOf(rd.roundId)).length).toBe(20_000);
      },
      SURGE_TIMEOUT_MS,
    );

    it(
      'several pharmacies on different shards, oversubscribed: each ends at 0 and its rows equal its quota',
      async () => {
        const ids = pharmaciesOnDistinctShards(8, pharmacyShard);
        const quotas = Object.fromEntries(ids.map((p, i) => [p, 40 + i * 10]));
        const rd = await round(quotas);
        const all = Array.from({ length: 4000 }, (_, i) => reservation(rd, ids[(i * 7) % ids.length]));
        const attempts = await bookAll(hot(), all, 500);
        const total = Object.values(quotas).reduce((a, b) => a + b, 0);
        expect(codesOf(attempts)).toEqual({ BOOKED: total, SOLD_OUT: 4000 - total });
        expect(await hot().remaining(rd.roundId, ids)).toEqual(Object.fromEntries(ids.map((p) => [p, 0])));
        await sut.drain();
        const rows = await rowsOf(rd.roundId);
        for (const p of ids) expect({ p, rows: rows.filter((r) => r.pharmacy_id === p).length }).toEqual({ p, rows: quotas[p] });
      },
      SURGE_TIMEOUT_MS,
    );

    it(
      'one person firing 500 concurrent bookings (two accounts, five pharmacies): one succeeds, the rest ALREADY_RESERVED',
      async () => {
        const ids = pharmaciesOnDistinctShards(5, pharmacyShard);
        const rd = await round(Object.fromEntries(ids.map((p) => [p, 100])));
        const person = randomUUID();
        const accounts = [randomUUID(), randomUUID()];
        const all = Array.from({ length: 500 }, (_, i) =>
          reservation(rd, ids[i % 5], { personId: person, accountId: accounts[i % 2], idempotencyKey: i % 3 === 0 ? null : randomUUID() }),
        );
        const attempts = await bookAll(hot(), all, 500);
        expect(codesOf(attempts)).toEqual({ BOOKED: 1, ALREADY_RESERVED: 499 });
        const left = await hot().remaining(rd.roundId, ids);
        expect(Object.values(left).reduce((a, b) => a + b, 0)).toBe(499);
        await sut.drain();
        expect(await rowsOf(rd.roundId)).toHaveLength(1);
      },
      SURGE_TIMEOUT_MS,
    );

    it('replays a sequential retry with the same Idempotency-Key (one reservation, replay=true)', async () => {
      const rd = await round({ [randomUUID()]: 10 });
      const [p] = rd.pharmacyIds;
      const first = reservation(rd, p, { idempotencyKey: 'retry-me' });
      const a = await hot().book(first, Date.now());
      const retry = { ...first, reservationId: randomUUID(), createdAt: first.createdAt + 5 };
      const b = await hot().book(retry, Date.now());
      const c = await hot().book({ ...retry, reservationId: randomUUID() }, Date.now());
      expect(a).toMatchObject({ replay: false, remaining: 9 });
      // The replay carries the first booking's short-code number: the same 取货码 again.
      expect(b).toEqual({ reservation: { ...first, shortSeq: 1 }, replay: true, remaining: 9 });
      expect(c).toEqual(b);
      expect(await hot().remaining(rd.roundId, [p])).toEqual({ [p]: 9 });
      await sut.drain();
      expect((await rowsOf(rd.roundId)).map((r) => r.id)).toEqual([first.reservationId]);
    });

    it('lets 100 concurrent requests with one Idempotency-Key make one reservation; the others replay it', async () => {
      const rd = await round({ [randomUUID()]: 10 });
      const [p] = rd.pharmacyIds;
      const base = reservation(rd, p, { idempotencyKey: 'double-tap' });
      const attempts = await bookAll(hot(), Array.from({ length: 100 }, () => ({ ...base, reservationId: randomUUID() })), 100);
      expect(codesOf(attempts)).toEqual({ BOOKED: 1, REPLAY: 99 });
      const ids = new Set(attempts.map((a) => (a.ok ? a.outcome.reservation.reservationId : 'x')));
      expect(ids.size).toBe(1);
      expect(await hot().remaining(rd.roundId, [p])).toEqual({ [p]: 9 });
      await sut.drain();
      expect(await rowsOf(rd.roundId)).toHaveLength(1);
    });

    it('refuses an Idempotency-Key reused for a different booking (IDEMPOTENCY_CONFLICT), and keys are per account', async () => {
      const rd = await round({ [randomUUID()]: 10, [randomUUID()]: 10 });
      const [p1, p2] = rd.pharmacyIds;
      const first = reservation(rd, p1, { idempotencyKey: 'k' });
      await hot().book(first, Date.now());
      await expect(hot().book({ ...first, reservationId: randomUUID(), pharmacyId: p2 }, Date.now())).rejects.toMatchObject({
        status: 409,
        code: 'IDEMPOTENCY_CONFLICT',
      });
      // Another account using the same key string is another request: the person's hold refuses it.
      await expect(hot().book({ ...first, reservationId: randomUUID(), accountId: randomUUID() }, Date.now())).rejects.toMatchObject({
        code: 'ALREADY_RESERVED',
      });
    });

    it('SOLD_OUT leaves no hold: the person books elsewhere at once, and a retry of the same key is SOLD_OUT again', async () => {
      const rd = await round({ [randomUUID()]: 0, [randomUUID()]: 1 });
      const [empty, full] = rd.pharmacyIds;
      const r = reservation(rd, empty, { idempotencyKey: 'sold-out-key' });
      await expect(hot().book(r, Date.now())).rejects.toMatchObject({ status: 409, code: 'SOLD_OUT' });
      expect(await hot().personState(r.personId, Date.now())).toEqual({ personId: r.personId, activeReservationId: null, repeatUntil: null });
      await expect(hot().book({ ...r, reservationId: randomUUID() }, Date.now())).rejects.toMatchObject({ code: 'SOLD_OUT' });
      const elsewhere = await hot().book({ ...r, reservationId: randomUUID(), pharmacyId: full, idempotencyKey: null }, Date.now());
      expect(elsewhere).toMatchObject({ replay: false, remaining: 0 });
    });

    it('closeRound: every later booking of the round is refused (ROUND_NOT_OPEN, closedAt), nothing held or taken; replays still answer; other rounds unaffected', async () => {
      const rd = await round({ [randomUUID()]: 5 });
      const other = await round({ [randomUUID()]: 5 });
      const [p] = rd.pharmacyIds;
      const early = reservation(rd, p, { idempotencyKey: 'before-close-key' });
      await hot().book(early, Date.now());
      await hot().closeRound(rd.roundId, Date.parse('2020-03-02T01:30:00Z'));
      await hot().closeRound(rd.roundId, Date.parse('2020-03-02T02:00:00Z')); // the first instant stays
      const late = reservation(rd, p);
      await expect(hot().book(late, Date.now())).rejects.toMatchObject({ status: 409, code: 'ROUND_NOT_OPEN', details: { closedAt: '2020-03-02T01:30:00.000Z', nextOpensAt: null } });
      expect((await hot().personState(late.personId, Date.now())).activeReservationId).toBeNull();
      expect(await hot().remaining(rd.roundId, [p])).toEqual({ [p]: 4 });
      // A retry of a booking made before the close gets its booking back.
      expect(await hot().book({ ...early, reservationId: randomUUID() }, Date.now())).toMatchObject({ replay: true });
      const [q] = other.pharmacyIds;
      expect(await hot().book(reservation(other, q), Date.now())).toMatchObject({ remaining: 4 });
    });

    it('never books against missing counters: 503 STORE_UNAVAILABLE, nothing held', async () => {
      const rd = await seedRound(db(), { [randomUUID()]: 5 });
      const [p] = rd.pharmacyIds;
      expect(await hot().hasCounters(rd.roundId, p)).toBe(false);
      const r = reservation(rd, p);
      await expect(hot().book(r, Date.now())).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
      expect((await hot().personState(r.personId, Date.now())).activeReservationId).toBeNull();
      await hot().setRemaining(rd.roundId, p, 5);
      expect(await hot().hasCounters(rd.roundId, p)).toBe(true);
      expect(await hot().book(r, Date.now())).toMatchObject({ remaining: 4 });
    });

    it('cancel: the person may book again; the unit comes back only when asked (round open)', async () => {
      const rd = await round({ [randomUUID()]: 2 });
      const [p] = rd.pharmacyIds;
      const a = reservation(rd, p);
      const b = reservation(rd, p);
      await hot().book(a, Date.now());
      await hot().book(b, Date.now());
      await cancel(a, true);
      expect(await hot().remaining(rd.roundId, [p])).toEqual({ [p]: 1 });
      await cancel(b, false);
      expect(await hot().remaining(rd.roundId, [p])).toEqual({ [p]: 1 });
      const again = await hot().book({ ...a, reservationId: randomUUID() }, Date.now());
      expect(again.remaining).toBe(0);
      await expect(hot().book({ ...b, reservationId: randomUUID() }, Date.now())).rejects.toMatchObject({ code: 'SOLD_OUT' });
    });

    it('adjustRemaining changes a live counter atomically under a booking surge (a quota raise mid-surge is neither lost nor doubled)', async () => {
      const rd = await round({ [randomUUID()]: 100 });
      const [p] = rd.pharmacyIds;
      const surge = bookAll(hot(), Array.from({ length: 600 }, () => reservation(rd, p)), 100);
      await new Promise((r) => setTimeout(r, 5));
      const raised = await hot().adjustRemaining(rd.roundId, p, 50);
      expect(raised).not.toBeNull();
      // Usually the raise lands mid-surge (150 booked, 0 left); on a fast run the surge may be over
      // first (100 booked, 50 left). Either way no unit is lost or doubled: booked + left = 150.
      const codes = codesOf(await surge);
      const left = (await hot().remaining(rd.roundId, [p]))[p];
      expect(codes.BOOKED + left).toBe(150);
      expect(codes.BOOKED + codes.SOLD_OUT).toBe(600);
      expect(Object.keys(codes).sort()).toEqual(['BOOKED', 'SOLD_OUT']);
      expect(await hot().adjustRemaining(rd.roundId, p, -5)).toBe(Math.max(0, left - 5));
      if (left > 0) await hot().adjustRemaining(rd.roundId, p, -left);
      expect(await hot().adjustRemaining(rd.roundId, p, 3)).toBe(3);
      expect(await hot().adjustRemaining(rd.roundId, 'no-counter-here', 3)).toBeNull();
      expect(await hot().hasCounters(rd.roundId, 'no-counter-here')).toBe(false);
    });

    it('releasing some other reservation of the person leaves the current hold alone', async () => {
      const rd = await round({ [randomUUID()]: 5 });
      const [p] = rd.pharmacyIds;
      const r = reservation(rd, p);
      await hot().book(r, Date.now());
      await hot().release(r.personId, randomUUID(), rd.roundId, p, false);
      await hot().expired(r.personId, randomUUID());
      expect((await hot().personState(r.personId, Date.now())).activeReservationId).toBe(r.reservationId);
      await expect(hot().book({ ...r, reservationId: randomUUID() }, Date.now())).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
    });

    it('redeemed: REPEAT_PERIOD with availableFrom until the period ends, then books again', async () => {
      const rd = await round({ [randomUUID()]: 5 }, { repeatDays: 10 });
      const [p] = rd.pharmacyIds;
      const r = reservation(rd, p);
      await hot().book(r, Date.now());
      const until = await redeem(r, rd.repeatDays);
      const later = { ...r, reservationId: randomUUID() };
      await expect(hot().book(later, Date.now())).rejects.toMatchObject({
        status: 409,
        code: 'REPEAT_PERIOD',
        details: { availableFrom: new Date(until).toISOString() },
      });
      await expect(hot().book(later, until - 1)).rejects.toMatchObject({ code: 'REPEAT_PERIOD' });
      expect(await hot().personState(r.personId, Date.now())).toEqual({ personId: r.personId, activeReservationId: null, repeatUntil: until });
      expect(await hot().book(later, until)).toMatchObject({ replay: false, remaining: 3 });
    });

    it('expired unredeemed: the person may book again and the unit is not returned', async () => {
      const rd = await round({ [randomUUID()]: 5 });
      const [p] = rd.pharmacyIds;
      const r = reservation(rd, p);
      await hot().book(r, Date.now());
      await expire(r);
      expect(await hot().remaining(rd.roundId, [p])).toEqual({ [p]: 4 });
      expect(await hot().book({ ...r, reservationId: randomUUID() }, Date.now())).toMatchObject({ remaining: 3 });
    });

    it(
      'after losing the hot store: 503 until rebuildHotPath, which restores the same counters and holds',
      async () => {
        const ids = pharmaciesOnDistinctShards(3, pharmacyShard);
        const rd = await round({ [ids[0]]: 30, [ids[1]]: 20, [ids[2]]: 10 }, { rolledIn: { [ids[2]]: 5 }, repeatDays: 3 });
        const booked = (await bookAll(hot(), Array.from({ length: 40 }, (_, i) => reservation(rd, ids[i % 3])), 40)).flatMap((a) =>
          a.ok ? [a.outcome.reservation] : [],
        );
        expect(booked).toHaveLength(40);
        await cancel(booked[0], true);
        await cancel(booked[1], false);
        await redeem(booked[2], rd.repeatDays);
        await expire(booked[3]);
        await sut.drain();
        const now = Date.now();
        const persons = booked.map((r) => r.personId);
        const before = await stateOf(rd, persons, now);
        expect(before.remaining).toEqual({ [ids[0]]: 30 - 14 + 1, [ids[1]]: 20 - 13, [ids[2]]: 15 - 13 });

        await sut.flush();
        const probe = reservation(rd, ids[0]);
        await expect(hot().book(probe, now)).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
        expect(await hot().hasCounters(rd.roundId, ids[0])).toBe(false);

        const summary = await rebuildHotPath(db(), hot(), { now });
        expect(summary.holds).toBeGreaterThanOrEqual(36);
        expect(await stateOf(rd, persons, now)).toEqual(before);
        // Bookings resume, and the restored holds and repeat periods bite.
        expect(await hot().book(probe, now)).toMatchObject({ remaining: 16 });
        await expect(hot().book({ ...booked[10], reservationId: randomUUID() }, now)).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
        await expect(hot().book({ ...booked[2], reservationId: randomUUID() }, now)).rejects.toMatchObject({ code: 'REPEAT_PERIOD' });
        expect(await hot().book({ ...booked[3], reservationId: randomUUID() }, now)).toMatchObject({ replay: false });
        // A second rebuild against the live store overwrites nothing.
        await rebuildHotPath(db(), hot(), { now });
        expect(await hot().remaining(rd.roundId, [ids[0]])).toEqual({ [ids[0]]: 15 });
      },
      SURGE_TIMEOUT_MS,
    );

    it('after close + losing the hot store + rebuildHotPath, a booking of the closed or cancelled round is still refused ROUND_CLOSED', async () => {
      const closed = await round({ [randomUUID()]: 5 });
      const cancelled = await round({ [randomUUID()]: 5 });
      const open = await round({ [randomUUID()]: 5 });
      const closedAt = Date.now() - 1_000;
      // What the lifecycle service writes: the marker on every shard first, then the round row.
      await hot().closeRound(closed.roundId, closedAt);
      await db().updateTable('mask_rounds').set({ planned_closes_at: closedAt + 86_400_000, closes_at: closedAt, closed_early_at: closedAt }).where('id', '=', closed.roundId).execute();
      // A cancel keeps its window in MySQL here, so its counters are rebuilt: the marker alone must refuse.
      await hot().closeRound(cancelled.roundId, closedAt);
      await db().updateTable('mask_rounds').set({ cancelled_at: closedAt }).where('id', '=', cancelled.roundId).execute();
      await sut.drain();

      await sut.flush();
      const now = Date.now();
      const summary = await rebuildHotPath(db(), hot(), { now });
      expect(summary.closedRounds).toBeGreaterThanOrEqual(2);
      const refused = { status: 409, code: 'ROUND_NOT_OPEN', details: { closedAt: new Date(closedAt).toISOString() } };
      await expect(hot().book(reservation(closed, closed.pharmacyIds[0]), now)).rejects.toMatchObject(refused);
      await expect(hot().book(reservation(cancelled, cancelled.pharmacyIds[0]), now)).rejects.toMatchObject(refused);
      expect(await hot().book(reservation(open, open.pharmacyIds[0]), now)).toMatchObject({ remaining: 4 });
    });

    async function stateOf(rd: SeededRound, persons: string[], now: number): Promise<{ remaining: Record<string, number>; persons: PersonState[] }> {
      return {
        remaining: await hot().remaining(rd.roundId, rd.pharmacyIds),
        persons: await Promise.all(persons.map((p) => hot().personState(p, now))),
      };
    }
  });
}
