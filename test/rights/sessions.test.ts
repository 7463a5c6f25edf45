import { addDays, chinaDateOf } from '../../bff/src/core/china-date';
import { adminSetup, book, idemKey, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp, type Person } from '../masks/api/support';

/**
 * Logout, the session list, ending one session and logging out everywhere (docs/privacy.md), on
 * MariaDB + standalone Redis with the Lua hot path: a verified citizen's self-booking is answered
 * in the fast lane, which checks the session in the booking's own Lua step. A revoked token must
 * be refused there too, with nothing booked.
 */
const day = (n: number) => addDays(chinaDateOf(Date.now()), n);
const at = (n: number, hhmm: string) => `${day(n)}T${hhmm}:00+08:00`;

let t: MasksTestApp;
let roundId: string;
const remaining = async () => (await t.hotPath.remaining(roundId, ['ph-s1']))['ph-s1'];

/** Verified in one session, then a new login: that token names the person (the fast lane's shape). */
async function returningCitizen(login: string, person: Person): Promise<Caller> {
  await t.citizen(login, person);
  return t.loginDev(login);
}

beforeAll(async () => {
  t = await startMasksTestApp({ start: at(1, '08:00'), hotPath: 'redis' });
  const admin = await t.operator('sess-boss', 'admin');
  roundId = (
    await adminSetup(t, admin, {
      pharmacies: [PHARMACY('ph-s1')],
      round: { name: '会话轮', opensAt: at(1, '09:00'), closesAt: at(1, '20:00') },
      quotas: [{ pharmacyId: 'ph-s1', quota: 50 }],
    })
  ).roundId as string;
  t.clock.set(at(1, '09:00'));
});
afterAll(() => t.close());

describe('sessions', () => {
  it('lists the live sessions with channel, times and a masked address, marking the current one', async () => {
    const a = await t.loginDev('sess-list');
    const b = await t.loginDev('sess-list');
    const res = await t.request('GET', '/api/v1/me/sessions', { token: a.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.sessions).toHaveLength(2);
    for (const s of res.body.sessions) expect(s).toEqual({ id: expect.any(String), channel: 'h5', createdAt: expect.any(String), lastUsedAt: expect.any(String), ipMasked: '127.0.0.*', place: '本机', current: expect.any(Boolean) });
    expect(res.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    // Neither token nor its hash is ever shown.
    const text = JSON.stringify(res.body);
    for (const token of [a.token, b.token]) expect(text).not.toContain(token.slice(0, 20));
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('logout: the token answers 401 at once, also on the booking fast path, with nothing booked', async () => {
    const c = await returningCitizen('sess-logout', newPerson('陈一'));
    const other = await t.loginDev('sess-logout');
    expect(c.token.split('.')).toHaveLength(3); // the fast lane's shape: checked in book-single.lua
    const out = await t.request('POST', '/api/v1/auth/logout', { token: c.token });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ loggedOut: true });
    const before = await remaining();
    const lane = await book(t, c, { pharmacyId: 'ph-s1' });
    expect([lane.status, lane.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(lane.headers.get('www-authenticate')).toBe('Bearer');
    // The full stack (a request with an Origin goes through Koa) refuses it the same way.
    const full = await t.request('POST', '/api/v1/masks/reservations', { token: c.token, body: { pharmacyId: 'ph-s1' }, headers: { 'Idempotency-Key': idemKey(), origin: 'https://x.example' } });
    expect(full.status).toBe(401);
    expect((await t.request('GET', '/api/v1/me', { token: c.token })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/logout', { token: c.token })).status).toBe(401);
    expect(await remaining()).toBe(before);
    // Only that session ended.
    expect((await t.request('GET', '/api/v1/me', { token: other.token })).status).toBe(200);
    const listed = (await t.request('GET', '/api/v1/me/sessions', { token: other.token })).body.sessions;
    expect(listed).toHaveLength(2); // the verifying session and `other`; the logged-out one is gone
    // A live token of the same person still books through the lane.
    expect((await book(t, other, { pharmacyId: 'ph-s1' })).status).toBe(201);
  });

  it('ends another device’s session by id (its booking is refused), and no one else’s', async () => {
    const phone = await returningCitizen('sess-two', newPerson('陈二'));
    const tablet = await t.loginDev('sess-two');
    const sessions = (await t.request('GET', '/api/v1/me/sessions', { token: tablet.token })).body.sessions as { id: string; current: boolean }[];
    const stranger = await t.loginDev('sess-stranger');
    const phoneId = (await t.request('GET', '/api/v1/me/sessions', { token: phone.token })).body.sessions.find((s: { current: boolean }) => s.current).id as string;
    expect((await t.request('DELETE', `/api/v1/me/sessions/${phoneId}`, { token: stranger.token })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/me', { token: phone.token })).status).toBe(200);

    const del = await t.request('DELETE', `/api/v1/me/sessions/${phoneId}`, { token: tablet.token });
    expect(del.body).toEqual({ deleted: true });
    expect((await book(t, phone, { pharmacyId: 'ph-s1' })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/me/sessions', { token: tablet.token })).body.sessions).toHaveLength(sessions.length - 1);
    expect((await t.request('DELETE', `/api/v1/me/sessions/${phoneId}`, { token: tablet.token })).status).toBe(404);
  });

  it('logs out everywhere, this session included, and audits each revocation', async () => {
    const c = await returningCitizen('sess-all', newPerson('陈三'));
    const second = await t.loginDev('sess-all');
    const res = await t.request('DELETE', '/api/v1/me/sessions', { token: second.token });
    expect(res.status).toBe(200);
    expect(res.body.revoked).toBe(3); // verifying session, c, second
    for (const caller of [c, second]) expect((await t.request('GET', '/api/v1/me', { token: caller.token })).status).toBe(401);
    expect((await book(t, c, { pharmacyId: 'ph-s1' })).status).toBe(401);
    const audit = await t.app.services.audit.forTarget('account', c.userId);
    expect(audit.map((a) => a.action)).toContain('session.revoke_all');
    expect(audit.find((a) => a.action === 'session.revoke_all')?.details).toEqual({ sessions: 3 });
  });

  it('updates "last used" at most once a minute per session', async () => {
    const c = await t.loginDev('sess-used');
    const first = (await t.request('GET', '/api/v1/me/sessions', { token: c.token })).body.sessions[0].lastUsedAt as string;
    t.clock.advance(61_000);
    await t.request('GET', '/api/v1/me', { token: c.token });
    await new Promise((r) => setTimeout(r, 50)); // the write is not awaited by the request
    const later = (await t.request('GET', '/api/v1/me/sessions', { token: c.token })).body.sessions[0].lastUsedAt as string;
    expect(Date.parse(later) - Date.parse(first)).toBe(61_000);
  });
});
