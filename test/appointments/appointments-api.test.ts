import { BIG_SERVICE, HALL, newPerson, OTHER_SERVICE, SERVICE, startAppointmentTestApp, type AppointmentTestApp, type Mode } from './appointment-test-app';

/*
 * Appointments over HTTP on the real MariaDB + Redis (and on SQLite in process): slots, booking with Idempotency-Key, the
 * per-person rules, the waitlist (cancel → first waiting gets the place and is notified; decline →
 * next), the cancel deadline, no-shows and the block, arrival check-in.
 * The clock starts Monday 2026-12-07 09:00 China time; Tuesday 12-08 is the first bookable day.
 */
const TUE = '2026-12-08';
let key = 0;
const idem = () => ({ 'idempotency-key': `test-key-${++key}-${Date.now()}` });

// 'embedded': the same on SQLite with the in-process slot counters (the default without servers).
describe.each<Mode>(['real', 'embedded'])('appointments API (%s)', (mode) => {
  let t: AppointmentTestApp;
  beforeAll(async () => {
    t = await startAppointmentTestApp(mode);
  });
  afterAll(async () => {
    await t.close();
  });

  const book = (token: string, body: Record<string, unknown>, headers = idem()) => t.request('POST', '/api/v1/appointments', { token, body, headers });

  it('lists a day of slots from the opening hours, and refuses closed days and services without appointments', async () => {
    const res = await t.request('GET', `/api/v1/halls/${HALL}/slots?serviceId=${SERVICE}&date=${TUE}`);
    expect(res.status).toBe(200);
    // 09:00–12:00 and 13:30–17:00 in 30 minutes: 6 + 7 slots of 2 places.
    expect(res.body.slots).toHaveLength(13);
    expect(res.body.slots[0]).toEqual({ start: '09:00', end: '09:30', capacity: 2, booked: 0, available: 2, waiting: 0, bookable: true });
    expect(res.body.slots[6].start).toBe('13:30');
    // Five working days from Tuesday: Tue, Wed, Fri (Thu 12-10 is closed), Mon, Tue.
    expect([res.body.bookableFrom, res.body.bookableTo]).toEqual(['2026-12-08', '2026-12-15']);
    const closed = await t.request('GET', `/api/v1/halls/${HALL}/slots?serviceId=${SERVICE}&date=2026-12-13`);
    expect(closed.body).toMatchObject({ open: false, slots: [] });
    expect((await t.request('GET', `/api/v1/halls/${HALL}/slots?serviceId=${OTHER_SERVICE}&date=${TUE}`)).body.error.code).toBe('APPOINTMENTS_OFF');
    expect((await t.request('GET', `/api/v1/halls/nope/slots?serviceId=${SERVICE}&date=${TUE}`)).body.error.code).toBe('HALL_NOT_FOUND');
  });

  it('books once per Idempotency-Key, one per person per hall per day, and refuses days outside the window', async () => {
    const a = await t.citizen('appt-a', '张三');
    const body = { hallId: HALL, serviceId: SERVICE, date: TUE, start: '10:00' };
    const headers = idem();
    const first = await book(a.token, body, headers);
    expect(first.status).toBe(201);
    expect(first.body.appointment).toMatchObject({ status: 'booked', source: 'booking', start: '10:00', end: '10:30', maskedName: '张*' });
    expect(first.body.appointment.cancellableUntil).toBe('2026-12-08T00:00:00.000Z');
    const replay = await book(a.token, body, headers);
    expect([replay.status, replay.body.appointment.id]).toEqual([200, first.body.appointment.id]);
    expect((await book(a.token, { ...body, start: '10:30' }, headers)).body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    // A retry racing its first attempt (the answer was lost): both answer the one booking.
    const racer = await t.citizen('appt-racer');
    const raceHeaders = idem();
    const race = await Promise.all([book(racer.token, body, raceHeaders), book(racer.token, body, raceHeaders), book(racer.token, body, raceHeaders)]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(race.map((r) => r.body.appointment.id)).size).toBe(1);
    // Another slot the same day in the same hall, or the same service: refused.
    expect((await book(a.token, { ...body, start: '14:00' })).body.error.code).toBe('ALREADY_BOOKED');
    expect((await book(a.token, { ...body, serviceId: BIG_SERVICE, start: '14:00' })).body.error.code).toBe('ALREADY_BOOKED');
    // Today, a closed day, beyond five working days, a time that is no slot.
    expect((await book(a.token, { ...body, date: '2026-12-07' })).body.error.code).toBe('SLOT_NOT_BOOKABLE');
    expect((await book(a.token, { ...body, date: '2026-12-10' })).body.error.code).toBe('HALL_CLOSED');
    expect((await book(a.token, { ...body, date: '2026-12-16' })).body.error.code).toBe('SLOT_NOT_BOOKABLE');
    expect((await book(a.token, { ...body, date: '2026-12-09', start: '10:10' })).body.error.code).toBe('SLOT_NOT_BOOKABLE');
    expect((await t.request('POST', '/api/v1/appointments', { token: a.token, body })).status).toBe(400);
    const mine = await t.request('GET', '/api/v1/appointments', { token: a.token });
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([first.body.appointment.id]);
  });

  it('gives a cancelled place to the first on the waitlist at once, notified; a decline passes it to the next', async () => {
    // One after the other: concurrent registry loads deadlock in InnoDB (a test-setup matter).
    const [a, b, c, d, e] = [await t.citizen('wl-a'), await t.citizen('wl-b'), await t.citizen('wl-c'), await t.citizen('wl-d'), await t.citizen('wl-e')];
    const slot = { hallId: HALL, serviceId: SERVICE, date: TUE, start: '11:00' };
    const held = await book(a.token, slot);
    expect((await book(b.token, slot)).status).toBe(201);
    expect((await book(c.token, slot)).body.error.code).toBe('SLOT_FULL');
    const joinC = await t.request('POST', '/api/v1/appointments/waitlist', { token: c.token, body: slot });
    expect(joinC.status).toBe(201);
    expect(joinC.body).toMatchObject({ appointment: null, entry: { status: 'waiting', position: 1 } });
    expect((await t.request('POST', '/api/v1/appointments/waitlist', { token: c.token, body: slot })).body.error.code).toBe('ALREADY_WAITLISTED');
    const joinD = await t.request('POST', '/api/v1/appointments/waitlist', { token: d.token, body: slot });
    expect(joinD.body.entry.position).toBe(2);
    const slots = await t.request('GET', `/api/v1/halls/${HALL}/slots?serviceId=${SERVICE}&date=${TUE}`);
    expect(slots.body.slots.find((s: { start: string }) => s.start === '11:00')).toMatchObject({ booked: 2, available: 0, waiting: 2 });

    const cancelled = await t.request('DELETE', `/api/v1/appointments/${held.body.appointment.id}`, { token: a.token });
    expect(cancelled.body.appointment.status).toBe('cancelled');
    // The place went to C, not back to the pool: a new booker still finds the slot full.
    expect((await book(e.token, slot)).body.error.code).toBe('SLOT_FULL');
    const cMine = await t.request('GET', '/api/v1/appointments', { token: c.token });
    expect(cMine.body.items).toHaveLength(1);
    const offered = cMine.body.items[0];
    expect(offered).toMatchObject({ source: 'waitlist', status: 'booked', start: '11:00' });
    const notices = await t.app.database.db.selectFrom('notification_outbox').selectAll().where('template', '=', 'appointment_offered').where('person_id', '=', c.personId).execute();
    expect(notices).toHaveLength(1);
    expect(JSON.parse(notices[0].data)).toMatchObject({ appointmentId: offered.id, hallName: '市民之家', serviceName: '身份证办理', date: TUE, start: '11:00' });

    // B's place is no waitlist offer; C declines theirs and D gets it.
    expect((await t.request('POST', `/api/v1/appointments/${offered.id}/decline`, { token: b.token })).body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    const declined = await t.request('POST', `/api/v1/appointments/${offered.id}/decline`, { token: c.token });
    expect(declined.body.appointment.status).toBe('declined');
    const dMine = await t.request('GET', '/api/v1/appointments', { token: d.token });
    expect(dMine.body.items).toEqual([expect.objectContaining({ source: 'waitlist', start: '11:00' })]);
    expect(await t.app.database.db.selectFrom('notification_outbox').select('id').where('template', '=', 'appointment_offered').where('person_id', '=', d.personId).execute()).toHaveLength(1);
    const counts = await t.request('GET', `/api/v1/halls/${HALL}/slots?serviceId=${SERVICE}&date=${TUE}`);
    expect(counts.body.slots.find((s: { start: string }) => s.start === '11:00')).toMatchObject({ booked: 2, waiting: 0 });
  });

  it('reschedules (the old place freed at once) and refuses to cancel within 2 hours of the slot', async () => {
    const a = await t.citizen('rs-a');
    const b = await t.citizen('rs-b');
    const booked = await book(a.token, { hallId: HALL, serviceId: SERVICE, date: TUE, start: '09:00' });
    const moved = await t.request('POST', `/api/v1/appointments/${booked.body.appointment.id}/reschedule`, { token: a.token, body: { date: TUE, start: '09:30' } });
    expect(moved.status).toBe(200);
    expect(moved.body.appointment).toMatchObject({ start: '09:30', status: 'booked' });
    expect((await t.request('GET', `/api/v1/appointments/${booked.body.appointment.id}`, { token: a.token })).body.appointment.status).toBe('cancelled');
    expect((await t.request('GET', `/api/v1/appointments/${booked.body.appointment.id}`, { token: b.token })).body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    t.clock.set('2026-12-07T23:45:00Z'); // 07:45 China on Tuesday: 1¾ h before 09:30
    const late = await t.request('DELETE', `/api/v1/appointments/${moved.body.appointment.id}`, { token: a.token });
    expect([late.status, late.body.error.code]).toEqual([422, 'TOO_LATE_TO_CANCEL']);
    t.clock.set('2026-12-07T01:00:00Z');
  });

  it('checks an arriving holder in within the slot ± 15 minutes; marks the absent no-show; 3 no-shows block booking for 30 days', async () => {
    const a = await t.citizen('ns-a');
    const days = ['2026-12-08', '2026-12-09', '2026-12-11'];
    const ids: string[] = [];
    for (const date of days) ids.push((await book(a.token, { hallId: HALL, serviceId: BIG_SERVICE, date, start: '15:00' })).body.appointment.id);
    const arrivals = t.app.services.appointments.arrivals;
    // 14:40 China on the 8th is 20 minutes early: not yet; 14:50 is within the tolerance.
    expect(await arrivals.checkInArrival(a.personId, HALL, BIG_SERVICE, Date.parse('2026-12-08T06:40:00Z'))).toBeNull();
    // Waiting for Tuesday's 11:00 slot (filled in the waitlist test): that waitlist ends when the slot starts.
    const w = await t.citizen('ns-waiter');
    const joined = await t.request('POST', '/api/v1/appointments/waitlist', { token: w.token, body: { hallId: HALL, serviceId: SERVICE, date: TUE, start: '11:00' } });
    expect(joined.body.entry.status).toBe('waiting');
    t.clock.set('2026-12-11T08:00:00Z'); // 16:00 China on the 11th, after every slot + 15 min
    expect(await t.app.services.appointments.noShows.sweep()).toMatchObject({ noShows: expect.any(Number), blocked: 1, expiredWaiters: 1 });
    expect((await t.request('GET', '/api/v1/appointments?scope=all', { token: w.token })).body.waitlist).toEqual([expect.objectContaining({ status: 'expired', position: null })]);
    const statuses = await Promise.all(ids.map(async (id) => (await t.request('GET', `/api/v1/appointments/${id}`, { token: a.token })).body.appointment.status));
    expect(statuses).toEqual(['no_show', 'no_show', 'no_show']);
    const blocked = await book(a.token, { hallId: HALL, serviceId: SERVICE, date: '2026-12-14', start: '09:00' });
    expect([blocked.status, blocked.body.error.code, blocked.body.error.details]).toEqual([403, 'NO_SHOW_BLOCKED', { blockedUntil: '2027-01-10', noShows: 3 }]);
    t.clock.set('2026-12-07T01:00:00Z');

    const b = await t.citizen('ns-b');
    const on = await book(b.token, { hallId: HALL, serviceId: BIG_SERVICE, date: TUE, start: '09:00' });
    expect(await arrivals.checkInArrival(b.personId, HALL, BIG_SERVICE, Date.parse('2026-12-08T00:50:00Z'))).toEqual({ appointmentId: on.body.appointment.id });
    expect(await arrivals.checkInArrival(b.personId, HALL, BIG_SERVICE, Date.parse('2026-12-08T00:55:00Z'))).toEqual({ appointmentId: on.body.appointment.id });
    expect(await arrivals.checkInArrival(b.personId, HALL, SERVICE, Date.parse('2026-12-08T00:55:00Z'))).toBeNull();
    expect((await t.request('GET', `/api/v1/appointments/${on.body.appointment.id}`, { token: b.token })).body.appointment).toMatchObject({ status: 'checked_in', checkedInAt: '2026-12-08T00:50:00.000Z' });
  });

  it('books for a family member (their own per-person rules), never for a stranger', async () => {
    const holder = await t.citizen('fam-holder', '刘芳');
    const stranger = await t.citizen('fam-stranger');
    const grandma = newPerson('刘奶奶');
    await t.app.services.registry.loadCsv(`${grandma.name},${grandma.idNumber}\n`);
    const added = await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...grandma, relation: 'parent' } });
    expect(added.status).toBe(201);
    const personId = added.body.member.personId as string;
    const slot = { hallId: HALL, serviceId: BIG_SERVICE, date: '2026-12-09', start: '09:30' };
    const own = await book(holder.token, slot);
    const forGrandma = await book(holder.token, { ...slot, personId });
    expect(forGrandma.status).toBe(201);
    expect(forGrandma.body.appointment).toMatchObject({ personId, maskedName: '刘**' });
    expect(own.body.appointment.personId).toBe(holder.personId);
    expect((await book(stranger.token, { ...slot, start: '10:00', personId })).body.error.code).toBe('NOT_FOUND');
    expect((await t.request('DELETE', `/api/v1/appointments/${forGrandma.body.appointment.id}`, { token: stranger.token })).body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    const mine = await t.request('GET', '/api/v1/appointments', { token: holder.token });
    expect(mine.body.items.map((a: { personId: string }) => a.personId).sort()).toEqual([holder.personId, personId].sort());
    const hers = await t.request('GET', `/api/v1/appointments?personId=${personId}`, { token: holder.token });
    expect(hers.body.items).toHaveLength(1);
  });

  it("lets a hall's staff list its day, nobody else", async () => {
    const staff = await t.staff('appt-window', 'window_staff');
    const other = await t.staff('appt-other-hall', 'hall_manager', 'hall-2');
    const citizen = await t.citizen('appt-nosy');
    const path = `/api/v1/halls/${HALL}/appointments?date=${TUE}`;
    const list = await t.request('GET', path, { token: staff.token });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(3);
    expect(JSON.stringify(list.body)).not.toMatch(/\d{17}[\dX]/);
    expect(await t.app.services.audit.forTarget('hall', HALL)).toEqual([expect.objectContaining({ actor: staff.userId, action: 'hall.appointments.list', details: expect.objectContaining({ date: TUE }) })]);
    expect((await t.request('GET', path, { token: other.token })).status).toBe(403);
    expect((await t.request('GET', path, { token: citizen.token })).status).toBe(403);
  });
});
