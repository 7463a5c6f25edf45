import { startTestApp, type TestApp } from '../support/test-app';
import type { Caller } from '../support/http-request';
import { citizen, DEMO_HALL_ID, newPerson, seedDemoHall, takeRemote } from './support';

/*
 * 上岗: a window staff account works at one window at a time (MariaDB + Redis, the real app).
 * A second window is refused until signed out, a colleague's window is refused, a take-over
 * releases both (audited); console steps sign a member in at their first window; managers are
 * not held; concurrent sign-ins never both hold.
 */
describe('window shifts: one window per window staff member', () => {
  let t: TestApp;
  let manager: Caller;
  const staffOf = async (name: string): Promise<Caller> => {
    const caller = await t.loginDev(name);
    await t.app.services.roles.grant('test', { accountId: caller.userId, role: 'window_staff', scopeId: DEMO_HALL_ID }, null);
    return caller;
  };
  const signIn = (c: Caller, windowId: string, body: Record<string, unknown> = {}) => t.request('POST', `/api/v1/windows/${windowId}/sign-in`, { token: c.token, body });
  const signOut = (c: Caller, windowId: string) => t.request('POST', `/api/v1/windows/${windowId}/sign-out`, { token: c.token, body: {} });

  beforeAll(async () => {
    t = await startTestApp('real');
    await seedDemoHall(t.app);
    manager = await t.loginDev('hall-manager-1');
  });
  afterAll(() => t.close());

  it('signs in at one window; a second window is refused until signed out', async () => {
    const a = await staffOf('shift-a');
    const first = await signIn(a, 'win-1');
    expect(first.status).toBe(200);
    expect(first.body.shift).toMatchObject({ accountId: a.userId, windowId: 'win-1', windowNumber: 1, hallId: DEMO_HALL_ID });
    expect((await signIn(a, 'win-1')).status).toBe(200); // again at the same window: nothing changes
    expect((await t.request('GET', '/api/v1/window-shifts/mine', { token: a.token })).body.shift.windowId).toBe('win-1');

    const second = await signIn(a, 'win-3');
    expect([second.status, second.body.error.code, second.body.error.details]).toEqual([409, 'SIGNED_IN_ELSEWHERE', { windowId: 'win-1', windowNumber: 1 }]);
    const callThere = await t.request('POST', '/api/v1/windows/win-3/call-next', { token: a.token });
    expect([callThere.status, callThere.body.error.code]).toEqual([409, 'SIGNED_IN_ELSEWHERE']);

    expect((await signOut(a, 'win-1')).status).toBe(200);
    expect((await t.request('GET', '/api/v1/window-shifts/mine', { token: a.token })).body.shift).toBeNull();
    expect((await signIn(a, 'win-3')).body.shift.windowId).toBe('win-3');
    const actions = (await t.app.services.audit.forTarget('hall_window', 'win-1')).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['hall.window.sign_in', 'hall.window.sign_out']));
    await signOut(a, 'win-3');
  });

  it("refuses a colleague's window; a take-over releases the colleague and one's own other window (audited)", async () => {
    const b = await staffOf('shift-b');
    const c = await staffOf('shift-c');
    await signIn(b, 'win-2');
    await signIn(c, 'win-3');
    const taken = await signIn(c, 'win-2');
    expect([taken.status, taken.body.error.code]).toEqual([409, 'SIGNED_IN_ELSEWHERE']);
    await signOut(c, 'win-3');
    const stillTaken = await signIn(c, 'win-2');
    expect([stillTaken.status, stillTaken.body.error.code, stillTaken.body.error.details]).toEqual([409, 'WINDOW_TAKEN', { windowNumber: 2 }]);

    await signIn(c, 'win-3');
    const over = await signIn(c, 'win-2', { takeOver: true });
    expect(over.body.shift.windowId).toBe('win-2');
    const shifts = await t.request('GET', `/api/v1/halls/${DEMO_HALL_ID}/window-shifts`, { token: manager.token });
    expect(shifts.body.items.filter((s: { windowId: string }) => s.windowId !== 'win-1').map((s: { accountId: string; windowId: string }) => [s.accountId, s.windowId])).toEqual([[c.userId, 'win-2']]);
    const audit = (await t.app.services.audit.forTarget('hall_window', 'win-2')).find((r) => r.action === 'hall.window.sign_in' && r.actor === c.userId);
    expect(audit?.details).toMatchObject({ takeOver: true, released: expect.arrayContaining([{ accountId: b.userId, windowId: 'win-2' }, { accountId: c.userId, windowId: 'win-3' }]) });

    // b, released, is refused at their old window now held by c.
    const bCall = await t.request('POST', '/api/v1/windows/win-2/call-next', { token: b.token });
    expect([bCall.status, bCall.body.error.code]).toEqual([409, 'WINDOW_TAKEN']);
    await signOut(c, 'win-2');
  });

  it('a console step signs a member in at that window; a manager is not held to one window', async () => {
    const d = await staffOf('shift-d');
    const person = await citizen(t, 'shift-walkin', newPerson());
    await takeRemote(t, person.token, 'svc-household');
    expect((await t.request('POST', '/api/v1/windows/win-3/call-next', { token: d.token })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/window-shifts/mine', { token: d.token })).body.shift.windowId).toBe('win-3');
    expect((await t.request('POST', '/api/v1/windows/win-2/call-next', { token: d.token })).body.error.code).toBe('SIGNED_IN_ELSEWHERE');
    for (const w of ['win-1', 'win-2']) expect((await t.request('POST', `/api/v1/windows/${w}/call-next`, { token: manager.token })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/window-shifts/mine', { token: manager.token })).body.shift).toBeNull();
    await signOut(d, 'win-3');
  });

  it("a sign-in of an earlier day no longer holds; another hall's staff are refused", async () => {
    const e = await staffOf('shift-e');
    const f = await staffOf('shift-f');
    await t.app.database.db.insertInto('hall_window_shifts').values({ account_id: e.userId, window_id: 'win-1', hall_id: DEMO_HALL_ID, day: '2020-01-01', signed_in_at: 0 }).execute();
    expect((await t.request('GET', '/api/v1/window-shifts/mine', { token: e.token })).body.shift).toBeNull();
    expect((await signIn(f, 'win-1')).body.shift.windowId).toBe('win-1');
    expect((await signIn(e, 'win-2')).body.shift.windowId).toBe('win-2');
    await signOut(e, 'win-2');
    await signOut(f, 'win-1');

    const other = await t.loginDev('shift-other-hall');
    await t.app.services.roles.grant('test', { accountId: other.userId, role: 'window_staff', scopeId: 'hall-elsewhere' }, null);
    expect((await signIn(other, 'win-1')).body.error.code).toBe('NOT_YOUR_HALL');
    const bad = await signIn(e, 'win-1', { takeOver: 'yes' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('concurrent sign-ins: ten colleagues at one window → one holds; one member at three windows → one holds', async () => {
    const crowd = await Promise.all(Array.from({ length: 10 }, (_, i) => staffOf(`shift-crowd-${i}`)));
    const answers = await Promise.all(crowd.map((c) => signIn(c, 'win-3')));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(9).fill('WINDOW_TAKEN'));
    const holder = crowd[answers.findIndex((r) => r.status === 200)];
    await signOut(holder, 'win-3');

    const g = await staffOf('shift-g');
    const three = await Promise.all(['win-1', 'win-2', 'win-3'].map((w) => signIn(g, w)));
    expect(three.filter((r) => r.status === 200)).toHaveLength(1);
    expect(three.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(['SIGNED_IN_ELSEWHERE', 'SIGNED_IN_ELSEWHERE']);
    const rows = await t.app.database.db.selectFrom('hall_window_shifts').selectAll().where('account_id', '=', g.userId).execute();
    expect(rows).toHaveLength(1);
  });
});
