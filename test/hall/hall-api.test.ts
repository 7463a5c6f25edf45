import { startTestApp, type TestApp } from '../support/test-app';
import type { Caller } from '../support/http-request';
import { AT_HALL, citizen, DEMO_HALL_ID, elderlyPerson, idemKey, newPerson, seedDemoHall, takeRemote, written } from './support';

/*
 * The hall queue through HTTP on the real app (MariaDB + Redis): halls, remote and scanned tickets,
 * the window console, the live view, the board and its event stream, scopes, audit, notifications.
 */
describe('service hall queue API', () => {
  let t: TestApp;
  let staff: Caller;
  let manager: Caller;
  const A = 'svc-id-card';
  const B = 'svc-household';

  beforeAll(async () => {
    t = await startTestApp('real');
    await seedDemoHall(t.app);
    staff = await t.loginDev('window-1');
    manager = await t.loginDev('hall-manager-1');
  });
  afterAll(() => t.close());

  it('lists the demo hall with services, materials, hours and waiting counts', async () => {
    const res = await t.request('GET', `/api/v1/halls?lat=${AT_HALL.lat}&lng=${AT_HALL.lng}`);
    expect(res.status).toBe(200);
    const hall = res.body.items.find((h: { id: string }) => h.id === DEMO_HALL_ID);
    expect(hall).toMatchObject({ name: '合肥市政务服务中心', openNow: true, services: [{ id: A, ticketPrefix: 'A', waiting: 0 }, { id: B, ticketPrefix: 'B' }] });
    expect(hall.services[0].materials[0]).toEqual({ name: '居民户口簿', required: true, note: null });
    expect(hall.distanceMetres).toBeLessThan(200);
    const detail = await t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}`);
    expect(detail.body.windows.map((w: { number: number }) => w.number)).toEqual([1, 2, 3]);
  });

  it('takes a remote ticket near the hall only, replays its Idempotency-Key, refuses a second one', async () => {
    const c = await citizen(t, 'hall-remote-1', newPerson());
    const missing = await t.request('POST', `/api/v1/halls/${DEMO_HALL_ID}/tickets`, { token: c.token, headers: { 'idempotency-key': idemKey() }, body: { mode: 'remote', serviceId: A } });
    expect(missing.body.error.code).toBe('LOCATION_REQUIRED');
    const far = await takeRemote(t, c.token, A, idemKey(), { lat: 31.9, lng: 117.4 });
    expect([far.status, far.body.error.code]).toEqual([409, 'TOO_FAR']);
    const key = idemKey();
    const first = await takeRemote(t, c.token, A, key);
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatchObject({ number: expect.stringMatching(/^A\d{3}$/), state: 'waiting', ticketClass: 'normal', position: expect.any(Number), eta: { basis: 'expected' } });
    const replay = await takeRemote(t, c.token, A, key);
    expect(replay.body.ticket.id).toBe(first.body.ticket.id);
    const again = await takeRemote(t, c.token, A);
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_QUEUED']);
    const view = await t.request('GET', `/api/v1/tickets/${first.body.ticket.id}`, { token: c.token });
    expect(view.body.ticket).toMatchObject({ id: first.body.ticket.id, ahead: view.body.ticket.position - 1 });
    const stranger = await t.loginDev('hall-stranger');
    expect((await t.request('GET', `/api/v1/tickets/${first.body.ticket.id}`, { token: stranger.token })).status).toBe(404);
    await written(t); // the durable stream's consumer writes rows, audit and notifications
    const row = await t.app.database.db.selectFrom('hall_tickets').selectAll().where('id', '=', first.body.ticket.id).executeTakeFirst();
    expect(row).toMatchObject({ number: first.body.ticket.number, state: 'waiting', eta_p50_min: expect.any(Number) });
    const cancelled = await t.request('DELETE', `/api/v1/tickets/${first.body.ticket.id}`, { token: c.token });
    expect(cancelled.body.ticket.state).toBe('cancelled');
  });

  it('staff scan a personal code: an elderly person gets a priority ticket and is called first, then the console steps', async () => {
    const walkIn = await citizen(t, 'hall-walkin', newPerson());
    const normal = await takeRemote(t, walkIn.token, A);
    const elder = await citizen(t, 'hall-elder', elderlyPerson(1));
    const { code } = await t.app.services.personalCode.issueLive(elder.personId, 'green');
    const scanned = await t.request('POST', `/api/v1/halls/${DEMO_HALL_ID}/tickets`, { token: staff.token, headers: { 'idempotency-key': idemKey() }, body: { mode: 'code', serviceId: A, code } });
    expect(scanned.status).toBe(201);
    expect(scanned.body.ticket).toMatchObject({ ticketClass: 'priority', position: 1 });
    const citizenScan = await t.request('POST', `/api/v1/halls/${DEMO_HALL_ID}/tickets`, { token: walkIn.token, headers: { 'idempotency-key': idemKey() }, body: { mode: 'code', serviceId: A, code } });
    expect(citizenScan.body.error.code).toBe('FORBIDDEN');

    const called = await t.request('POST', '/api/v1/windows/win-1/call-next', { token: staff.token });
    expect(called.body.ticket).toMatchObject({ id: scanned.body.ticket.id, state: 'called', priority: ['elderly'], maskedName: '赵**' });
    const elderView = await t.request('GET', `/api/v1/tickets/${scanned.body.ticket.id}`, { token: elder.token });
    expect(elderView.body.ticket).toMatchObject({ state: 'called', window: { number: 1 }, position: null });
    const board = await t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}/board`);
    expect(board.body.nowCalling).toEqual([expect.objectContaining({ number: scanned.body.ticket.number, windowNumber: 1 })]);
    const recall = await t.request('POST', `/api/v1/tickets/${scanned.body.ticket.id}/recall`, { token: staff.token, body: { windowId: 'win-1' } });
    expect(recall.body.ticket.calls).toBe(2);
    // Window staff work at one window (test/hall/hall-window-shifts.test.ts); a manager may act at any.
    const elsewhere = await t.request('POST', `/api/v1/tickets/${scanned.body.ticket.id}/start`, { token: staff.token, body: { windowId: 'win-2' } });
    expect(elsewhere.body.error.code).toBe('SIGNED_IN_ELSEWHERE');
    const wrongWindow = await t.request('POST', `/api/v1/tickets/${scanned.body.ticket.id}/start`, { token: manager.token, body: { windowId: 'win-2' } });
    expect(wrongWindow.body.error.code).toBe('TICKET_STATE');
    expect((await t.request('POST', `/api/v1/tickets/${scanned.body.ticket.id}/complete`, { token: staff.token, body: { windowId: 'win-1' } })).status).toBe(200);
    const early = await t.request('POST', `/api/v1/tickets/${normal.body.ticket.id}/complete`, { token: staff.token, body: { windowId: 'win-1' } });
    expect(early.body.error.code).toBe('TICKET_STATE');

    const next = await t.request('POST', '/api/v1/windows/win-1/call-next', { token: staff.token });
    expect(next.body.ticket.id).toBe(normal.body.ticket.id);
    expect((await t.request('POST', `/api/v1/tickets/${normal.body.ticket.id}/start`, { token: staff.token, body: { windowId: 'win-1' } })).body.ticket.state).toBe('serving');
    expect((await t.request('POST', `/api/v1/tickets/${normal.body.ticket.id}/complete`, { token: staff.token, body: { windowId: 'win-1' } })).body.ticket.state).toBe('done');

    await written(t); // the durable stream's consumer writes rows, audit and notifications
    const audit = await t.app.services.audit.forTarget('hall_ticket', scanned.body.ticket.id);
    expect(audit.map((a) => a.action)).toEqual(['hall.ticket.call', 'hall.ticket.recall', 'hall.ticket.complete']);
    expect(audit[0]).toMatchObject({ actor: staff.userId, details: expect.objectContaining({ windowId: 'win-1', windowNumber: 1 }) });
    const notes = await t.app.database.db.selectFrom('notification_outbox').select(['template', 'person_id']).where('person_id', '=', elder.personId).execute();
    expect(notes).toEqual([{ template: 'hall_called', person_id: elder.personId }, { template: 'hall_called', person_id: elder.personId }]);
  });

  it('a transfer keeps the place by original time; skip marks a no-show', async () => {
    const early = await citizen(t, 'hall-transfer-early', newPerson());
    const first = await takeRemote(t, early.token, A);
    const late = await citizen(t, 'hall-transfer-late', newPerson());
    const laterB = await takeRemote(t, late.token, B);
    await new Promise((r) => setTimeout(r, 5));
    const called = await t.request('POST', '/api/v1/windows/win-1/call-next', { token: staff.token });
    expect(called.body.ticket.id).toBe(first.body.ticket.id);
    const moved = await t.request('POST', `/api/v1/tickets/${first.body.ticket.id}/transfer`, { token: staff.token, body: { windowId: 'win-1', serviceId: B } });
    expect(moved.status).toBe(200);
    expect(moved.body.from.state).toBe('transferred');
    expect(moved.body.to).toMatchObject({ state: 'waiting', number: expect.stringMatching(/^B/) });
    const view = await t.request('GET', `/api/v1/tickets/${moved.body.to.id}`, { token: early.token });
    const laterView = await t.request('GET', `/api/v1/tickets/${laterB.body.ticket.id}`, { token: late.token });
    expect(view.body.ticket.position).toBeLessThan(laterView.body.ticket.position);
    const win3 = await t.request('POST', '/api/v1/windows/win-3/call-next', { token: manager.token });
    expect(win3.body.ticket.id).toBe(moved.body.to.id);
    const skipped = await t.request('POST', `/api/v1/tickets/${moved.body.to.id}/skip`, { token: manager.token, body: { windowId: 'win-3' } });
    expect(skipped.body.ticket.state).toBe('no_show');
  });

  it('calls a chosen ticket out of order (audited with the reason); a paused window calls nobody', async () => {
    const c = await citizen(t, 'hall-chosen', newPerson());
    const ticket = await takeRemote(t, c.token, B);
    const chosen = await t.request('POST', '/api/v1/windows/win-2/call', { token: manager.token, body: { ticketId: ticket.body.ticket.id, reason: '材料已预审' } });
    expect(chosen.body.ticket.state).toBe('called');
    await written(t); // the durable stream's consumer writes rows, audit and notifications
    expect((await t.app.services.audit.forTarget('hall_ticket', ticket.body.ticket.id))[0]).toMatchObject({ action: 'hall.ticket.call_chosen', details: expect.objectContaining({ reason: '材料已预审' }) });
    expect((await t.request('POST', '/api/v1/windows/win-2/status', { token: manager.token, body: { status: 'paused' } })).body.window.status).toBe('paused');
    const refused = await t.request('POST', '/api/v1/windows/win-2/call-next', { token: manager.token });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'WINDOW_CLOSED']);
    await t.request('POST', '/api/v1/windows/win-2/status', { token: manager.token, body: { status: 'open' } });
  });

  it('tells the ticket that reaches position 3 that its turn is near', async () => {
    const people: Awaited<ReturnType<typeof citizen>>[] = [];
    for (let i = 0; i < 4; i++) people.push(await citizen(t, `hall-near-${i}`, newPerson()));
    const tickets: { id: string; number: string }[] = [];
    for (const p of people) tickets.push((await takeRemote(t, p.token, B)).body.ticket);
    expect((await t.request('POST', '/api/v1/windows/win-3/call-next', { token: manager.token })).status).toBe(200);
    const views = await Promise.all(people.map((p, i) => t.request('GET', `/api/v1/tickets/${tickets[i].id}`, { token: p.token })));
    const third = views.findIndex((v) => v.body.ticket.position === 3);
    expect(third).toBeGreaterThanOrEqual(0);
    await written(t); // the durable stream's consumer writes rows, audit and notifications
    const rows = await t.app.database.db.selectFrom('notification_outbox').select(['person_id', 'data']).where('template', '=', 'hall_turn_near').execute();
    const mine = rows.find((r) => r.person_id === people[third].personId);
    expect(JSON.parse(mine?.data ?? '{}')).toMatchObject({ ticketNumber: tickets[third].number, ahead: 2 });
  });

  it('scopes staff and managers to their hall', async () => {
    const imported = await t.app.services.hall.admin.importCsv('test', 'kind,hallId,id,name,a,b,c,d,e\nhall,hall-other,,另一个大厅,某路 1 号,包河区,,1-7 00:00-23:59,\nservice,hall-other,svc-o,社保,社保,S,10,off,\nwindow,hall-other,win-o1,1号窗口,1,svc-o,open,,\n');
    expect(imported).toEqual({ halls: 1, services: 1, windows: 1 });
    const other = await t.request('POST', '/api/v1/windows/win-o1/call-next', { token: staff.token });
    expect([other.status, other.body.error.code]).toEqual([403, 'NOT_YOUR_HALL']);
    const mine = await t.request('GET', '/api/v1/admin/halls', { token: manager.token });
    expect(mine.body.items.map((h: { id: string }) => h.id)).toEqual([DEMO_HALL_ID]);
    const notMine = await t.request('GET', '/api/v1/admin/halls/hall-other', { token: manager.token });
    expect(notMine.body.error.code).toBe('NOT_YOUR_HALL');
    const eta = await t.request('GET', `/api/v1/admin/halls/${DEMO_HALL_ID}/eta-error`, { token: manager.token });
    expect(eta.status).toBe(200);
    expect(eta.body.services[0]).toMatchObject({ serviceId: 'svc-id-card', samples: expect.any(Number) });
  });

  it('imports halls from CSV all rows or none', async () => {
    const admin = await t.loginDev('hall-admin');
    await t.app.services.roles.grant('test', { accountId: admin.userId, role: 'admin', scopeId: null }, null);
    const bad = 'kind,hallId,id,name,a,b,c,d,e\nhall,hall-new,,新大厅,某路,庐阳区,,1-5 09:00-17:00,\nservice,hall-new,svc-n,事项,类,AB,10,allowed,\n';
    const res = await t.request('POST', '/api/v1/admin/halls/import', { token: admin.token, body: { csv: bad } });
    expect([res.status, res.body.error.code, res.body.error.details[0].line]).toEqual([422, 'IMPORT_INVALID', 3]);
    expect(await t.app.services.hall.directory.getHall('hall-new')).toBeNull();
  });

  it('streams the board: a board event at once, a call event when a window calls', async () => {
    const c = await citizen(t, 'hall-sse', newPerson());
    const ticket = await takeRemote(t, c.token, A);
    const controller = new AbortController();
    const res = await fetch(`${t.baseUrl}/api/v1/halls/${DEMO_HALL_ID}/board/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await readUntil('event: board');
    await t.request('POST', '/api/v1/windows/win-1/call-next', { token: staff.token });
    await readUntil('event: call');
    expect(text).toContain(`"number":"${ticket.body.ticket.number}"`);
    controller.abort();
  });
});
