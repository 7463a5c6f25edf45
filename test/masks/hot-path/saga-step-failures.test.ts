import { randomUUID } from 'node:crypto';
import type { Cluster } from 'ioredis';
import { closeRedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import { pharmacyKeys, personKeys } from '../../../bff/src/domains/masks/hot-path/mask-keys';
import type { HotReservation } from '../../../bff/src/domains/masks/hot-path/mask-hot-path';
import type { SagaStep } from '../../../bff/src/domains/masks/hot-path/mask-booking-saga';
import { RedisMaskHotPath } from '../../../bff/src/domains/masks/hot-path/redis-mask-hot-path';
import { clusterStorage, connectOrFail } from '../../hot-store/redis-test-support';
import { openInHotStore, openScratchMaskDb, reservation, seedRound, type ScratchMaskDb } from './hot-path-test-support';
import { redisTarget, type RedisTarget } from './redis-hot-path-target';

/** The booking as answered: reserve-unit adds the short 取货码 number it took. */
const coded = <T extends object>(r: T) => ({ ...r, shortSeq: expect.any(Number) as number });

/**
 * The Cluster booking saga failing between its steps (issue 16): whatever step fails, the person
 * can retry at once — the same Idempotency-Key resumes or replays (exactly one reservation, the
 * unit counted once), a new attempt is blocked at most for the hold lease. No outbox consumer
 * runs until the end of each case, so nothing heals the state behind the hot path's back.
 */
const LEASE_MS = 300;

let scratch: ScratchMaskDb;
let admin: Cluster;
let t: RedisTarget;

beforeAll(async () => {
  scratch = await openScratchMaskDb();
  admin = (await connectOrFail(clusterStorage(''))) as Cluster;
  t = await redisTarget(clusterStorage, () => admin, scratch.db, 'masks-saga-faults');
  await t.consumer.stop();
});

afterAll(async () => {
  await t?.cleanup();
  if (admin) await closeRedisClient(admin);
  await scratch?.close();
});

/**
 * A BFF that loses Redis at one point of the saga: from that call on (the call itself included;
 * 'after' = it ran on the server, its answer was lost) every saga call fails, compensations too,
 * until heal() — as when the process dies or its connection drops mid-booking.
 */
function faultAt(step: SagaStep, phase: 'before' | 'after', opts: { once?: boolean } = {}) {
  let armed = true;
  let down = false;
  const outage = () => Object.assign(new Error('Connection is closed.'), { injected: true });
  return {
    hook(s: SagaStep, p: 'before' | 'after') {
      if (down) throw outage();
      if (armed && s === step && p === phase) {
        armed = false;
        down = !opts.once;
        throw outage();
      }
    },
    heal() {
      down = false;
    },
  };
}

async function world(step: SagaStep | null, phase: 'before' | 'after' = 'before', opts: { once?: boolean } = {}) {
  const fault = step === null ? { hook: () => undefined, heal: () => undefined } : faultAt(step, phase, opts);
  const hot = new RedisMaskHotPath(t.client, { holdLeaseMs: LEASE_MS, inProgressWaitMs: 2_000, stepHook: (s, p) => fault.hook(s, p) });
  const rd = await seedRound(scratch.db, { [randomUUID()]: 5 });
  const [p] = rd.pharmacyIds;
  await openInHotStore(hot, rd);
  const first = reservation(rd, p, { idempotencyKey: `k-${randomUUID()}` });
  return { fault, hot, rd, p, first };
}

/** Outbox entries of this round (the stream is shared by the shard). */
async function outboxIdsOf(roundId: string, pharmacyId: string): Promise<string[]> {
  const entries = (await t.client.xrange(pharmacyKeys(roundId, pharmacyId).outbox, '-', '+')) as [string, string[]][];
  return entries
    .map(([, f]) => JSON.parse(f[f.indexOf('res') + 1]) as HotReservation)
    .filter((r) => r.roundId === roundId)
    .map((r) => r.reservationId);
}

async function rowsOf(roundId: string) {
  await t.drain();
  return scratch.db.selectFrom('mask_reservations').select(['id', 'person_id', 'status']).where('round_id', '=', roundId).execute();
}

const retryOf = (r: HotReservation): HotReservation => ({ ...r, reservationId: randomUUID() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ['after hold-person', 'hold-person', 'after'],
  ['after reserve-unit', 'reserve-unit', 'after'],
  ['before confirm-hold', 'confirm-hold', 'before'],
] as const)('Cluster saga, Redis lost %s', (_label, step, phase) => {
  it('the same Idempotency-Key gets 201 with exactly one reservation, its unit counted once', async () => {
    const { fault, hot, rd, p, first } = await world(step, phase);
    const firstAnswer = await hot.book(first, Date.now()).then(
      (o) => ({ ok: true, remaining: o.remaining }),
      (e: { status?: number }) => ({ ok: false, status: e.status }),
    );
    // Confirm failing after the unit was taken still answers 201 (the booking is in the outbox).
    expect(firstAnswer).toEqual(step === 'confirm-hold' ? { ok: true, remaining: 4 } : { ok: false, status: 503 });
    fault.heal();

    const started = Date.now();
    const retried = await hot.book(retryOf(first), Date.now());
    expect(retried).toEqual({ reservation: coded(first), replay: true, remaining: 4 });
    expect(Date.now() - started).toBeLessThan(LEASE_MS + 1_000);
    // And again: a plain replay now.
    expect(await hot.book(retryOf(first), Date.now())).toEqual({ reservation: coded(first), replay: true, remaining: 4 });

    expect(await hot.remaining(rd.roundId, [p])).toEqual({ [p]: 4 });
    expect(await outboxIdsOf(rd.roundId, p)).toEqual([first.reservationId]);
    expect(await t.client.get(personKeys(first.personId).hold)).toBe(`active:${first.reservationId}`);
    expect(await rowsOf(rd.roundId)).toEqual([{ id: first.reservationId, person_id: first.personId, status: 'reserved' }]);
  });

  it('a new attempt (new key) is refused only while the lease runs, then gets a final answer', async () => {
    const { fault, hot, rd, p, first } = await world(step, phase);
    await hot.book(first, Date.now()).catch(() => undefined);
    fault.heal();
    const unitTaken = step !== 'hold-person';

    const other = reservation(rd, p, { personId: first.personId, accountId: first.accountId, idempotencyKey: `k-${randomUUID()}` });
    await expect(hot.book(other, Date.now())).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
    await sleep(LEASE_MS + 50);
    if (unitTaken) {
      // The first attempt's unit was taken: that booking stands and the person holds it.
      await expect(hot.book(other, Date.now())).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
      expect(await t.client.get(personKeys(first.personId).hold)).toBe(`active:${first.reservationId}`);
      // Its own key still gets its 201.
      expect(await hot.book(retryOf(first), Date.now())).toMatchObject({ reservation: coded(first), replay: true, remaining: 4 });
    } else {
      // Nothing was taken: the lapsed hold is fenced and taken over.
      expect(await hot.book(other, Date.now())).toEqual({ reservation: coded(other), replay: false, remaining: 4 });
      // The abandoned attempt can never book now; its key meets the person's reservation.
      await expect(hot.book(retryOf(first), Date.now())).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
    }
    const booked = unitTaken ? first : other;
    expect(await hot.remaining(rd.roundId, [p])).toEqual({ [p]: 4 });
    expect(await outboxIdsOf(rd.roundId, p)).toEqual([booked.reservationId]);
    expect(await rowsOf(rd.roundId)).toEqual([{ id: booked.reservationId, person_id: first.personId, status: 'reserved' }]);
  });
});

describe('Cluster saga, one call failing (the undo can still reach Redis)', () => {
  it('reserve-unit failing unsent: the attempt fences its unit and releases its hold, so a new key books at once', async () => {
    const { hot, rd, p, first } = await world('reserve-unit', 'before', { once: true });
    await expect(hot.book(first, Date.now())).rejects.toMatchObject({ status: 503 });
    const person = personKeys(first.personId);
    expect(await t.client.exists(person.hold, person.lease, person.idempotency(first.accountId, first.idempotencyKey!))).toBe(0);
    const other = reservation(rd, p, { personId: first.personId, accountId: first.accountId, idempotencyKey: 'fresh' });
    expect(await hot.book(other, Date.now())).toEqual({ reservation: coded(other), replay: false, remaining: 4 });
    expect(await outboxIdsOf(rd.roundId, p)).toEqual([other.reservationId]);
  });

  it('reserve-unit answer lost: the fence finds the unit taken and the booking answers 201 at once', async () => {
    const { hot, rd, p, first } = await world('reserve-unit', 'after', { once: true });
    expect(await hot.book(first, Date.now())).toEqual({ reservation: coded(first), replay: false, remaining: 4 });
    expect(await hot.book(retryOf(first), Date.now())).toEqual({ reservation: coded(first), replay: true, remaining: 4 });
    expect(await hot.remaining(rd.roundId, [p])).toEqual({ [p]: 4 });
    expect(await outboxIdsOf(rd.roundId, p)).toEqual([first.reservationId]);
  });

  it('the sold-out cache does not stand in the way of resuming: the last units gone, the same key still gets its 201', async () => {
    const fault = faultAt('reserve-unit', 'after');
    const hot = new RedisMaskHotPath(t.client, { holdLeaseMs: LEASE_MS, inProgressWaitMs: 2_000, stepHook: (s, p) => fault.hook(s, p) });
    const rd = await seedRound(scratch.db, { [randomUUID()]: 2 });
    const [p] = rd.pharmacyIds;
    await openInHotStore(hot, rd);
    const first = reservation(rd, p, { idempotencyKey: 'k-sold' });
    await expect(hot.book(first, Date.now())).rejects.toMatchObject({ status: 503 });
    fault.heal();
    // Someone else takes the last unit: this BFF now refuses the pharmacy from its sold-out cache.
    expect(await hot.book(reservation(rd, p), Date.now())).toMatchObject({ remaining: 0 });
    await expect(hot.book(reservation(rd, p), Date.now())).rejects.toMatchObject({ code: 'SOLD_OUT' });
    expect(await hot.book(retryOf(first), Date.now())).toEqual({ reservation: coded(first), replay: true, remaining: 1 });
    expect(await hot.remaining(rd.roundId, [p])).toEqual({ [p]: 0 });
    expect((await outboxIdsOf(rd.roundId, p)).sort()).toHaveLength(2);
  });

  it('a slow owner whose lease lapsed and whose hold was taken over can no longer take a unit', async () => {
    const { hot, rd, p, first } = await world(null);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow = new RedisMaskHotPath(t.client, {
      holdLeaseMs: LEASE_MS,
      stepHook: async (s, ph) => {
        if (s === 'reserve-unit' && ph === 'before') await gate;
      },
    });
    const owner = slow.book(first, Date.now());
    await sleep(LEASE_MS + 50);
    const other = reservation(rd, p, { personId: first.personId, accountId: first.accountId, idempotencyKey: 'taker' });
    expect(await hot.book(other, Date.now())).toEqual({ reservation: coded(other), replay: false, remaining: 4 });
    release();
    await expect(owner).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
    expect(await hot.remaining(rd.roundId, [p])).toEqual({ [p]: 4 });
    expect(await outboxIdsOf(rd.roundId, p)).toEqual([other.reservationId]);
    expect(await t.client.get(personKeys(first.personId).hold)).toBe(`active:${other.reservationId}`);
  });
});
