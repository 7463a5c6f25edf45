import { DEMO_HALL_ID, seedDemoHall } from '../../bff/src/demo/demo-hall';
import { startAppointmentTestApp, type AppointmentTestApp } from './appointment-test-app';

/*
 * Appointments wired to the real hall domain (registry, queue) as app.ts does it, on MariaDB +
 * Redis: book a slot of the demo hall → arrive, personal code scanned by the window staff → a
 * ticket ranked as an appointment, before a walk-in who came earlier → called, served, completed
 * → rated once; the manager's statistics show the visit, its wait and the rating.
 */
describe('appointments wired to the hall registry and queue', () => {
  let t: AppointmentTestApp;
  beforeAll(async () => {
    // Monday 2026-12-07 09:00 China time.
    t = await startAppointmentTestApp('real', '2026-12-07T01:00:00Z', 'hall');
    await seedDemoHall(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('book → arrive and scan → ranked before walk-ins → called, completed → rated; stats', async () => {
    const holder = await t.citizen('wire-holder', '陈小明');
    const walkIn = await t.citizen('wire-walkin', '周大为');
    const staff = await t.loginDevAs('window-1');
    const manager = await t.loginDevAs('hall-manager-1');
    const slots = await t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}/slots?serviceId=svc-id-card&date=2026-12-08`);
    expect(slots.body.slots).toHaveLength(47); // the demo hall is open 00:00–23:59: 23:30–23:59 is no whole slot
    const booked = await t.request('POST', '/api/v1/appointments', { token: holder.token, headers: { 'idempotency-key': 'wire-booking-1' }, body: { hallId: DEMO_HALL_ID, serviceId: 'svc-id-card', date: '2026-12-08', start: '10:00' } });
    expect(booked.status).toBe(201);

    t.clock.set('2026-12-08T01:40:00Z'); // Tuesday 09:40: the walk-in first, then the holder (20 min early: not yet)
    const scan = async (personId: string, key: string) => {
      const { code } = await t.app.services.personalCode.issueLive(personId, 'green');
      return t.request('POST', `/api/v1/halls/${DEMO_HALL_ID}/tickets`, { token: staff.token, headers: { 'idempotency-key': key }, body: { mode: 'code', serviceId: 'svc-id-card', code } });
    };
    const walkInTicket = await scan(walkIn.personId, 'wire-walkin-1');
    expect(walkInTicket.body.ticket.ticketClass).toBe('normal');
    t.clock.set('2026-12-08T01:50:00Z'); // 09:50, within 10:00 − 15 min
    const holderTicket = await scan(holder.personId, 'wire-holder-1');
    expect(holderTicket.body.ticket).toMatchObject({ ticketClass: 'appointment', position: 1 });
    expect((await t.request('GET', `/api/v1/appointments/${booked.body.appointment.id}`, { token: holder.token })).body.appointment.status).toBe('checked_in');

    const called = await t.request('POST', '/api/v1/windows/win-1/call-next', { token: staff.token });
    expect(called.body.ticket.id).toBe(holderTicket.body.ticket.id);
    const early = await t.request('POST', `/api/v1/tickets/${holderTicket.body.ticket.id}/rating`, { token: holder.token, body: { grade: 'satisfied' } });
    expect(early.body.error.code).toBe('VISIT_NOT_COMPLETED');
    t.clock.advance(60_000);
    await t.request('POST', `/api/v1/tickets/${holderTicket.body.ticket.id}/start`, { token: staff.token, body: { windowId: 'win-1' } });
    t.clock.advance(6 * 60_000);
    expect((await t.request('POST', `/api/v1/tickets/${holderTicket.body.ticket.id}/complete`, { token: staff.token, body: { windowId: 'win-1' } })).status).toBe(200);

    const rated = await t.request('POST', `/api/v1/tickets/${holderTicket.body.ticket.id}/rating`, { token: holder.token, body: { grade: 'dissatisfied', tags: ['等候太久'] } });
    expect(rated.status).toBe(201);
    expect(rated.body.rating).toMatchObject({ windowId: 'win-1', serviceId: 'svc-id-card', followUp: { status: 'open' } });
    expect((await t.request('POST', `/api/v1/tickets/${holderTicket.body.ticket.id}/rating`, { token: holder.token, body: { grade: 'satisfied' } })).body.error.code).toBe('ALREADY_RATED');
    expect((await t.request('POST', `/api/v1/tickets/${holderTicket.body.ticket.id}/rating`, { token: walkIn.token, body: { grade: 'satisfied' } })).body.error.code).toBe('TICKET_NOT_FOUND');

    const stats = await t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}/stats?from=2026-12-08&to=2026-12-08`, { token: manager.token });
    expect(stats.status).toBe(200);
    expect(stats.body.services.find((s: { id: string }) => s.id === 'svc-id-card')).toMatchObject({ served: 1, avgWaitMinutes: 0, avgServiceMinutes: 6, ratings: 1, poorRatings: 1, satisfaction: 0 });
    expect(stats.body.windows).toEqual([expect.objectContaining({ id: 'win-1', served: 1, avgServiceMinutes: 6, ratings: 1 })]);
    expect((await t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}/stats?from=2026-12-08&to=2026-12-08`, { token: staff.token })).status).toBe(403);
  });
});
