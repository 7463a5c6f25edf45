import { randomUUID } from 'node:crypto';
import { adminSetup, book, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

/*
 * Edit before opening, close early, cancel — over HTTP, on MariaDB and the Lua hot path on the
 * real Redis (bookings reach MySQL when the outbox is drained, as the consumer would).
 */
let t: MasksTestApp;
let admin: Caller;

const api = (method: string, path: string, body?: unknown, token = admin.token) => t.request(method, `/api/v1/admin/masks${path}`, { token, body });
const roundRow = (id: string) => t.app.database.db.selectFrom('mask_rounds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const noticesFor = (template: string) => t.app.database.db.selectFrom('notification_outbox').select(['person_id', 'data', 'dedupe_key']).where('template', '=', template).execute();

beforeAll(async () => {
  t = await startMasksTestApp({ start: '2020-03-02T08:00:00+08:00', hotPath: 'redis' });
  admin = await t.operator('round-boss', 'admin');
  await adminSetup(t, admin, { pharmacies: [PHARMACY('ph-l1'), PHARMACY('ph-l2')] });
});
afterAll(() => t?.close());

describe('edit a round before it opens', () => {
  let id: string;
  it('changes the window and quantity, audited with before/after; refuses overlaps, non-admins and rounds that opened', async () => {
    id = (await adminSetup(t, admin, { round: { name: '周一上午', opensAt: '2020-03-02T09:00:00+08:00', closesAt: '2020-03-02T11:00:00+08:00', pickupDate: '2020-03-03' } })).roundId as string;
    const edited = await api('PATCH', `/rounds/${id}`, { name: '周一上午（改）', opensAt: '2020-03-02T09:30:00+08:00', quantityPerPerson: 3 });
    expect(edited.status).toBe(200);
    expect(edited.body.round).toMatchObject({ id, name: '周一上午（改）', opensAt: '2020-03-02T01:30:00.000Z', closesAt: '2020-03-02T03:00:00.000Z', quantityPerPerson: 3, status: 'upcoming' });
    expect(await roundRow(id)).toMatchObject({ name: '周一上午（改）', quantity_per_person: 3 });
    const [audit] = (await t.app.services.audit.forTarget('mask_round', id)).filter((a) => a.action === 'mask.round.update');
    expect(audit).toMatchObject({ actor: admin.userId, details: { before: { name: '周一上午', quantityPerPerson: 5 }, after: { name: '周一上午（改）', quantityPerPerson: 3 } } });

    const other = (await adminSetup(t, admin, { round: { name: '周一下午', opensAt: '2020-03-02T14:00:00+08:00', closesAt: '2020-03-02T16:00:00+08:00', pickupDate: '2020-03-03' } })).roundId as string;
    const overlap = await api('PATCH', `/rounds/${other}`, { opensAt: '2020-03-02T10:00:00+08:00' });
    expect([overlap.status, overlap.body.error.code]).toEqual([409, 'CONFLICT']);
    const backwards = await api('PATCH', `/rounds/${other}`, { closesAt: '2020-03-02T13:00:00+08:00' });
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const citizen = await t.citizen('edit-citizen', newPerson());
    expect((await api('PATCH', `/rounds/${other}`, { name: 'x' }, citizen.token)).status).toBe(403);
    expect((await api('PATCH', `/rounds/${randomUUID()}`, { name: 'x' })).status).toBe(404);
    expect((await api('PATCH', `/rounds/${other}`, {})).status).toBe(400);
    // Cancelled before it opens: it no longer blocks the window, and cannot be edited.
    const cancelled = await api('POST', `/rounds/${other}/cancel`, { reason: '计划调整' });
    expect(cancelled.body).toMatchObject({ round: { cancelledAt: '2020-03-02T00:00:00.000Z', reason: '计划调整', status: 'closed' }, reservationsCancelled: 0, alreadyDone: false });
    const locked = await api('PATCH', `/rounds/${other}`, { name: 'x' });
    expect([locked.status, locked.body.error.code, locked.body.error.details]).toEqual([409, 'ROUND_NOT_EDITABLE', { status: 'cancelled' }]);

    t.clock.set('2020-03-02T09:30:00+08:00');
    const opened = await api('PATCH', `/rounds/${id}`, { name: 'too late' });
    expect([opened.status, opened.body.error.code, opened.body.error.details]).toEqual([409, 'ROUND_NOT_EDITABLE', { status: 'open' }]);
  });

  it('closes early: no booking after the close is acknowledged, reservations stay, holders are told, the same day can get a new round', async () => {
    await api('PUT', `/rounds/${id}/quotas`, { items: [{ pharmacyId: 'ph-l1', quota: 100 }] });
    const early = await t.citizen('close-early', newPerson('王五'));
    expect((await book(t, early, { pharmacyId: 'ph-l1' })).status).toBe(201);
    await t.drainOutbox();

    // Bookings keep arriving while the administrator closes the round.
    const bookers: Caller[] = [];
    for (let i = 0; i < 12; i += 1) bookers.push(await t.citizen(`racer-${i}`, newPerson()));
    let acknowledged = false;
    const after: number[] = [];
    const racing = Promise.all(
      bookers.map(async (b) => {
        for (let k = 0; k < 4; k += 1) {
          const startedAfterAck = acknowledged;
          const res = await book(t, b, { pharmacyId: 'ph-l1' });
          if (startedAfterAck) after.push(res.status);
          if (res.status === 201) return;
        }
      }),
    );
    const closed = await api('POST', `/rounds/${id}/close`, { reason: '货源调整，提前结束' });
    acknowledged = true;
    await racing;
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ round: { closedEarlyAt: '2020-03-02T01:30:00.000Z', closesAt: '2020-03-02T01:30:00.000Z', status: 'closed', reason: '货源调整，提前结束' }, reservationsCancelled: 0, alreadyDone: false });
    expect(after.every((s) => s === 409)).toBe(true);

    const late = await t.citizen('close-late', newPerson());
    const refused = await book(t, late, { pharmacyId: 'ph-l1' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'ROUND_NOT_OPEN']);
    expect(refused.body.error.details).toEqual({ closedAt: '2020-03-02T01:30:00.000Z', nextOpensAt: null });

    await t.drainOutbox();
    const rows = await t.app.database.db.selectFrom('mask_reservations').select(['status', 'created_at']).where('round_id', '=', id).execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.status === 'reserved' && Number(r.created_at) <= Date.parse('2020-03-02T09:30:00+08:00'))).toBe(true);
    const notices = await noticesFor('mask_round_changed');
    expect(notices).toHaveLength(closed.body.notified);
    expect(notices.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(notices[0].data)).toMatchObject({ change: 'closed', holds: 'reservation', reason: '货源调整，提前结束', pickupDate: '2020-03-03' });
    expect((await api('POST', `/rounds/${id}/close`, { reason: '再次' })).body.alreadyDone).toBe(true);
    expect((await t.app.services.audit.forTarget('mask_round', id)).filter((a) => a.action === 'mask.round.close')).toHaveLength(1);

    // The window is free again: a second round the same day, and the refusal names it.
    const again = await api('POST', '/rounds', { name: '周一补充轮', opensAt: '2020-03-02T13:00:00+08:00', closesAt: '2020-03-02T15:00:00+08:00', pickupDate: '2020-03-03' });
    expect(again.status).toBe(201);
    const named = await book(t, late, { pharmacyId: 'ph-l1' });
    expect(named.body.error.details).toEqual({ opensAt: '2020-03-02T05:00:00.000Z' });
  });

  it('refuses close unless open, and cancel once expired; admin only', async () => {
    const citizen = await t.citizen('close-citizen', newPerson());
    expect((await api('POST', `/rounds/${id}/cancel`, { reason: '测试' }, citizen.token)).status).toBe(403);
    expect((await api('POST', `/rounds/${id}/close`, { reason: '' })).status).toBe(400);
    const upcoming = (await t.request('GET', '/api/v1/admin/masks/rounds', { token: admin.token })).body.items.find((r: { name: string }) => r.name === '周一补充轮');
    const notOpen = await api('POST', `/rounds/${upcoming.id}/close`, { reason: '还没开始' });
    expect([notOpen.status, notOpen.body.error.code]).toEqual([409, 'ROUND_NOT_EDITABLE']);
  });
});

describe('cancel a round', () => {
  it('cancels unredeemed reservations (units back to the pool), frees the holders, tells them, and the round stops being current', async () => {
    t.clock.set('2020-03-02T13:10:00+08:00');
    const round = (await t.request('GET', '/api/v1/masks/rounds/current')).body.round;
    expect(round.name).toBe('周一补充轮');
    await api('PUT', `/rounds/${round.id}/quotas`, { items: [{ pharmacyId: 'ph-l2', quota: 5 }] });
    const holders: Caller[] = [];
    for (const i of [0, 1, 2]) holders.push(await t.citizen(`cancel-${i}`, newPerson('李四')));
    for (const h of holders) expect((await book(t, h, { pharmacyId: 'ph-l2' })).status).toBe(201);
    await t.drainOutbox();
    expect(await t.hotPath.remaining(round.id, ['ph-l2'])).toEqual({ 'ph-l2': 2 });

    const cancelled = await api('POST', `/rounds/${round.id}/cancel`, { reason: '疫情防控需要，本轮取消' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ reservationsCancelled: 3, notified: 3, alreadyDone: false, round: { status: 'closed', cancelledAt: '2020-03-02T05:10:00.000Z' } });
    const rows = await t.app.database.db.selectFrom('mask_reservations').select(['status', 'unit_returned', 'active_person_id']).where('round_id', '=', round.id).execute();
    expect(rows).toEqual(Array(3).fill({ status: 'cancelled', unit_returned: 1, active_person_id: null }));
    // Counters keep matching MySQL (quota − held), and the holds are gone.
    expect(await t.hotPath.remaining(round.id, ['ph-l2'])).toEqual({ 'ph-l2': 5 });
    const mine = await t.request('GET', '/api/v1/masks/reservations', { token: holders[0].token });
    expect(mine.body.items[0]).toMatchObject({ status: 'cancelled' });

    const refused = await book(t, holders[0], { pharmacyId: 'ph-l2' });
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([409, 'ROUND_NOT_OPEN', { closedAt: '2020-03-02T05:10:00.000Z', nextOpensAt: null }]);
    expect((await t.request('GET', '/api/v1/masks/rounds/current')).body.round?.id).not.toBe(round.id);
    const notices = (await noticesFor('mask_round_changed')).filter((n) => n.dedupe_key.includes('cancelled:'));
    expect(notices).toHaveLength(3);
    expect((await api('POST', `/rounds/${round.id}/cancel`, { reason: '重复' })).body).toMatchObject({ alreadyDone: true, reservationsCancelled: 0 });
    expect((await t.app.services.audit.forTarget('mask_round', round.id)).filter((a) => a.action === 'mask.round.cancel')).toEqual([
      expect.objectContaining({ actor: admin.userId, details: { reason: '疫情防控需要，本轮取消', reservationsCancelled: 3, applicationsCancelled: 0 } }),
    ]);

    // The returned units go to the pharmacy's pool in the next round, once late bookings are written.
    const next = (await adminSetup(t, admin, { round: { name: '周二轮', opensAt: '2020-03-03T09:00:00+08:00', closesAt: '2020-03-03T11:00:00+08:00', pickupDate: '2020-03-04' }, quotas: [{ pharmacyId: 'ph-l2', quota: 1 }] })).roundId;
    expect((await api('POST', `/rounds/${round.id}/expire`)).status).toBe(409);
    t.clock.advance(61_000);
    const rolled = await api('POST', `/rounds/${round.id}/expire`);
    expect(rolled.body).toMatchObject({ alreadyExpired: false, expired: 0, rolledInto: next, rolled: [{ pharmacyId: 'ph-l2', units: 5, uncollected: 0, unbooked: 5 }] });
    const ledger = await api('GET', '/ledger');
    expect(ledger.body.violations).toEqual([]);
    expect(ledger.body.rows).toContainEqual(expect.objectContaining({ roundId: next, pharmacyId: 'ph-l2', quota: 1, rolledIn: 5, remaining: 6 }));
  });
});

describe('the hot store stops selling at the close marker', () => {
  it('refuses every booking decided after closeRound resolved, whatever the round cache says', async () => {
    const roundId = `race-${randomUUID()}`;
    await t.hotPath.setRemaining(roundId, 'ph-l1', 10_000);
    let closed = false;
    const decidedAfter: string[] = [];
    const attempt = async (i: number) => {
      const startedAfter = closed;
      const res = { reservationId: randomUUID(), roundId, pharmacyId: 'ph-l1', personId: `race-p-${i}`, holderPersonId: `race-p-${i}`, accountId: `race-a-${i}`, pickupDate: '2020-03-03', quantity: 5, idempotencyKey: null, createdAt: 0 };
      const outcome = await t.hotPath.book(res, Date.parse('2020-03-02T13:00:00+08:00')).then(
        () => 'booked',
        (e: { code?: string }) => e.code ?? 'error',
      );
      if (startedAfter) decidedAfter.push(outcome);
      return outcome;
    };
    const burst = Promise.all(Array.from({ length: 400 }, (_, i) => attempt(i)));
    await new Promise((r) => setTimeout(r, 2));
    await t.hotPath.closeRound(roundId, 1234);
    closed = true;
    const more = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(1000 + i)));
    const all = [...(await burst), ...more];
    expect(decidedAfter.length).toBeGreaterThanOrEqual(50);
    expect(decidedAfter.every((o) => o === 'ROUND_NOT_OPEN')).toBe(true);
    const booked = all.filter((o) => o === 'booked').length;
    // Units taken = bookings answered: the counter moved only for them.
    expect(await t.hotPath.remaining(roundId, ['ph-l1'])).toEqual({ 'ph-l1': 10_000 - booked });
  });
});
