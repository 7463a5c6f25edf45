import { adminSetup, book, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

/*
 * GET /api/v1/masks/eligibility on the Lua hot path (real Redis) and MariaDB: one case per reason,
 * each followed by the booking itself, which must refuse with the matching error: the page says
 * no for exactly the reasons the button would.
 */

// Real time, not 2020: Redis expires a repeat period (SET … PXAT) by its own clock.
const MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const OPENS = T0 + 10 * MIN;
const CLOSES = T0 + 40 * MIN;
const DURING = T0 + 20 * MIN;

let t: MasksTestApp;
let admin: Caller;
let roundId: string;

const eligibility = (caller: Caller | null, query: string) => t.request('GET', `/api/v1/masks/eligibility?${query}`, { token: caller?.token });

async function rows() {
  return t.app.database.db.selectFrom('mask_reservations').select('id').execute();
}

beforeAll(async () => {
  t = await startMasksTestApp({ start: iso(T0), hotPath: 'redis' });
  admin = await t.operator('boss', 'admin');
  roundId = (
    await adminSetup(t, admin, {
      pharmacies: [PHARMACY('ph-a'), PHARMACY('ph-b', { lat: 31.9, lng: 117.3 }), PHARMACY('ph-c', { lat: 31.87, lng: 117.29 }), PHARMACY('ph-d', { lat: 31.864, lng: 117.283 })],
      // Pickup the same day, so that a redemption (and with it a repeat period) can happen in the round.
      round: { name: '口罩预约', opensAt: iso(OPENS), closesAt: iso(CLOSES), pickupDate: chinaDay(DURING) },
      quotas: [
        { pharmacyId: 'ph-a', quota: 50 },
        { pharmacyId: 'ph-b', quota: 1 },
        { pharmacyId: 'ph-c', quota: 5 },
      ],
    })
  ).roundId as string;
});
afterAll(() => t.close());

describe('before opening', () => {
  it('needs a session (401), and tells an unverified account to verify first, with the pharmacy stock', async () => {
    expect((await eligibility(null, 'pharmacyId=ph-a')).status).toBe(401);
    const unverified = await t.loginDev('no-identity');
    const res = await eligibility(unverified, 'pharmacyId=ph-a');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ eligible: false, reason: 'IDENTITY_REQUIRED', pharmacy: { id: 'ph-a', name: '测试药房ph-a', remaining: 50, quota: 50 }, unitsPerBooking: 5, nearby: [] });
  });

  it('names the opening time (ROUND_NOT_OPEN), as the booking does', async () => {
    const early = await t.citizen('early', newPerson());
    const res = await eligibility(early, 'pharmacyId=ph-a');
    expect(res.body).toMatchObject({ eligible: false, reason: 'ROUND_NOT_OPEN', opensAt: iso(OPENS) });
    expect((await book(t, early, { pharmacyId: 'ph-a' })).body.error.code).toBe('ROUND_NOT_OPEN');
  });
});

describe('while open', () => {
  beforeAll(() => t.clock.set(iso(DURING)));

  it('says yes, and writes nothing: no row, no hold, the counter untouched', async () => {
    const person = newPerson();
    const citizen = await t.citizen('eligible', person);
    for (let i = 0; i < 3; i += 1) {
      const res = await eligibility(citizen, 'pharmacyId=ph-a');
      expect(res.body).toEqual({ eligible: true, reason: null, pharmacy: { id: 'ph-a', name: '测试药房ph-a', remaining: 50, quota: 50 }, unitsPerBooking: 5, nearby: [] });
    }
    expect(await rows()).toHaveLength(0);
    expect((await t.hotPath.remaining(roundId, ['ph-a']))['ph-a']).toBe(50);
    expect((await book(t, citizen, { pharmacyId: 'ph-a' })).status).toBe(201);
  });

  it('ALREADY_RESERVED for oneself, FAMILY_ALREADY_RESERVED for the family member chosen; 403 for a stranger\'s person', async () => {
    const holder = await t.citizen('holder', newPerson('王芳'));
    const child = newPerson('王小宝');
    await t.app.services.registry.loadCsv(`${child.name},${child.idNumber}\n`);
    const childId = (await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...child, relation: 'child' } })).body.member.personId as string;
    expect((await eligibility(holder, `pharmacyId=ph-a&personId=${childId}`)).body.eligible).toBe(true);

    expect((await book(t, holder, { pharmacyId: 'ph-a' })).status).toBe(201);
    expect((await book(t, holder, { pharmacyId: 'ph-a', personId: childId })).status).toBe(201);
    expect((await eligibility(holder, 'pharmacyId=ph-c')).body).toMatchObject({ eligible: false, reason: 'ALREADY_RESERVED' });
    expect((await book(t, holder, { pharmacyId: 'ph-c' })).body.error.code).toBe('ALREADY_RESERVED');
    expect((await eligibility(holder, `pharmacyId=ph-c&personId=${childId}`)).body).toMatchObject({ eligible: false, reason: 'FAMILY_ALREADY_RESERVED' });
    expect((await book(t, holder, { pharmacyId: 'ph-c', personId: childId })).body.error.code).toBe('ALREADY_RESERVED');

    const stranger = await t.citizen('stranger', newPerson());
    const res = await eligibility(stranger, `pharmacyId=ph-a&personId=${childId}`);
    expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('SOLD_OUT with the nearest pharmacies that still have stock (not the sold-out one, not those outside the round)', async () => {
    expect((await book(t, await t.citizen('fast', newPerson()), { pharmacyId: 'ph-b' })).status).toBe(201);
    const late = await t.citizen('late', newPerson());
    const res = await eligibility(late, 'pharmacyId=ph-b');
    expect(res.body).toMatchObject({ eligible: false, reason: 'SOLD_OUT', pharmacy: { id: 'ph-b', remaining: 0, quota: 1 } });
    // ph-c is nearer to ph-b than ph-a; ph-d takes no part in this round.
    expect(res.body.nearby.map((p: { id: string }) => p.id)).toEqual(['ph-c', 'ph-a']);
    expect(res.body.nearby[0]).toEqual({ id: 'ph-c', name: '测试药房ph-c', address: '庐阳区长江中路 1 号', remaining: 5, distanceM: expect.any(Number) });
    expect(res.body.nearby[0].distanceM).toBeLessThan(res.body.nearby[1].distanceM);
    expect((await book(t, late, { pharmacyId: 'ph-b' })).body.error.code).toBe('SOLD_OUT');
    expect((await eligibility(late, 'pharmacyId=ph-d')).body).toMatchObject({ eligible: false, reason: 'SOLD_OUT' });
  });

  it('REPEAT_PERIOD after a collection, naming the day masks may be booked again', async () => {
    const citizen = await t.citizen('collected', newPerson());
    const booked = await book(t, citizen, { pharmacyId: 'ph-a' });
    await t.drainOutbox();
    const counter = await t.operator('counter-a', 'pharmacist', 'ph-a');
    expect((await t.request('POST', '/api/v1/pharmacy/redemptions', { token: counter.token, body: { pickupCode: booked.body.pickupCode } })).status).toBe(200);
    const res = await eligibility(citizen, 'pharmacyId=ph-c');
    const until = DURING + 7 * 86_400_000;
    expect(res.body).toMatchObject({ eligible: false, reason: 'REPEAT_PERIOD', availableFrom: chinaDay(until), availableAt: iso(until) });
    expect((await book(t, citizen, { pharmacyId: 'ph-c' })).body.error).toMatchObject({ code: 'REPEAT_PERIOD', details: { availableFrom: chinaDay(until) } });
  });

  it('answers 404 for an unknown pharmacy and 400 for a malformed query', async () => {
    const citizen = await t.citizen('curious', newPerson());
    expect((await eligibility(citizen, 'pharmacyId=ph-404')).body.error.code).toBe('PHARMACY_NOT_FOUND');
    expect((await eligibility(citizen, 'pharmacyId=bad%20id')).status).toBe(400);
    expect((await eligibility(citizen, '')).status).toBe(400);
  });
});

describe('after closing', () => {
  it('ROUND_CLOSED with the closing time (the booking says ROUND_NOT_OPEN)', async () => {
    t.clock.set(iso(CLOSES + 5 * MIN));
    const citizen = await t.citizen('too-late', newPerson());
    expect((await eligibility(citizen, 'pharmacyId=ph-a')).body).toMatchObject({ eligible: false, reason: 'ROUND_CLOSED', closedAt: iso(CLOSES) });
    expect((await book(t, citizen, { pharmacyId: 'ph-a' })).body.error.code).toBe('ROUND_NOT_OPEN');
  });
});
