import { adminSetup, book, expectOk, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

let t: MasksTestApp;
let admin: Caller;
let citizen: Caller;

const auditOf = (type: string, id: string) => t.app.services.audit.forTarget(type, id);

beforeAll(async () => {
  t = await startMasksTestApp({ start: '2020-02-01T10:00:00+08:00' });
  admin = await t.operator('boss', 'admin');
  citizen = await t.citizen('someone', newPerson());
});
afterAll(() => t.close());

describe('admin: pharmacies', () => {
  it('creates, lists, updates and deletes pharmacies, auditing every write', async () => {
    const created = await t.request('POST', '/api/v1/admin/pharmacies', { token: admin.token, body: PHARMACY('ph-1') });
    expect(created.status).toBe(201);
    expect(created.body.pharmacy).toEqual(PHARMACY('ph-1'));
    const generated = await t.request('POST', '/api/v1/admin/pharmacies', { token: admin.token, body: { ...PHARMACY('x'), id: undefined } });
    expect(generated.body.pharmacy.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.request('POST', '/api/v1/admin/pharmacies', { token: admin.token, body: PHARMACY('ph-1') })).body.error.code).toBe('CONFLICT');

    const { id: _id, ...fields } = PHARMACY('ph-1', { name: '新名字药房', phone: '0551-1' });
    const updated = await t.request('PUT', '/api/v1/admin/pharmacies/ph-1', { token: admin.token, body: fields });
    expect(updated.status).toBe(200);
    expect(updated.body.pharmacy).toMatchObject({ id: 'ph-1', name: '新名字药房', phone: '0551-1' });
    expect((await t.request('PUT', '/api/v1/admin/pharmacies/ph-404', { token: admin.token, body: fields })).body.error.code).toBe('PHARMACY_NOT_FOUND');

    const list = await t.request('GET', '/api/v1/admin/pharmacies', { token: admin.token });
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain('ph-1');

    const del = await t.request('DELETE', `/api/v1/admin/pharmacies/${generated.body.pharmacy.id}`, { token: admin.token });
    expect(del.body).toEqual({ deleted: true });
    expect((await t.request('DELETE', `/api/v1/admin/pharmacies/${generated.body.pharmacy.id}`, { token: admin.token })).status).toBe(404);

    expect((await auditOf('pharmacy', 'ph-1')).map((a) => [a.action, a.actor])).toEqual([
      ['pharmacy.create', admin.userId],
      ['pharmacy.update', admin.userId],
    ]);
    expect((await auditOf('pharmacy', generated.body.pharmacy.id)).map((a) => a.action)).toEqual(['pharmacy.create', 'pharmacy.delete']);
  });

  it('refuses non-admins (403) and bad input (400 VALIDATION_FAILED) without writing or auditing', async () => {
    const pharmacist = await t.operator('counter', 'pharmacist', 'ph-1');
    const auditIds = () => t.app.database.db.selectFrom('audit_log').select('id').orderBy('id').execute();
    const before = await auditIds();
    const forbidden = await t.request('POST', '/api/v1/admin/pharmacies', { token: citizen.token, body: PHARMACY('ph-evil') });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await t.request('DELETE', '/api/v1/admin/pharmacies/ph-1', { token: pharmacist.token })).status).toBe(403);
    for (const body of [{ ...PHARMACY('ph-2'), lat: 200 }, { ...PHARMACY('ph-2'), name: '' }, { ...PHARMACY('ph-2'), id: 'bad id!' }, {}]) {
      const res = await t.request('POST', '/api/v1/admin/pharmacies', { token: admin.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.request('PUT', '/api/v1/admin/pharmacies/bad%20id', { token: admin.token, body: PHARMACY('z') })).status).toBe(400);
    const malformed = await t.request('POST', '/api/v1/admin/pharmacies', { token: admin.token, raw: '{"name":' });
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    expect(await t.app.database.db.selectFrom('pharmacies').select('id').where('id', 'in', ['ph-evil', 'ph-2']).execute()).toEqual([]);
    expect(await auditIds()).toEqual(before);
  });
});

describe('admin: rounds and quotas', () => {
  let roundId: string;

  it('creates a round with defaults from config, audited; refuses overlapping windows and bad times', async () => {
    const res = await t.request('POST', '/api/v1/admin/masks/rounds', {
      token: admin.token,
      body: { name: '2月2日', opensAt: '2020-02-02T09:00:00+08:00', closesAt: '2020-02-02T20:00:00+08:00' },
    });
    expect(res.status).toBe(201);
    expect(res.body.round).toMatchObject({ status: 'upcoming', pickupDate: '2020-02-03', quantityPerPerson: 5, repeatDays: 7, mode: 'first_come' });
    roundId = res.body.round.id;
    expect(await auditOf('mask_round', roundId)).toEqual([expect.objectContaining({ action: 'mask.round.create', actor: admin.userId })]);

    const overlap = await t.request('POST', '/api/v1/admin/masks/rounds', { token: admin.token, body: { name: 'x', opensAt: '2020-02-02T19:00:00+08:00', closesAt: '2020-02-02T22:00:00+08:00' } });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error).toMatchObject({ code: 'CONFLICT', details: { roundIds: [roundId] } });
    const backwards = await t.request('POST', '/api/v1/admin/masks/rounds', { token: admin.token, body: { name: 'x', opensAt: '2020-02-05T09:00:00+08:00', closesAt: '2020-02-05T08:00:00+08:00' } });
    expect(backwards.body.error.details).toEqual([{ path: 'closesAt', message: '结束时间须晚于开始时间' }]);
    const noZone = await t.request('POST', '/api/v1/admin/masks/rounds', { token: admin.token, body: { name: 'x', opensAt: '2020-02-05T09:00:00', closesAt: '2020-02-05T10:00:00+08:00' } });
    expect(noZone.body.error.details.map((d: { path: string }) => d.path)).toEqual(['opensAt']);
    const earlyPickup = await t.request('POST', '/api/v1/admin/masks/rounds', { token: admin.token, body: { name: 'x', opensAt: '2020-02-05T09:00:00+08:00', closesAt: '2020-02-05T10:00:00+08:00', pickupDate: '2020-02-04' } });
    expect(earlyPickup.body.error.details).toEqual([{ path: 'pickupDate', message: '取货日期不能早于预约结束日期' }]);
    expect((await t.request('GET', '/api/v1/admin/masks/rounds', { token: admin.token })).body.items).toHaveLength(1);
  });

  it('writes quotas and live counters, adjusting for units already booked; audited', async () => {
    await adminSetup(t, admin, { pharmacies: [PHARMACY('ph-2'), PHARMACY('ph-3')] });
    const set = await t.request('PUT', `/api/v1/admin/masks/rounds/${roundId}/quotas`, { token: admin.token, body: { items: [{ pharmacyId: 'ph-2', quota: 3 }] } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ roundId, items: [{ pharmacyId: 'ph-2', quota: 3, rolledIn: 0, reserved: 0, remaining: 3 }] });
    expect(await t.hotPath.remaining(roundId, ['ph-2'])).toEqual({ 'ph-2': 3 });

    t.clock.set('2020-02-02T09:00:01+08:00');
    for (const login of ['q1', 'q2']) expect((await book(t, await t.citizen(login, newPerson()), { pharmacyId: 'ph-2' })).status).toBe(201);
    const raised = await t.request('PUT', `/api/v1/admin/masks/rounds/${roundId}/quotas`, {
      token: admin.token,
      body: { items: [{ pharmacyId: 'ph-2', quota: 5 }, { pharmacyId: 'ph-3', quota: 2 }] },
    });
    expect(raised.body.items).toEqual([
      { pharmacyId: 'ph-2', quota: 5, rolledIn: 0, reserved: 2, remaining: 3 },
      { pharmacyId: 'ph-3', quota: 2, rolledIn: 0, reserved: 0, remaining: 2 },
    ]);
    expect(await t.hotPath.remaining(roundId, ['ph-2', 'ph-3'])).toEqual({ 'ph-2': 3, 'ph-3': 2 });
    const lowered = await t.request('PUT', `/api/v1/admin/masks/rounds/${roundId}/quotas`, { token: admin.token, body: { items: [{ pharmacyId: 'ph-2', quota: 1 }] } });
    expect(lowered.body.items[0]).toMatchObject({ quota: 1, reserved: 2, remaining: 0 });
    expect((await book(t, await t.citizen('q3', newPerson()), { pharmacyId: 'ph-2' })).body.error.code).toBe('SOLD_OUT');
    const quotas = await t.app.database.db.selectFrom('mask_quotas').selectAll().where('round_id', '=', roundId).orderBy('pharmacy_id').execute();
    expect(quotas.map((q) => [q.pharmacy_id, q.quota])).toEqual([
      ['ph-2', 1],
      ['ph-3', 2],
    ]);
    expect((await auditOf('mask_round', roundId)).map((a) => a.action)).toEqual(['mask.round.create', 'mask.round.quotas', 'mask.round.quotas', 'mask.round.quotas']);
  });

  it('refuses unknown rounds and pharmacies and bad quota lists, changing nothing', async () => {
    const ghost = await t.request('PUT', '/api/v1/admin/masks/rounds/no-such-round/quotas', { token: admin.token, body: { items: [{ pharmacyId: 'ph-2', quota: 1 }] } });
    expect(ghost.status).toBe(404);
    expect(ghost.body.error.code).toBe('ROUND_NOT_FOUND');
    const unknown = await t.request('PUT', `/api/v1/admin/masks/rounds/${roundId}/quotas`, { token: admin.token, body: { items: [{ pharmacyId: 'ph-2', quota: 9 }, { pharmacyId: 'ph-nope', quota: 1 }] } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'PHARMACY_NOT_FOUND', details: { pharmacyIds: ['ph-nope'] } });
    for (const items of [[], [{ pharmacyId: 'ph-2', quota: -1 }], [{ pharmacyId: 'ph-2', quota: 1.5 }], [{ pharmacyId: 'ph-2', quota: 1 }, { pharmacyId: 'ph-2', quota: 2 }]]) {
      const res = await t.request('PUT', `/api/v1/admin/masks/rounds/${roundId}/quotas`, { token: admin.token, body: { items } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.app.database.db.selectFrom('mask_quotas').select('quota').where('pharmacy_id', '=', 'ph-2').executeTakeFirstOrThrow()).quota).toBe(1);
    expect((await auditOf('mask_round', roundId)).map((a) => a.action)).toHaveLength(4);
  });

  it('will not delete a pharmacy that took part in a round', async () => {
    const res = await t.request('DELETE', '/api/v1/admin/pharmacies/ph-2', { token: admin.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });
});

describe('lottery rounds', () => {
  it('registers an application (202), one per person per round, listed with the reservations', async () => {
    const round = await expectOk(
      t.request('POST', '/api/v1/admin/masks/rounds', { token: admin.token, body: { name: '摇号', opensAt: '2020-02-03T09:00:00+08:00', closesAt: '2020-02-03T20:00:00+08:00', mode: 'lottery' } }),
    );
    t.clock.set('2020-02-03T10:00:00+08:00');
    const person = newPerson('孙丽');
    const applicant = await t.citizen('lucky', person);
    const res = await book(t, applicant, { pharmacyId: 'ph-3' });
    expect(res.status).toBe(202);
    expect(res.body.application).toMatchObject({ roundId: round.body.round.id, pharmacyId: 'ph-3', personName: '孙*', status: 'pending' });
    const again = await book(t, applicant, { pharmacyId: 'ph-3' });
    expect(again.status).toBe(202);
    expect(again.body.application.id).toBe(res.body.application.id);
    expect((await book(t, applicant, { pharmacyId: 'ph-1' })).body.error.code).toBe('ALREADY_RESERVED');
    expect(await t.app.database.db.selectFrom('lottery_applications').selectAll().execute()).toHaveLength(1);
    expect(await t.app.database.db.selectFrom('mask_reservations').selectAll().where('round_id', '=', round.body.round.id).execute()).toHaveLength(0);
    const mine = await t.request('GET', '/api/v1/masks/reservations', { token: applicant.token });
    expect(mine.body.applications).toEqual([res.body.application]);
  });
});

describe('rate limits', () => {
  it('limits bookings per account with 429 RATE_LIMITED and Retry-After', async () => {
    const limited = await startMasksTestApp({ start: '2020-02-02T08:00:00+08:00', rateLimits: { maskBookingPerAccountPerMinute: 2, maskBookingPerIpPerMinute: 1000 } });
    try {
      const boss = await limited.operator('boss', 'admin');
      await adminSetup(limited, boss, {
        pharmacies: [PHARMACY('ph-1')],
        round: { name: 'r', opensAt: '2020-02-02T09:00:00+08:00', closesAt: '2020-02-02T20:00:00+08:00' },
        quotas: [{ pharmacyId: 'ph-1', quota: 0 }],
      });
      limited.clock.set('2020-02-02T10:00:00+08:00');
      const eager = await limited.citizen('eager', newPerson());
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        // A fresh clock second each time, so the sold-out cache does not answer first.
        limited.clock.advance(1_001);
        statuses.push((await book(limited, eager, { pharmacyId: 'ph-1' })).status);
      }
      expect(statuses).toEqual([409, 409, 429]);
      const res = await book(limited, eager, { pharmacyId: 'ph-1' });
      expect(res.body.error.code).toBe('RATE_LIMITED');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
