import { PickupCode } from '../../../bff/src/domains/masks/pickup-code/pickup-code';
import { adminSetup, book, idemKey, newPerson, PHARMACY, PICKUP_CODE_KEY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

const OPENS = '2020-02-02T09:00:00+08:00';
const CLOSES = '2020-02-02T20:00:00+08:00';
const codes = new PickupCode(PICKUP_CODE_KEY);

let t: MasksTestApp;
let admin: Caller;
let roundId: string;

async function reservationRows() {
  return t.app.database.db.selectFrom('mask_reservations').selectAll().orderBy('created_at').execute();
}

async function remaining(pharmacyId: string): Promise<number | undefined> {
  return (await t.hotPath.remaining(roundId, [pharmacyId]))[pharmacyId];
}

beforeAll(async () => {
  t = await startMasksTestApp({ start: '2020-02-02T08:00:00+08:00' });
  admin = await t.operator('boss', 'admin');
  const setup = await adminSetup(t, admin, {
    pharmacies: [PHARMACY('ph-a'), PHARMACY('ph-b', { lat: 31.87, lng: 117.27 }), PHARMACY('ph-c', { district: '蜀山区', lat: 31.82, lng: 117.22 }), PHARMACY('ph-d')],
    round: { name: '2月2日口罩预约', opensAt: OPENS, closesAt: CLOSES },
    quotas: [
      { pharmacyId: 'ph-a', quota: 20 },
      { pharmacyId: 'ph-b', quota: 1 },
      { pharmacyId: 'ph-c', quota: 5 },
    ],
  });
  roundId = setup.roundId as string;
});
afterAll(() => t.close());

describe('before opening', () => {
  it('shows the round as upcoming, with the config defaults', async () => {
    const res = await t.request('GET', '/api/v1/masks/rounds/current');
    expect(res.status).toBe(200);
    expect(res.body.round).toEqual({
      id: roundId,
      name: '2月2日口罩预约',
      status: 'upcoming',
      opensAt: '2020-02-02T01:00:00.000Z',
      closesAt: '2020-02-02T12:00:00.000Z',
      pickupDate: '2020-02-03',
      quantityPerPerson: 5,
      mode: 'first_come',
      repeatDays: 7,
    });
  });

  it('answers 409 ROUND_NOT_OPEN (even before authentication) and books nothing', async () => {
    const citizen = await t.citizen('early-bird', newPerson());
    const res = await book(t, citizen, { pharmacyId: 'ph-a' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ROUND_NOT_OPEN', details: { opensAt: '2020-02-02T01:00:00.000Z' } });
    expect((await book(t, null, { pharmacyId: 'ph-a' })).body.error.code).toBe('ROUND_NOT_OPEN');
    expect(await reservationRows()).toHaveLength(0);
    expect(await remaining('ph-a')).toBe(20);
  });
});

describe('booking while open', () => {
  beforeAll(() => t.clock.set(OPENS));

  it('reports the round open', async () => {
    expect((await t.request('GET', '/api/v1/masks/rounds/current')).body.round.status).toBe('open');
  });

  it('requires a session (401) and a verified identity (403 IDENTITY_REQUIRED)', async () => {
    const anon = await book(t, null, { pharmacyId: 'ph-a' });
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('UNAUTHENTICATED');
    const unverified = await t.loginDev('not-verified');
    const res = await book(t, unverified, { pharmacyId: 'ph-a' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('IDENTITY_REQUIRED');
  });

  it('rejects bad input with 400 VALIDATION_FAILED and changes nothing', async () => {
    const citizen = await t.citizen('sloppy', newPerson());
    const cases = [
      t.request('POST', '/api/v1/masks/reservations', { token: citizen.token, body: { pharmacyId: 'ph-a' } }),
      book(t, citizen, { pharmacyId: 'ph-a' }, 'short'),
      book(t, citizen, { pharmacyId: 'ph-a' }, 'has spaces in it'),
      book(t, citizen, { pharmacyId: '' }),
      book(t, citizen, { pharmacyId: 'ph a; drop table' }),
      book(t, citizen, { pharmacyId: 42 }),
      book(t, citizen, {}),
      book(t, citizen, { pharmacyId: 'ph-a', personId: '../../etc' }),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
    const missingKey = await cases[0];
    expect(missingKey.body.error.details).toEqual([{ path: 'idempotency-key', message: '缺少Idempotency-Key请求头' }]);
    expect(await reservationRows()).toHaveLength(0);
    expect(await remaining('ph-a')).toBe(20);
  });

  it('books: 201 with a masked name and a pickup code that verifies to this reservation', async () => {
    const person = newPerson('李小明');
    const citizen = await t.citizen('happy', person);
    const res = await book(t, citizen, { pharmacyId: 'ph-a' });
    expect(res.status).toBe(201);
    const r = res.body.reservation;
    expect(r).toMatchObject({ roundId, pharmacyId: 'ph-a', pharmacyName: '测试药房ph-a', personName: '李**', pickupDate: '2020-02-03', quantity: 5, status: 'reserved' });
    expect(codes.verify(res.body.pickupCode)).toEqual({ reservationId: r.id, pharmacyId: 'ph-a', pickupDate: '2020-02-03' });
    expect(res.body.pickupCode.length).toBeLessThan(80);
    const rows = await reservationRows();
    expect(rows).toEqual([expect.objectContaining({ id: r.id, person_id: r.personId, holder_person_id: r.personId, account_id: citizen.userId, status: 'reserved', active_person_id: r.personId })]);
    expect(await remaining('ph-a')).toBe(19);
    expect(JSON.stringify(rows)).not.toContain(person.idNumber);
  });

  it('replays the same Idempotency-Key with the same answer; reusing it for another booking is 409 IDEMPOTENCY_CONFLICT', async () => {
    const citizen = await t.citizen('retry', newPerson());
    const key = idemKey();
    const first = await book(t, citizen, { pharmacyId: 'ph-a' }, key);
    const again = await book(t, citizen, { pharmacyId: 'ph-a' }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await book(t, citizen, { pharmacyId: 'ph-c' }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await reservationRows()).filter((r) => r.account_id === citizen.userId)).toHaveLength(1);
  });

  it('allows one outstanding reservation per person: 409 ALREADY_RESERVED, also from a second account of the same person', async () => {
    const person = newPerson();
    const first = await t.citizen('twice-a', person);
    expect((await book(t, first, { pharmacyId: 'ph-a' })).status).toBe(201);
    const again = await book(t, first, { pharmacyId: 'ph-c' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RESERVED');
    const secondAccount = await t.citizen('twice-b', person);
    expect((await book(t, secondAccount, { pharmacyId: 'ph-c' })).body.error.code).toBe('ALREADY_RESERVED');
  });

  it('answers 409 SOLD_OUT once the quota is taken, and for a pharmacy not in the round; 404 for an unknown one', async () => {
    const a = await t.citizen('fast', newPerson());
    const b = await t.citizen('slow', newPerson());
    const c = await t.citizen('slower', newPerson());
    expect((await book(t, a, { pharmacyId: 'ph-b' })).status).toBe(201);
    const refused = await book(t, b, { pharmacyId: 'ph-b' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SOLD_OUT');
    // The sold-out answer is now cached in-process: even an anonymous caller gets it, without a session look-up.
    expect((await book(t, null, { pharmacyId: 'ph-b' })).body.error.code).toBe('SOLD_OUT');
    expect((await book(t, c, { pharmacyId: 'ph-d' })).body.error.code).toBe('SOLD_OUT');
    const unknown = await book(t, c, { pharmacyId: 'ph-zzz' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('PHARMACY_NOT_FOUND');
    expect(await remaining('ph-b')).toBe(0);
    expect((await reservationRows()).filter((r) => r.pharmacy_id === 'ph-b')).toHaveLength(1);
  });

  it('books for family members: one per PERSON, and only for one\'s own family (403 FORBIDDEN otherwise)', async () => {
    const holder = await t.citizen('parent', newPerson('王芳'));
    const child = newPerson('王小宝');
    await t.app.services.registry.loadCsv(`${child.name},${child.idNumber}\n`);
    const added = await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...child, relation: 'child' } });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({ name: '王**', relation: 'child', idNumber: expect.stringMatching(/^3401\*{10}\d{3}[\dX]$/) });
    const childPersonId = added.body.member.personId;

    expect((await book(t, holder, { pharmacyId: 'ph-a' })).status).toBe(201);
    const forChild = await book(t, holder, { pharmacyId: 'ph-a', personId: childPersonId });
    expect(forChild.status).toBe(201);
    expect(forChild.body.reservation).toMatchObject({ personId: childPersonId, personName: '王**' });
    expect((await book(t, holder, { pharmacyId: 'ph-c', personId: childPersonId })).body.error.code).toBe('ALREADY_RESERVED');

    // A stranger may not book for the child, not even knowing the person id.
    const stranger = await t.citizen('stranger', newPerson());
    const res = await book(t, stranger, { pharmacyId: 'ph-a', personId: childPersonId });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');

    // Another family that also lists the child still cannot get a second unit for the same person.
    const grandma = await t.citizen('grandma', newPerson('赵兰'));
    expect((await t.request('POST', '/api/v1/family', { token: grandma.token, body: { ...child, relation: 'grandchild' } })).status).toBe(201);
    expect((await book(t, grandma, { pharmacyId: 'ph-a', personId: childPersonId })).body.error.code).toBe('ALREADY_RESERVED');
    // Grandma sees the child's reservation, but the code is the parent's to show at the counter.
    const grandmasView = await t.request('GET', '/api/v1/masks/reservations', { token: grandma.token });
    expect(grandmasView.body.items).toEqual([expect.objectContaining({ id: forChild.body.reservation.id, status: 'reserved', pickupCode: null })]);

    const mine = await t.request('GET', '/api/v1/masks/reservations', { token: holder.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    for (const item of mine.body.items) expect(codes.verify(item.pickupCode)).toMatchObject({ reservationId: item.id });
    expect(mine.body.applications).toEqual([]);
  });

  it('keeps family to 5 members (409 FAMILY_LIMIT), checks members against the registry, and removes them', async () => {
    const holder = await t.citizen('big-family', newPerson());
    const members = Array.from({ length: 6 }, () => newPerson('刘备'));
    await t.app.services.registry.loadCsv(members.map((m) => `${m.name},${m.idNumber}`).join('\n'));
    for (const m of members.slice(0, 5)) expect((await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...m, relation: 'other' } })).status).toBe(201);
    const sixth = await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...members[5], relation: 'other' } });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('FAMILY_LIMIT');
    const list = await t.request('GET', '/api/v1/family', { token: holder.token });
    expect(list.body).toMatchObject({ limit: 5 });
    expect(list.body.items).toHaveLength(5);
    expect((await t.request('DELETE', `/api/v1/family/${list.body.items[0].id}`, { token: holder.token })).body).toEqual({ deleted: true });
    expect((await t.request('DELETE', `/api/v1/family/${list.body.items[0].id}`, { token: holder.token })).status).toBe(404);

    const mismatch = await t.request('POST', '/api/v1/family', { token: holder.token, body: { name: '曹操', idNumber: members[5].idNumber, relation: 'other' } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe('IDENTITY_MISMATCH');
    const bad = await t.request('POST', '/api/v1/family', { token: holder.token, body: { name: '刘备', idNumber: '123', relation: 'cousin' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['idNumber', 'relation']);
    expect((await t.request('GET', '/api/v1/family', { token: holder.token })).body.items).toHaveLength(4);
  });

  it('cancels before the pickup day: the unit returns to the pool while the round is open, and the person may book again', async () => {
    const citizen = await t.citizen('changes-mind', newPerson());
    const before = await remaining('ph-c');
    const booked = await book(t, citizen, { pharmacyId: 'ph-c' });
    expect(await remaining('ph-c')).toBe((before as number) - 1);
    const other = await t.citizen('nosy', newPerson());
    expect((await t.request('DELETE', `/api/v1/masks/reservations/${booked.body.reservation.id}`, { token: other.token })).body.error.code).toBe('RESERVATION_NOT_FOUND');

    const res = await t.request('DELETE', `/api/v1/masks/reservations/${booked.body.reservation.id}`, { token: citizen.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unitReturned: true, reservation: { id: booked.body.reservation.id, status: 'cancelled' } });
    expect(await remaining('ph-c')).toBe(before);
    const row = await t.app.database.db.selectFrom('mask_reservations').selectAll().where('id', '=', booked.body.reservation.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'cancelled', active_person_id: null, unit_returned: 1 });
    expect((await t.request('DELETE', `/api/v1/masks/reservations/${booked.body.reservation.id}`, { token: citizen.token })).body.error.code).toBe('CONFLICT');
    t.clock.advance(1); // "newest first" is by booking time
    expect((await book(t, citizen, { pharmacyId: 'ph-c' })).status).toBe(201);
    const list = await t.request('GET', '/api/v1/masks/reservations', { token: citizen.token });
    expect(list.body.items.map((i: { status: string; pickupCode: string | null }) => [i.status, i.pickupCode === null])).toEqual([
      ['reserved', false],
      ['cancelled', true],
    ]);
  });

  it('lists pharmacies nearest first with distances and a cursor, or by id; quota/remaining of the current round', async () => {
    t.clock.advance(5_001); // past the list cache
    const near = await t.request('GET', '/api/v1/masks/pharmacies?lat=31.82&lng=117.22&limit=2');
    expect(near.status).toBe(200);
    expect(near.body.items.map((p: { id: string }) => p.id)).toEqual(['ph-c', 'ph-b']);
    expect(near.body.items[0].distanceM).toBe(0);
    expect(near.body.items[1].distanceM).toBeGreaterThan(near.body.items[0].distanceM);
    const rest = await t.request('GET', `/api/v1/masks/pharmacies?lat=31.82&lng=117.22&limit=2&cursor=${near.body.nextCursor}`);
    expect(rest.body.items.map((p: { id: string }) => p.id)).toEqual(['ph-a', 'ph-d']);
    expect(rest.body.nextCursor).toBeNull();

    const byId = await t.request('GET', '/api/v1/masks/pharmacies?limit=3');
    expect(byId.body.items.map((p: { id: string }) => p.id)).toEqual(['ph-a', 'ph-b', 'ph-c']);
    expect(byId.body.items[0]).not.toHaveProperty('distanceM');
    expect(byId.body.items[1]).toMatchObject({ quota: 1, remaining: 0 });
    const page2 = await t.request('GET', `/api/v1/masks/pharmacies?limit=3&cursor=${byId.body.nextCursor}`);
    expect(page2.body).toEqual({ items: [expect.objectContaining({ id: 'ph-d', quota: 0, remaining: 0 })], nextCursor: null });
    const district = await t.request('GET', `/api/v1/masks/pharmacies?district=${encodeURIComponent('蜀山区')}`);
    expect(district.body.items.map((p: { id: string }) => p.id)).toEqual(['ph-c']);

    for (const q of ['lat=91&lng=0', 'lat=31', 'limit=0', 'limit=abc', 'cursor=zzz', 'lat=31&lng=117&cursor=k0']) {
      const bad = await t.request('GET', `/api/v1/masks/pharmacies?${q}`);
      expect([q, bad.status, bad.body.error.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
  });

  it('publishes open stock data with Cache-Control: public, max-age=5, refreshed at most every 5 s', async () => {
    const res = await t.request('GET', '/api/v1/masks/stock');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=5');
    expect(res.body.roundId).toBe(roundId);
    // remaining and quota count bookings; the feed says how many masks each one is.
    expect(res.body.unitsPerBooking).toBe(5);
    const a = res.body.items.find((i: { pharmacyId: string }) => i.pharmacyId === 'ph-a');
    expect(a).toEqual({ pharmacyId: 'ph-a', name: '测试药房ph-a', district: '庐阳区', quota: 20, remaining: await remaining('ph-a') });
    expect(res.body.items.map((i: { pharmacyId: string }) => i.pharmacyId)).toEqual(['ph-a', 'ph-b', 'ph-c']);

    const citizen = await t.citizen('stock-watcher', newPerson());
    expect((await book(t, citizen, { pharmacyId: 'ph-a' })).status).toBe(201);
    const cached = await t.request('GET', '/api/v1/masks/stock');
    expect(cached.body).toEqual(res.body);
    t.clock.advance(5_001);
    const fresh = await t.request('GET', '/api/v1/masks/stock');
    expect(fresh.body.items[0].remaining).toBe(a.remaining - 1);
  });
});

describe('after the round closed', () => {
  it('still cancels before the pickup day, but the unit no longer returns; on the pickup day cancelling is refused', async () => {
    t.clock.set('2020-02-02T19:00:00+08:00');
    const early = await t.citizen('late-cancel', newPerson());
    const late = await t.citizen('pickup-day-cancel', newPerson());
    const r1 = await book(t, early, { pharmacyId: 'ph-a' });
    const r2 = await book(t, late, { pharmacyId: 'ph-a' });
    t.clock.set('2020-02-02T21:00:00+08:00');
    expect((await book(t, late, { pharmacyId: 'ph-a' })).body.error.code).toBe('ROUND_NOT_OPEN');
    const left = await remaining('ph-a');
    const res = await t.request('DELETE', `/api/v1/masks/reservations/${r1.body.reservation.id}`, { token: early.token });
    expect(res.body).toMatchObject({ unitReturned: false, reservation: { status: 'cancelled' } });
    expect(await remaining('ph-a')).toBe(left);
    t.clock.set('2020-02-03T08:00:00+08:00');
    const refused = await t.request('DELETE', `/api/v1/masks/reservations/${r2.body.reservation.id}`, { token: late.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', details: { pickupDate: '2020-02-03' } });
    expect((await t.request('GET', '/api/v1/masks/rounds/current')).body.round.status).toBe('closed');
  });
});
