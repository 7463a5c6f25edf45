import { createHmac } from 'node:crypto';
import { PickupCode } from '../../../bff/src/domains/masks/pickup-code/pickup-code';
import { adminSetup, book, newPerson, PHARMACY, PICKUP_CODE_KEY, startMasksTestApp, type Caller, type MasksTestApp, type Person } from './support';

const codes = new PickupCode(PICKUP_CODE_KEY);

let t: MasksTestApp;
let admin: Caller;
let counterA: Caller;
let counterB: Caller;
let roundId: string;

interface Booked {
  citizen: Caller;
  person: Person;
  id: string;
  personId: string;
  code: string;
}

async function booked(login: string, pharmacyId = 'ph-a', name = '陈静'): Promise<Booked> {
  const person = newPerson(name);
  const citizen = await t.citizen(login, person);
  const res = await book(t, citizen, { pharmacyId });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return { citizen, person, id: res.body.reservation.id, personId: res.body.reservation.personId, code: res.body.pickupCode };
}

function redeem(counter: Caller, pickupCode: unknown, extra: Record<string, unknown> = {}) {
  return t.request('POST', '/api/v1/pharmacy/redemptions', { token: counter.token, body: { pickupCode, ...extra } });
}

async function row(id: string) {
  return t.app.database.db.selectFrom('mask_reservations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

const b64 = (s: string) => Buffer.from(s.slice(4), 'base64url');

let alice: Booked;
let bob: Booked;
let carol: Booked;
let dave: Booked;
let erin: Booked;
let frank: Booked;

beforeAll(async () => {
  t = await startMasksTestApp({ start: '2020-02-02T09:30:00+08:00' });
  admin = await t.operator('boss', 'admin');
  counterA = await t.operator('pharmacist-a', 'pharmacist', 'ph-a');
  counterB = await t.operator('pharmacist-b', 'pharmacist', 'ph-b');
  roundId = (
    await adminSetup(t, admin, {
      pharmacies: [PHARMACY('ph-a'), PHARMACY('ph-b')],
      round: { name: '第一轮', opensAt: '2020-02-02T09:00:00+08:00', closesAt: '2020-02-02T20:00:00+08:00' },
      quotas: [
        { pharmacyId: 'ph-a', quota: 50 },
        { pharmacyId: 'ph-b', quota: 50 },
      ],
    })
  ).roundId as string;
  alice = await booked('alice');
  bob = await booked('bob');
  carol = await booked('carol');
  dave = await booked('dave');
  erin = await booked('erin', 'ph-b');
  frank = await booked('frank', 'ph-a', '周杰');
});
afterAll(() => t.close());

describe('pharmacy counter', () => {
  it('refuses redemption before the pickup day (409 CONFLICT), changing nothing', async () => {
    const res = await redeem(counterA, alice.code);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { pickupDate: '2020-02-03' } });
    expect((await row(alice.id)).status).toBe('reserved');
  });

  it('admits pharmacists only', async () => {
    t.clock.set('2020-02-03T10:00:00+08:00');
    const res = await redeem(alice.citizen, alice.code);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await redeem({ token: 'x'.repeat(43), userId: '' }, alice.code)).status).toBe(401);
  });

  it('redeems a code once: 200 with the masked holder and quantity, audited; the same code again is 409 ALREADY_REDEEMED', async () => {
    const res = await redeem(counterA, alice.code);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ holderName: '陈*', quantity: 5, reservation: { id: alice.id, status: 'redeemed', pharmacyId: 'ph-a', personName: '陈*' } });
    expect(await row(alice.id)).toMatchObject({ status: 'redeemed', active_person_id: null, redeemed_by: counterA.userId, redeemed_at: Date.parse('2020-02-03T10:00:00+08:00') });
    const audit = await t.app.services.audit.forTarget('mask_reservation', alice.id);
    expect(audit).toEqual([expect.objectContaining({ actor: counterA.userId, action: 'mask.redeem', requestId: res.headers.get('x-request-id'), details: { pharmacyId: 'ph-a', method: 'code' } })]);

    const replay = await redeem(counterA, alice.code);
    expect(replay.status).toBe(409);
    expect(replay.body.error).toMatchObject({ code: 'ALREADY_REDEEMED', details: { redeemedAt: '2020-02-03T02:00:00.000Z' } });
    expect(await t.app.services.audit.forTarget('mask_reservation', alice.id)).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous scans of one code succeed', async () => {
    const results = await Promise.all([redeem(counterA, bob.code), redeem(counterA, bob.code), redeem(counterA, bob.code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(['ALREADY_REDEEMED', 'ALREADY_REDEEMED']);
    expect(await t.app.services.audit.forTarget('mask_reservation', bob.id)).toHaveLength(1);
  });

  it('refuses forged, altered, truncated, foreign-key and garbage codes with 400 INVALID_CODE, changing nothing', async () => {
    const raw = b64(carol.code);
    const flipped = Buffer.from(raw);
    flipped[3] ^= 0x01; // another reservation id, same MAC
    const payload = raw.subarray(0, raw.length - 16);
    const guessedMac = createHmac('sha256', 'guess').update(payload).digest().subarray(0, 16);
    const otherKey = new PickupCode('00'.repeat(32)).sign({ reservationId: carol.id, pharmacyId: 'ph-a', pickupDate: '2020-02-03' });
    const forgedForOtherDay = `GP1.${Buffer.concat([payload, guessedMac]).toString('base64url')}`;
    const bogus = [
      `GP1.${flipped.toString('base64url')}`,
      carol.code.slice(0, -2),
      `${carol.code}AA`,
      otherKey,
      forgedForOtherDay,
      'GP1.',
      'hello world',
      'GP1.%%%%',
      carol.code.replace('GP1.', 'GP2.'),
    ];
    for (const code of bogus) {
      const res = await redeem(counterA, code);
      expect([code, res.status, res.body.error.code]).toEqual([code, 400, 'INVALID_CODE']);
    }
    expect((await row(carol.id)).status).toBe('reserved');
    // A validly signed code for a reservation that does not exist is no better than a forged one.
    const ghost = codes.sign({ reservationId: '00000000-0000-4000-8000-000000000000', pharmacyId: 'ph-a', pickupDate: '2020-02-03' });
    expect((await redeem(counterA, ghost)).body.error.code).toBe('INVALID_CODE');
  });

  it('rejects a missing or oversized code with 400 VALIDATION_FAILED', async () => {
    for (const body of [{}, { pickupCode: '' }, { pickupCode: 12 }, { pickupCode: 'x'.repeat(513) }]) {
      const res = await t.request('POST', '/api/v1/pharmacy/redemptions', { token: counterA.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers 403 WRONG_PHARMACY for a code of another pharmacy, changing nothing', async () => {
    const res = await redeem(counterB, carol.code);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'WRONG_PHARMACY', details: { pharmacyId: 'ph-a' } });
    expect((await row(carol.id)).status).toBe('reserved');
    // Naming a pharmacy one does not work at is FORBIDDEN.
    expect((await redeem(counterB, carol.code, { pharmacyId: 'ph-a' })).body.error.code).toBe('FORBIDDEN');
  });

  it('answers 409 CODE_EXPIRED for a cancelled reservation', async () => {
    t.clock.set('2020-02-02T12:00:00+08:00');
    expect((await t.request('DELETE', `/api/v1/masks/reservations/${dave.id}`, { token: dave.citizen.token })).status).toBe(200);
    t.clock.set('2020-02-03T11:00:00+08:00');
    const res = await redeem(counterA, dave.code);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CODE_EXPIRED');
  });

  it('redeems by ID number for people without a phone, audited without the number; a miss is 404 and audited too', async () => {
    const res = await t.request('POST', '/api/v1/pharmacy/redemptions/by-id-number', { token: counterA.token, body: { idNumber: frank.person.idNumber } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ holderName: '周*', reservation: { id: frank.id, status: 'redeemed' } });
    const miss = await t.request('POST', '/api/v1/pharmacy/redemptions/by-id-number', { token: counterA.token, body: { idNumber: erin.person.idNumber } });
    expect(miss.status).toBe(404);
    expect(miss.body.error.code).toBe('RESERVATION_NOT_FOUND');
    const bad = await t.request('POST', '/api/v1/pharmacy/redemptions/by-id-number', { token: counterA.token, body: { idNumber: '12345' } });
    expect(bad.status).toBe(400);
    expect((await t.app.services.audit.forTarget('mask_reservation', frank.id))[0]).toMatchObject({ action: 'mask.redeem', details: { pharmacyId: 'ph-a', method: 'id-number' } });
    const misses = (await t.app.services.audit.forTarget('pharmacy', 'ph-a')).filter((a) => a.action === 'mask.redeem.lookup-miss');
    expect(misses).toEqual([expect.objectContaining({ actor: counterA.userId, details: { method: 'id-number' } })]);
    const auditDump = JSON.stringify(await t.app.database.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of [frank.person.idNumber, erin.person.idNumber, frank.person.name]) expect(auditDump).not.toContain(secret);
  });

  it('summarises a pickup day per pharmacy', async () => {
    const res = await t.request('GET', '/api/v1/pharmacy/summary?date=2020-02-03', { token: counterA.token });
    expect(res.status).toBe(200);
    // ph-a: alice, bob, frank redeemed; carol outstanding; dave cancelled (not counted).
    expect(res.body).toEqual({ pharmacyId: 'ph-a', pharmacyName: '测试药房ph-a', date: '2020-02-03', reserved: 4, redeemed: 3, outstanding: 1 });
    expect((await t.request('GET', '/api/v1/pharmacy/summary', { token: counterB.token })).body).toEqual({ pharmacyId: 'ph-b', pharmacyName: '测试药房ph-b', date: '2020-02-03', reserved: 1, redeemed: 0, outstanding: 1 });
    expect((await t.request('GET', '/api/v1/pharmacy/summary?date=2020-2-3', { token: counterA.token })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/pharmacy/summary?pharmacyId=ph-b', { token: counterA.token })).body.error.code).toBe('FORBIDDEN');
    expect((await t.request('GET', '/api/v1/pharmacy/summary', { token: alice.citizen.token })).status).toBe(403);
  });

  it('answers 409 CODE_EXPIRED once the pickup date has passed', async () => {
    t.clock.set('2020-02-04T08:00:00+08:00');
    const res = await redeem(counterA, carol.code);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CODE_EXPIRED', details: { pickupDate: '2020-02-03' } });
    expect((await redeem(counterB, erin.code)).body.error.code).toBe('CODE_EXPIRED');
  });

  it('starts the repeat period: the next round refuses the person with REPEAT_PERIOD and the first day they may book', async () => {
    const next = await adminSetup(t, admin, {
      round: { name: '第二轮', opensAt: '2020-02-04T09:00:00+08:00', closesAt: '2020-02-04T20:00:00+08:00' },
      quotas: [{ pharmacyId: 'ph-a', quota: 10 }],
    });
    t.clock.set('2020-02-04T09:00:00+08:00');
    const res = await book(t, alice.citizen, { pharmacyId: 'ph-a' });
    expect(res.status).toBe(409);
    // Collected 2020-02-03 10:00 (China) with repeatDays 7.
    expect(res.body.error).toMatchObject({ code: 'REPEAT_PERIOD', details: { availableFrom: '2020-02-10', availableAt: '2020-02-10T02:00:00.000Z' } });
    // Carol never collected; the expiry job is not ours, but a cancelled one may book again at once.
    expect((await book(t, dave.citizen, { pharmacyId: 'ph-a' })).body.reservation).toMatchObject({ roundId: next.roundId, pickupDate: '2020-02-05' });
    expect(roundId).not.toBe(next.roundId);
  });

  it('never writes ID numbers, names or pickup codes to the logs', () => {
    const logs = t.logs();
    expect(logs).toContain('/api/v1/pharmacy/redemptions');
    for (const b of [alice, bob, carol, frank]) {
      for (const secret of [b.person.idNumber, b.person.name, b.code]) expect(logs).not.toContain(secret);
    }
  });
});
