import { addDays, chinaDateOf } from '../../bff/src/core/china-date';
import { adminSetup, book, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from '../masks/api/support';

/**
 * Deletion while the same account books from its other devices (standalone Redis, Lua hot path,
 * the outbox consumer's work done by a loop as in production): whatever each booking answered,
 * afterwards the person holds no reservation and every unit is back in the pool.
 */
const day = (n: number) => addDays(chinaDateOf(Date.now()), n);
const at = (n: number, hhmm: string) => `${day(n)}T${hhmm}:00+08:00`;
const QUOTA = 30;
const seen: string[] = [];

let t: MasksTestApp;
let roundId: string;
beforeAll(async () => {
  t = await startMasksTestApp({ start: at(1, '08:00'), hotPath: 'redis' });
  const admin = await t.operator('race-boss', 'admin');
  roundId = (
    await adminSetup(t, admin, {
      pharmacies: [PHARMACY('ph-x1'), PHARMACY('ph-x2')],
      round: { name: '并发轮', opensAt: at(1, '09:00'), closesAt: at(1, '20:00') },
      quotas: [
        { pharmacyId: 'ph-x1', quota: QUOTA },
        { pharmacyId: 'ph-x2', quota: QUOTA },
      ],
    })
  ).roundId as string;
  t.clock.set(at(1, '09:00'));
});
afterAll(() => t.close());

it.each([0, 1, 2, 3, 4])('leaves no reservation and every unit back, whichever wins (run %i)', async (run) => {
  const login = `race-${run}`;
  await t.citizen(login, newPerson('冯七'));
  const devices: Caller[] = [];
  for (let i = 0; i < 4; i += 1) devices.push(await t.loginDev(login));
  const personId = (await t.app.services.accounts.findById(devices[0].userId))?.personId as string;

  let draining = true;
  const consumer = (async () => {
    while (draining) {
      await t.drainOutbox();
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const bookings = devices.slice(1).map((d, i) => book(t, d, { pharmacyId: i % 2 === 0 ? 'ph-x1' : 'ph-x2' }));
  // Staggered by the run: the deletion lands before, among and after the bookings.
  await new Promise((r) => setTimeout(r, run * 3));
  const deletion = t.request('DELETE', `/api/v1/me?confirmation=${encodeURIComponent('确认注销')}`, { token: devices[0].token });
  const answers = await Promise.all(bookings);
  const deleted = await deletion;
  draining = false;
  await consumer;
  await t.drainOutbox();

  seen.push(answers.map((a) => a.status).join(","));
  expect(deleted.status).toBe(200);
  for (const a of answers) expect([201, 401, 409]).toContain(a.status);
  const rows = await t.app.database.db.selectFrom('mask_reservations').select(['status']).where('person_id', '=', personId).execute();
  expect(rows.filter((r) => r.status === 'reserved')).toEqual([]);
  expect((await t.hotPath.personState(personId, t.clock.now())).activeReservationId).toBeNull();
  expect(await t.hotPath.remaining(roundId, ['ph-x1', 'ph-x2'])).toEqual({ 'ph-x1': QUOTA, 'ph-x2': QUOTA });
  for (const d of devices) expect((await book(t, d, { pharmacyId: 'ph-x1' })).status).toBe(401);
});

it('raced for real: some runs booked before the deletion took the sessions', () => {
  expect(seen).toHaveLength(5);
  expect(seen.join(',')).toContain('201');
});
