import { PickupCode } from '../../../bff/src/domains/masks/pickup-code/pickup-code';
import { addDays, chinaDateOf } from '../../../bff/src/core/china-date';
import { adminSetup, book, idemKey, newPerson, PHARMACY, PICKUP_CODE_KEY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

/**
 * The same flows in production shape: the booking decision in Redis Lua, the row written to
 * MariaDB by the outbox consumer (drained explicitly here instead of by its background loop).
 * Redis expires keys by its own clock, so this suite's dates are near the real today.
 */
const codes = new PickupCode(PICKUP_CODE_KEY);
const day = (n: number) => addDays(chinaDateOf(Date.now()), n);
const at = (n: number, hhmm: string) => `${day(n)}T${hhmm}:00+08:00`;

let t: MasksTestApp;
let admin: Caller;
let counter: Caller;
let roundId: string;

const rowOf = (id: string) => t.app.database.db.selectFrom('mask_reservations').selectAll().where('id', '=', id).executeTakeFirst();
const remaining = async (pharmacyId: string) => (await t.hotPath.remaining(roundId, [pharmacyId]))[pharmacyId];

beforeAll(async () => {
  t = await startMasksTestApp({ start: at(1, '08:00'), hotPath: 'redis' });
  admin = await t.operator('boss', 'admin');
  counter = await t.operator('counter', 'pharmacist', 'ph-r1');
  roundId = (
    await adminSetup(t, admin, {
      pharmacies: [PHARMACY('ph-r1'), PHARMACY('ph-r2')],
      round: { name: 'Redis轮', opensAt: at(1, '09:00'), closesAt: at(1, '20:00') },
      quotas: [
        { pharmacyId: 'ph-r1', quota: 10 },
        { pharmacyId: 'ph-r2', quota: 1 },
      ],
    })
  ).roundId as string;
  t.clock.set(at(1, '09:00'));
});
afterAll(() => t.close());

describe('booking on the Redis hot path', () => {
  it('books (201, verifiable code), the outbox consumer makes the row, and a replay answers the same', async () => {
    const citizen = await t.citizen('redis-happy', newPerson('吴磊'));
    const key = idemKey();
    const res = await book(t, citizen, { pharmacyId: 'ph-r1' }, key);
    expect(res.status).toBe(201);
    expect(codes.verify(res.body.pickupCode)).toEqual({ reservationId: res.body.reservation.id, pharmacyId: 'ph-r1', pickupDate: day(2) });
    expect(await remaining('ph-r1')).toBe(9);
    expect(await t.drainOutbox()).toBeGreaterThanOrEqual(1);
    expect(await rowOf(res.body.reservation.id)).toMatchObject({ status: 'reserved', pharmacy_id: 'ph-r1', account_id: citizen.userId });
    const replay = await book(t, citizen, { pharmacyId: 'ph-r1' }, key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(res.body);
    expect((await book(t, citizen, { pharmacyId: 'ph-r2' }, key)).body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await book(t, citizen, { pharmacyId: 'ph-r2' })).body.error.code).toBe('ALREADY_RESERVED');
    expect(await remaining('ph-r1')).toBe(9);
  });

  it('answers SOLD_OUT from Redis, then from the in-process cache', async () => {
    const a = await t.citizen('redis-a', newPerson());
    const b = await t.citizen('redis-b', newPerson());
    expect((await book(t, a, { pharmacyId: 'ph-r2' })).status).toBe(201);
    const refused = await book(t, b, { pharmacyId: 'ph-r2' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SOLD_OUT');
    expect(await remaining('ph-r2')).toBe(0);
    // Answered before authentication: only the in-process cache can know.
    expect((await book(t, null, { pharmacyId: 'ph-r2' })).body.error.code).toBe('SOLD_OUT');
    await t.drainOutbox();
    expect(await t.app.database.db.selectFrom('mask_reservations').select('id').where('pharmacy_id', '=', 'ph-r2').execute()).toHaveLength(1);
  });

  it('cancels: the unit returns to the Redis counter and the person may book again', async () => {
    const citizen = await t.citizen('redis-cancel', newPerson());
    const res = await book(t, citizen, { pharmacyId: 'ph-r1' });
    await t.drainOutbox();
    const before = await remaining('ph-r1');
    const cancelled = await t.request('DELETE', `/api/v1/masks/reservations/${res.body.reservation.id}`, { token: citizen.token });
    expect(cancelled.body).toMatchObject({ unitReturned: true });
    expect(await remaining('ph-r1')).toBe(before + 1);
    expect((await book(t, citizen, { pharmacyId: 'ph-r1' })).status).toBe(201);
  });

  it('redeems once on the pickup day, then refuses the person in the next round with REPEAT_PERIOD (from Redis)', async () => {
    const citizen = await t.citizen('redis-redeem', newPerson());
    const res = await book(t, citizen, { pharmacyId: 'ph-r1' });
    await t.drainOutbox();
    t.clock.set(at(2, '09:30'));
    const redeemed = await t.request('POST', '/api/v1/pharmacy/redemptions', { token: counter.token, body: { pickupCode: res.body.pickupCode } });
    expect(redeemed.status).toBe(200);
    const again = await t.request('POST', '/api/v1/pharmacy/redemptions', { token: counter.token, body: { pickupCode: res.body.pickupCode } });
    expect(again.body.error.code).toBe('ALREADY_REDEEMED');

    await adminSetup(t, admin, {
      round: { name: '下一轮', opensAt: at(2, '10:00'), closesAt: at(2, '20:00') },
      quotas: [{ pharmacyId: 'ph-r1', quota: 5 }],
    });
    t.clock.set(at(2, '10:00'));
    const refused = await book(t, citizen, { pharmacyId: 'ph-r1' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'REPEAT_PERIOD', details: { availableFrom: day(9), availableAt: new Date(at(9, '09:30')).toISOString() } });
  });
});
