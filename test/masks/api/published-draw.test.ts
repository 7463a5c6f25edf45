import { lotteryRanking } from '../../../bff/src/domains/masks/operations/lottery-draw';
import { adminSetup, book, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

/*
 * The auditable draw over HTTP: the public ranking (seed, applicant references, results) is
 * recomputed here from nothing but what the endpoint publishes; an applicant who held a
 * reservation of another round at the draw is told `ineligible` with the reason.
 */
let t: MasksTestApp;
let admin: Caller;
let round: string;
const applicants: Caller[] = [];

beforeAll(async () => {
  t = await startMasksTestApp({ start: '2020-05-01T10:00:00+08:00' });
  admin = await t.operator('draw-boss', 'admin');
  round = (
    await adminSetup(t, admin, {
      pharmacies: [PHARMACY('ph-d1'), PHARMACY('ph-d2')],
      round: { name: '五一抽签', opensAt: '2020-05-01T09:00:00+08:00', closesAt: '2020-05-01T12:00:00+08:00', pickupDate: '2020-05-02', mode: 'lottery' },
      quotas: [{ pharmacyId: 'ph-d1', quota: 3 }, { pharmacyId: 'ph-d2', quota: 1 }],
    })
  ).roundId as string;
  for (let i = 0; i < 8; i += 1) {
    const c = await t.citizen(`draw-${i}`, newPerson());
    applicants.push(c);
    expect((await book(t, c, { pharmacyId: i < 6 ? 'ph-d1' : 'ph-d2' })).status).toBe(202);
  }
}, 60_000);
afterAll(() => t?.close());

const applicationOf = async (c: Caller) => (await t.request('GET', '/api/v1/masks/reservations', { token: c.token })).body.applications[0];

describe('published draw', () => {
  it('is refused before the draw', async () => {
    const early = await t.request('GET', `/api/v1/masks/rounds/${round}/draw`);
    expect([early.status, early.body.error.code]).toEqual([409, 'CONFLICT']);
  });

  it('tells an applicant who booked elsewhere before the draw that they were passed over, and why', async () => {
    // applicants[0] holds an uncollected reservation of another round, made before the draw.
    const busy = (await applicationOf(applicants[0])).personId as string;
    await t.app.database.db.insertInto('mask_rounds').values({ id: 'other', name: 'other', opens_at: 0, closes_at: 1, pickup_date: '2020-05-03', quantity_per_person: 5, mode: 'first_come', repeat_days: 7, lottery_seed: null, drawn_at: null, expired_at: null, created_at: 0 }).execute();
    await t.app.database.db
      .insertInto('mask_reservations')
      .values({ id: 'held-elsewhere', round_id: 'other', pharmacy_id: 'ph-d2', person_id: busy, holder_person_id: busy, account_id: applicants[0].userId, pickup_date: '2020-05-03', quantity: 5, status: 'reserved', active_person_id: busy, idempotency_key: null, created_at: Date.parse('2020-05-01T11:00:00+08:00') })
      .execute();
    t.clock.set('2020-05-01T12:30:00+08:00');
    const drawn = await t.request('POST', `/api/v1/admin/masks/rounds/${round}/draw`, { token: admin.token, body: { seed: 'labour-day-2020-published' } });
    expect(drawn.status).toBe(200);
    expect(drawn.body).toMatchObject({ applications: 8, ineligible: 1 });
    const app = await applicationOf(applicants[0]);
    expect(app).toMatchObject({ status: 'ineligible', ineligibleReason: 'HELD_RESERVATION' });
    expect(app.applicantRef).toMatch(/^[0-9a-f]{24}$/);
  });

  it('publishes seed and pseudonymous ranking that anyone can recompute', async () => {
    const res = await t.request('GET', `/api/v1/masks/rounds/${round}/draw`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const body = res.body as { seed: string; algorithm: string; pharmacies: Array<{ pharmacyId: string; units: number; ranking: Array<{ ref: string; rank: number; result: string }> }> };
    expect(body).toMatchObject({ roundId: round, seed: 'labour-day-2020-published', algorithm: 'hmac-sha256-fisher-yates/applicant-ref' });
    const persons = await Promise.all(applicants.map(async (c) => (await applicationOf(c)).personId as string));
    const text = JSON.stringify(body);
    for (const p of persons) expect(text).not.toContain(p);

    let winners = 0;
    for (const ph of body.pharmacies) {
      const refs = ph.ranking.map((e) => e.ref);
      // Recompute from the published data only: the refs in any order, the seed, the pharmacy id.
      expect(lotteryRanking(body.seed, ph.pharmacyId, [...refs].reverse())).toEqual(refs);
      expect(ph.ranking.map((e) => e.rank)).toEqual(refs.map((_, i) => i + 1));
      const eligible = ph.ranking.filter((e) => e.result !== 'ineligible');
      expect(eligible.slice(0, ph.units).every((e) => e.result === 'won')).toBe(true);
      expect(eligible.slice(ph.units).every((e) => e.result === 'lost')).toBe(true);
      winners += ph.ranking.filter((e) => e.result === 'won').length;
    }
    expect(body.pharmacies.map((p) => [p.pharmacyId, p.units, p.ranking.length])).toEqual([['ph-d1', 3, 6], ['ph-d2', 1, 2]]);
    expect(winners).toBe(4);
    // Each applicant finds themselves under the reference their application shows.
    for (const c of applicants) {
      const app = await applicationOf(c);
      const entry = body.pharmacies.flatMap((p) => p.ranking).find((e) => e.ref === app.applicantRef);
      expect(entry?.result).toBe(app.status);
    }
  });

  it("gives each winner a 取货码 of its pharmacy's day, distinct, as first-come bookings get", async () => {
    const rows = await t.app.database.db.selectFrom('mask_reservations').select(['pharmacy_id', 'short_code']).where('round_id', '=', round).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.short_code).toMatch(/^\d{10}$/);
    expect(new Set(rows.map((r) => `${r.pharmacy_id}:${r.short_code}`)).size).toBe(rows.length);
    // A winner sees it on 我的预约 as a first-come booker does.
    const lists = await Promise.all(applicants.map(async (c) => (await t.request('GET', '/api/v1/masks/reservations', { token: c.token })).body.items as Array<{ roundId: string; shortCode: string | null }>));
    const won = lists.flat().filter((i) => i.roundId === round);
    expect(won).toHaveLength(rows.length);
    for (const i of won) expect(i.shortCode).toMatch(/^\d{10}$/);
  });

  it('answers 404 for an unknown round', async () => {
    expect((await t.request('GET', '/api/v1/masks/rounds/no-such-round/draw')).status).toBe(404);
  });
});
