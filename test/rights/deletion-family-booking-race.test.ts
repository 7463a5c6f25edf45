import { randomUUID } from 'node:crypto';
import { addDays, chinaDateOf } from '../../bff/src/core/china-date';
import type { HotReservation } from '../../bff/src/domains/masks/hot-path/mask-hot-path';
import { adminSetup, book, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from '../masks/api/support';

/*
 * A family booking goes through the middleware (authenticate, then book): one that authenticated
 * just before the deletion can reach the hot store after the masks step (docs/privacy.md,
 * "Bookings in flight"). The deletion marks the account first (account_erasures); the masks sink
 * refuses to record a booking of a marked account: the row is recorded cancelled, the hold
 * released and the unit returned. Real Redis (Lua hot path, outbox) and MariaDB.
 */
const day = (n: number) => addDays(chinaDateOf(Date.now()), n);
const at = (n: number, hhmm: string) => `${day(n)}T${hhmm}:00+08:00`;
const QUOTA = 30;
const DELETE_ME = `/api/v1/me?confirmation=${encodeURIComponent('确认注销')}`;

let t: MasksTestApp;
let roundId: string;
beforeAll(async () => {
  t = await startMasksTestApp({ start: at(1, '08:00'), hotPath: 'redis' });
  const admin = await t.operator('family-race-boss', 'admin');
  roundId = (
    await adminSetup(t, admin, {
      pharmacies: [PHARMACY('ph-f1'), PHARMACY('ph-f2')],
      round: { name: '家人并发轮', opensAt: at(1, '09:00'), closesAt: at(1, '20:00') },
      quotas: [
        { pharmacyId: 'ph-f1', quota: QUOTA },
        { pharmacyId: 'ph-f2', quota: QUOTA },
      ],
    })
  ).roundId as string;
  t.clock.set(at(1, '09:00'));
});
afterAll(() => t.close());

interface Family {
  holder: Caller;
  holderPersonId: string;
  childPersonId: string;
}

async function family(login: string): Promise<Family> {
  const holder = await t.citizen(login, newPerson('褚一'));
  const child = newPerson('褚小二');
  await t.app.services.registry.loadCsv(`${child.name},${child.idNumber}\n`);
  const added = await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...child, relation: 'child' } });
  expect(added.status).toBe(201);
  const holderPersonId = (await t.app.services.accounts.findById(holder.userId))?.personId as string;
  return { holder, holderPersonId, childPersonId: added.body.member.personId as string };
}

/** Everything of the account and its family member the masks tables and hot store still hold as outstanding. */
async function outstanding(f: Family) {
  const rows = await t.app.database.db
    .selectFrom('mask_reservations')
    .select(['id', 'status', 'unit_returned'])
    .where((eb) => eb.or([eb('account_id', '=', f.holder.userId), eb('person_id', 'in', [f.childPersonId, f.holderPersonId])]))
    .execute();
  const now = t.clock.now();
  return {
    reserved: rows.filter((r) => r.status === 'reserved'),
    childHold: (await t.hotPath.personState(f.childPersonId, now)).activeReservationId,
    holderHold: (await t.hotPath.personState(f.holderPersonId, now)).activeReservationId,
    remaining: await t.hotPath.remaining(roundId, ['ph-f1', 'ph-f2']),
    rows,
  };
}

it('a family booking authenticated before the deletion and landing after the masks step leaves nothing outstanding', async () => {
  const f = await family('late-family');
  const round = await t.app.database.db.selectFrom('mask_rounds').select(['pickup_date', 'quantity_per_person']).where('id', '=', roundId).executeTakeFirstOrThrow();
  // What the booking route had built once the middleware let it through (the holder's session was live).
  const inFlight: HotReservation = {
    reservationId: randomUUID(),
    roundId,
    pharmacyId: 'ph-f1',
    personId: f.childPersonId,
    holderPersonId: f.holderPersonId,
    accountId: f.holder.userId,
    pickupDate: round.pickup_date,
    quantity: round.quantity_per_person,
    idempotencyKey: `late-${randomUUID()}`,
    createdAt: t.clock.now(),
  };

  expect((await t.request('DELETE', DELETE_ME, { token: f.holder.token })).status).toBe(200);
  // The deletion is over; now the booking reaches the hot store, which knows nothing of it.
  const booked = await t.hotPath.book(inFlight, t.clock.now());
  expect(booked.reservation.reservationId).toBe(inFlight.reservationId);
  expect((await t.hotPath.remaining(roundId, ['ph-f1']))['ph-f1']).toBe(QUOTA - 1);
  await t.drainOutbox();

  const left = await outstanding(f);
  expect(left.reserved).toEqual([]);
  expect(left.rows).toEqual([{ id: inFlight.reservationId, status: 'cancelled', unit_returned: 1 }]);
  expect(left.childHold).toBeNull();
  expect(left.remaining).toEqual({ 'ph-f1': QUOTA, 'ph-f2': QUOTA });
  // A redelivery of the same entry gives nothing back twice.
  await t.drainOutbox();
  expect(await t.hotPath.remaining(roundId, ['ph-f1'])).toEqual({ 'ph-f1': QUOTA });
  // The child, no longer anyone's family member here, can be booked for by a new holder.
  const other = await t.citizen('late-family-2', newPerson('褚三'));
  const child = await t.app.database.db.selectFrom('persons').select('id').where('id', '=', f.childPersonId).executeTakeFirst();
  expect(child).toBeUndefined();
  expect((await book(t, other, { pharmacyId: 'ph-f1' })).status).toBe(201);
});

it('a booking recorded before the mark is cancelled by the masks step instead (the other order)', async () => {
  const f = await family('early-family');
  const res = await book(t, f.holder, { pharmacyId: 'ph-f2', personId: f.childPersonId });
  expect(res.status).toBe(201);
  await t.drainOutbox();
  expect((await t.request('DELETE', DELETE_ME, { token: f.holder.token })).status).toBe(200);
  const left = await outstanding(f);
  expect(left.reserved).toEqual([]);
  expect(left.rows).toEqual([expect.objectContaining({ id: res.body.reservation.id, status: 'cancelled' })]);
  expect(left.childHold).toBeNull();
  expect((await t.hotPath.remaining(roundId, ['ph-f2']))['ph-f2']).toBeGreaterThanOrEqual(QUOTA - 1);
});

it.each([0, 1, 2, 3])('family and own bookings from other devices racing the deletion leave nothing outstanding (run %i)', async (run) => {
  const f = await family(`race-family-${run}`);
  const devices: Caller[] = [f.holder];
  for (let i = 0; i < 3; i += 1) devices.push(await t.loginDev(`race-family-${run}`));
  const before = await t.hotPath.remaining(roundId, ['ph-f1', 'ph-f2']);

  let draining = true;
  const consumer = (async () => {
    while (draining) {
      await t.drainOutbox();
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const bookings = [
    book(t, devices[1], { pharmacyId: 'ph-f1', personId: f.childPersonId }),
    book(t, devices[2], { pharmacyId: 'ph-f2', personId: f.childPersonId }),
    book(t, devices[3], { pharmacyId: 'ph-f1' }),
  ];
  await new Promise((r) => setTimeout(r, run * 3));
  const deletion = t.request('DELETE', DELETE_ME, { token: devices[0].token });
  const answers = await Promise.all(bookings);
  expect((await deletion).status).toBe(200);
  draining = false;
  await consumer;
  await t.drainOutbox();

  for (const a of answers) expect([201, 401, 403, 404, 409]).toContain(a.status);
  const left = await outstanding(f);
  expect(left.reserved).toEqual([]);
  expect([left.childHold, left.holderHold]).toEqual([null, null]);
  expect(left.remaining).toEqual(before);
});
