import { startTestApp, type TestApp } from '../support/test-app';
import { citizen, DEMO_HALL_ID, newPerson, seedDemoHall, takeRemote } from './support';

/*
 * The embedded default (SQLite + the in-process queue, what `npm start` runs): the same steps as on
 * Redis — numbers, ordering, the console, transfer keeping the place, the board.
 */
describe('the hall queue on the embedded default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('embedded');
    await seedDemoHall(t.app);
  });
  afterAll(() => t.close());

  it('takes, orders, calls, transfers and shows the board', async () => {
    expect(t.app.hotStore.kind).toBe('memory');
    const staff = await t.loginDev('window-1');
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await citizen(t, `emb-${i}`, newPerson()));
    const tickets = [];
    for (const p of people) tickets.push((await takeRemote(t, p.token, 'svc-id-card')).body.ticket);
    expect(tickets.map((x) => x.number)).toEqual(['A001', 'A002', 'A003']);
    expect((await takeRemote(t, people[0].token, 'svc-id-card')).body.error.code).toBe('ALREADY_QUEUED');
    const prio = await t.request('POST', `/api/v1/tickets/${tickets[2].id}/priority`, { token: staff.token, body: { priority: ['pregnant'] } });
    expect(prio.body.ticket.ticketClass).toBe('priority');
    const first = await t.request('POST', '/api/v1/windows/win-1/call-next', { token: staff.token });
    expect(first.body.ticket.number).toBe('A003');
    const moved = await t.request('POST', `/api/v1/tickets/${tickets[2].id}/transfer`, { token: staff.token, body: { windowId: 'win-1', serviceId: 'svc-household' } });
    expect(moved.body.to.number).toBe('B001');
    const second = await t.request('POST', '/api/v1/windows/win-1/call-next', { token: staff.token });
    expect(second.body.ticket.number).toBe('A001');
    await t.request('POST', `/api/v1/tickets/${tickets[0].id}/start`, { token: staff.token, body: { windowId: 'win-1' } });
    expect((await t.request('POST', `/api/v1/tickets/${tickets[0].id}/complete`, { token: staff.token, body: { windowId: 'win-1' } })).body.ticket.state).toBe('done');
    const view = await t.request('GET', `/api/v1/tickets/${tickets[1].id}`, { token: people[1].token });
    expect(view.body.ticket).toMatchObject({ position: 1, ahead: 0, eta: { basis: 'expected' } });
    const board = await t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}/board`);
    expect(board.body.recentCalls.map((c: { number: string }) => c.number)).toEqual(['A001', 'A003']);
    expect(board.body.waiting).toEqual([
      expect.objectContaining({ ticketPrefix: 'A', waiting: 1 }),
      expect.objectContaining({ ticketPrefix: 'B', waiting: 1 }),
    ]);
  });
});
