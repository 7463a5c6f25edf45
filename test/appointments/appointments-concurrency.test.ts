import { AppError } from '../../bff/src/core/app-error';
import { appointmentSlotKeys } from '../../bff/src/infra/hot-store/keys';
import { BIG_SERVICE, HALL, startAppointmentTestApp, type AppointmentTestApp, type Mode } from './appointment-test-app';

/*
 * 2,000 people booking one slot of 20 places at once (200 of them twice, with different
 * Idempotency-Keys): exactly 20 booked, nobody twice, in MySQL and in the Redis counter; then a
 * cancellation hands the place to the first of the waitlist and a decline to the next. On the
 * real Redis and on the 3-master Cluster (`bash .ci/redis-cluster.sh start`).
 *
 * The people are accounts the directory already knows (as a verified session makes it): the test
 * measures the booking path (Lua step + MySQL row), not 2,000 logins.
 */
const DATE = '2026-12-08';
const SLOT = { hallId: HALL, serviceId: BIG_SERVICE, date: DATE, start: '10:00' };
const PEOPLE = 2000;
const TWICE = 200;

describe.each<Mode>(['real', 'cluster'])('2,000 people, one slot of 20 (%s)', (mode) => {
  let t: AppointmentTestApp;
  beforeAll(async () => {
    t = await startAppointmentTestApp(mode);
    for (let i = 0; i < PEOPLE; i++) t.app.services.directory.remember(`acct-${i}`, `person-${i}`, { name: `张*${i}`, idNumber: '4**************1' });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('books exactly 20, nobody twice; a cancel goes to the first waiting, a decline to the next', async () => {
    const svc = t.app.services.appointments;
    const attempts = [...Array.from({ length: PEOPLE }, (_, i) => i), ...Array.from({ length: TWICE }, (_, i) => i * 7)];
    const started = Date.now();
    const outcomes = await Promise.all(
      attempts.map((i, n) =>
        svc.appointments.book({ accountId: `acct-${i}`, body: SLOT, idempotencyKey: `burst-${n}` }).then(
          (r) => ({ ok: true as const, person: r.appointment.personId }),
          (err: unknown) => ({ ok: false as const, code: err instanceof AppError ? err.code : String(err) }),
        ),
      ),
    );
    const elapsedMs = Date.now() - started;
    const booked = outcomes.filter((o) => o.ok).map((o) => (o.ok ? o.person : ''));
    const refusals = new Set(outcomes.flatMap((o) => (o.ok ? [] : [o.code])));
    expect(booked).toHaveLength(20);
    expect(new Set(booked).size).toBe(20);
    expect([...refusals].sort()).toEqual(expect.arrayContaining(['SLOT_FULL']));
    expect([...refusals].every((c) => c === 'SLOT_FULL' || c === 'ALREADY_BOOKED')).toBe(true);
    const rows = await t.app.database.db.selectFrom('appointments').select('person_id').where('live', '=', 1).where('date', '=', DATE).execute();
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(20);
    const keys = appointmentSlotKeys(HALL, BIG_SERVICE, DATE, 600);
    expect(await t.app.hotStore.get(keys.taken)).toBe('20');
    console.log(JSON.stringify({ mode, attempts: attempts.length, booked: booked.length, elapsedMs }));

    // Three of the refused wait, in this order.
    const waiting = [...Array(PEOPLE).keys()].filter((i) => !booked.includes(`person-${i}`)).slice(0, 3);
    for (const i of waiting) expect((await svc.waitlist.join(`acct-${i}`, SLOT)).entry?.status).toBe('waiting');
    const holder = Number(booked[0].slice('person-'.length));
    const mine = await svc.appointments.mine(`acct-${holder}`, {});
    await svc.appointments.cancel(`acct-${holder}`, mine.items[0].id);
    const first = await svc.appointments.mine(`acct-${waiting[0]}`, {});
    expect(first.items).toEqual([expect.objectContaining({ source: 'waitlist', status: 'booked' })]);
    expect(await t.app.hotStore.get(keys.taken)).toBe('20');
    await svc.appointments.decline(`acct-${waiting[0]}`, first.items[0].id);
    expect((await svc.appointments.mine(`acct-${waiting[1]}`, {})).items).toEqual([expect.objectContaining({ source: 'waitlist' })]);
    expect((await svc.appointments.mine(`acct-${waiting[2]}`, {})).waitlist).toEqual([expect.objectContaining({ status: 'waiting', position: 1 })]);
    const live = await t.app.database.db.selectFrom('appointments').select('person_id').where('live', '=', 1).where('date', '=', DATE).execute();
    expect(live).toHaveLength(20);
    const offers = await t.app.database.db.selectFrom('notification_outbox').select('person_id').where('template', '=', 'appointment_offered').execute();
    expect(offers.map((o) => o.person_id).sort()).toEqual([`person-${waiting[0]}`, `person-${waiting[1]}`].sort());

    // Redis lost the slot (flush, failover): the next booking reloads it from MySQL, still full.
    await t.app.hotStore.del(keys.taken);
    await expect(svc.appointments.book({ accountId: `acct-${waiting[2]}`, body: SLOT, idempotencyKey: 'after-flush' })).rejects.toMatchObject({ code: 'SLOT_FULL' });
    expect(await t.app.hotStore.get(keys.taken)).toBe('20');

    // A process killed between a cancel and its hand-over leaves a phantom place (in Redis, not in
    // MySQL): the sweep finds it (the slot has someone waiting) and gives it to the first waiting.
    expect((await svc.noShows.sweep()).phantomsFreed).toBe(0);
    const victim = live.map((r) => r.person_id).find((p) => p !== `person-${waiting[1]}`) as string;
    await t.app.database.db.updateTable('appointments').set({ status: 'cancelled', live: null }).where('person_id', '=', victim).where('date', '=', DATE).execute();
    expect((await svc.noShows.sweep()).phantomsFreed).toBe(1);
    expect((await svc.appointments.mine(`acct-${waiting[2]}`, {})).items).toEqual([expect.objectContaining({ source: 'waitlist', status: 'booked' })]);
    expect(await t.app.hotStore.get(keys.taken)).toBe('20');
    expect(await t.app.database.db.selectFrom('appointments').select('id').where('live', '=', 1).where('date', '=', DATE).execute()).toHaveLength(20);
    expect((await svc.noShows.sweep()).phantomsFreed).toBe(0);
  }, 120_000);

  it('one live appointment per person per day even when each fires at two slots at once; both slots fill', async () => {
    const svc = t.app.services.appointments;
    const day = '2026-12-09';
    const people = Array.from({ length: 150 }, (_, i) => i);
    const outcomes = await Promise.all(
      people.flatMap((i) =>
        ['09:00', '09:30'].map((start) =>
          svc.appointments.book({ accountId: `acct-${i}`, body: { ...SLOT, date: day, start }, idempotencyKey: `two-${i}-${start}` }).then(
            () => 'ok',
            (err: unknown) => (err instanceof AppError ? err.code : String(err)),
          ),
        ),
      ),
    );
    const rows = await t.app.database.db.selectFrom('appointments').select(['person_id', 'start_min']).where('live', '=', 1).where('date', '=', day).execute();
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(rows.length);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(rows.length);
    expect(outcomes.every((o) => ['ok', 'SLOT_FULL', 'ALREADY_BOOKED'].includes(o))).toBe(true);
    // Both slots are full: a person's second request waited for the first and, when that one found
    // its slot full, took the other; none held a place MySQL then refused.
    expect(rows).toHaveLength(40);
    for (const start of [540, 570]) {
      const keys = appointmentSlotKeys(HALL, BIG_SERVICE, day, start);
      expect(await t.app.hotStore.get(keys.taken)).toBe(String(rows.filter((r) => Number(r.start_min) === start).length));
    }
  }, 60_000);
});
