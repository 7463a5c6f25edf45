import { DAY, HALL, SERVICE, startAppointmentTestApp, type AppointmentTestApp } from './appointment-test-app';

/*
 * 好差评 over HTTP on the real MariaDB + Redis: once per completed visit, only by the visitor (or
 * their family holder); the bottom two grades open a follow-up due in 5 working days, flagged when
 * missed; closing it is audited; managers' statistics per service and window.
 */
describe('visit ratings (real MariaDB + Redis)', () => {
  let t: AppointmentTestApp;
  beforeAll(async () => {
    // Friday 2026-12-11 10:00 China time: five working days later is Friday 12-18.
    t = await startAppointmentTestApp('real', '2026-12-11T02:00:00Z');
  });
  afterAll(async () => {
    await t.close();
  });

  const visit = (ticketId: string, personId: string, completed: boolean, windowId = 'win-1') =>
    t.visits.record({ ticketId, personId, hallId: HALL, serviceId: SERVICE, windowId, completedAt: completed ? t.clock.now() - 60_000 : null });

  it('takes one rating per completed visit, from the visitor only', async () => {
    const a = await t.citizen('rate-a');
    const b = await t.citizen('rate-b');
    visit('t-1', a.personId, true);
    visit('t-2', a.personId, false);
    const rate = (token: string, ticket: string, body: Record<string, unknown>) => t.request('POST', `/api/v1/tickets/${ticket}/rating`, { token, body });
    const first = await rate(a.token, 't-1', { grade: 'very_satisfied', tags: ['办事快', '态度好', '办事快'], comment: '窗口很耐心' });
    expect(first.status).toBe(201);
    expect(first.body.rating).toMatchObject({ ticketId: 't-1', windowId: 'win-1', grade: 'very_satisfied', tags: ['办事快', '态度好'], followUp: null });
    expect((await rate(a.token, 't-1', { grade: 'dissatisfied' })).body.error.code).toBe('ALREADY_RATED');
    expect((await rate(a.token, 't-2', { grade: 'satisfied' })).body.error.code).toBe('VISIT_NOT_COMPLETED');
    expect((await rate(b.token, 't-1', { grade: 'satisfied' })).body.error.code).toBe('TICKET_NOT_FOUND');
    expect((await rate(a.token, 't-404', { grade: 'satisfied' })).body.error.code).toBe('TICKET_NOT_FOUND');
    expect((await rate(a.token, 't-2', { grade: 'great' })).status).toBe(400);
    expect((await rate(a.token, 't-2', { grade: 'satisfied', comment: 'a\u0000b' })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/tickets/t-1/rating', { token: a.token })).body.rating.id).toBe(first.body.rating.id);
    // Many at once for one visit: exactly one is kept.
    visit('t-3', a.personId, true);
    const burst = await Promise.all(Array.from({ length: 20 }, () => rate(a.token, 't-3', { grade: 'neutral' })));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 409)).toHaveLength(19);
  });

  it('opens a follow-up for 差评 due in 5 working days, flags it when missed, and audits its closing', async () => {
    const c = await t.citizen('rate-c');
    const manager = await t.staff('rate-manager', 'hall_manager');
    const windowStaff = await t.staff('rate-window', 'window_staff');
    visit('t-10', c.personId, true, 'win-2');
    const poor = await t.request('POST', '/api/v1/tickets/t-10/rating', { token: c.token, body: { grade: 'very_dissatisfied', tags: ['等候太久'] } });
    expect(poor.body.rating.followUp).toMatchObject({ status: 'open', overdue: false, dueAt: '2026-12-18T02:00:00.000Z' });
    const list = (q = '') => t.request('GET', `/api/v1/halls/${HALL}/rating-follow-ups${q}`, { token: manager.token });
    expect((await list()).body.items).toEqual([expect.objectContaining({ id: poor.body.rating.followUp.id, overdue: false, rating: expect.objectContaining({ grade: 'very_dissatisfied' }) })]);
    expect((await list('?overdue=true')).body.items).toEqual([]);
    expect((await t.request('GET', `/api/v1/halls/${HALL}/rating-follow-ups`, { token: windowStaff.token })).status).toBe(403);
    expect((await t.request('GET', `/api/v1/halls/${HALL}/rating-follow-ups`, { token: c.token })).status).toBe(403);

    t.clock.advance(8 * DAY);
    expect((await list('?overdue=true')).body.items).toEqual([expect.objectContaining({ overdue: true })]);
    const stats = await t.request('GET', `/api/v1/halls/${HALL}/stats?from=2026-12-01&to=2026-12-31`, { token: manager.token });
    expect(stats.body.followUps).toEqual({ open: 1, overdue: 1 });
    const svc = stats.body.services.find((s: { id: string }) => s.id === SERVICE);
    // Ratings of this hall's visits so far: 非常满意, 基本满意 (the burst), 非常不满意.
    expect(svc).toMatchObject({ ratings: 3, poorRatings: 1, satisfaction: 0.33, averageScore: 3, served: 3 });
    expect(stats.body.windows.map((w: { id: string }) => w.id)).toEqual(['win-1', 'win-2']);

    const path = `/api/v1/halls/${HALL}/rating-follow-ups/${poor.body.rating.followUp.id}/close`;
    expect((await t.request('POST', path, { token: manager.token, body: { note: '' } })).status).toBe(400);
    const closed = await t.request('POST', path, { token: manager.token, body: { note: '已电话回访，致歉并说明高峰期增开窗口' } });
    expect(closed.body.followUp).toMatchObject({ status: 'closed', overdue: true });
    expect((await t.request('POST', path, { token: manager.token, body: { note: '再次' } })).body.error.code).toBe('FOLLOW_UP_CLOSED');
    const audit = await t.app.services.audit.forTarget('rating_follow_up', poor.body.rating.followUp.id);
    expect(audit).toEqual([expect.objectContaining({ actor: manager.userId, action: 'hall.rating_follow_up.close' })]);
    expect((await t.request('GET', `/api/v1/halls/${HALL}/stats?from=2026-12-31&to=2026-12-01`, { token: manager.token })).status).toBe(400);
  });
});
