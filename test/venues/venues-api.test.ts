import { createCitizens, expectStatus, startSurgeApp, uniqueSurgePrefix, type Citizen, type SurgeApp } from '../masks/surge/surge-support';
import { chinaDateOf } from '../../bff/src/core/china-date';
import { checkinKeys } from '../../bff/src/domains/venues/checkins/redis-checkin-ledger';
import { checkinRows, linkFamily, MINUTE, operatorWith, registerVenue, TestClock, type RegisteredVenue } from './venue-test-support';

/**
 * Venues on MariaDB + standalone Redis (the durable stream): registration and manager scope,
 * forged/altered posters, check-in for self and family, dedupe under concurrency, the daily cap,
 * counts without identities, retention purge.
 */
const clock = new TestClock(Date.parse('2026-12-04T02:00:00Z'));
let s: SurgeApp;
let manager: { accountId: string; token: string };
let otherManager: { accountId: string; token: string };
let admin: { accountId: string; token: string };
let venue: RegisteredVenue;
let people: Citizen[];

beforeAll(async () => {
  s = await startSurgeApp({ kind: 'standalone', prefix: uniqueSurgePrefix('venues'), now: clock.now, overrides: { venues: { dailyCheckinCap: 5 } } });
  manager = await operatorWith(s.app, 'venue_manager');
  otherManager = await operatorWith(s.app, 'venue_manager');
  admin = await operatorWith(s.app, 'admin');
  venue = await registerVenue(s, manager.token, 'v-api-1', '便民超市');
  people = await createCitizens(s.app, 4);
}, 60_000);
afterAll(() => s?.close(), 30_000);

const drain = () => s.app.services.venues.checkinRuntime.drain();

describe('registration and scope', () => {
  it('gives the manager a signed poster, keeps other managers out, lets an admin see all', async () => {
    expect(venue.venueCode).toMatch(/^GPV1\./);
    expect(venue.scanUrl).toBe(`https://localhost:3000/s/venue/${venue.venueCode}`);
    const mine = await expectStatus(s.http.request('GET', '/api/v1/venues', { token: manager.token }), 200, 'list');
    expect(mine.body.items.map((v: { id: string }) => v.id)).toEqual(['v-api-1']);
    expect((await s.http.request('GET', '/api/v1/venues', { token: otherManager.token })).body.items).toEqual([]);
    expect((await s.http.request('GET', '/api/v1/venues/v-api-1/poster', { token: otherManager.token })).body.error.code).toBe('VENUE_NOT_FOUND');
    expect((await s.http.request('GET', '/api/v1/venues/v-api-1/counts', { token: otherManager.token })).status).toBe(404);
    const poster = await expectStatus(s.http.request('GET', '/api/v1/venues/v-api-1/poster', { token: admin.token }), 200, 'admin poster');
    expect(poster.body.poster.venueCode).toBe(venue.venueCode);
    expect((await s.http.request('POST', '/api/v1/venues', { token: people[0].token, body: {} })).status).toBe(403);
    expect((await s.http.request('POST', '/api/v1/venues', { token: manager.token, body: { id: 'v-api-1', name: '重复', address: '地址', district: '庐阳区', type: 'shop', lat: 1, lng: 1 } })).status).toBe(409);
    const audit = await s.app.services.audit.forTarget('venue', 'v-api-1');
    expect(audit.map((a) => a.action)).toEqual(['venues.register']);
  });
});

describe('check-in', () => {
  it('refuses forged, altered and foreign codes with INVALID_CODE, a removed venue with VENUE_NOT_FOUND', async () => {
    const [prefix, payload, sig] = venue.venueCode.split('.');
    const bytes = Buffer.from(payload, 'base64url');
    bytes[bytes.length - 1] ^= 1;
    const flipped = Buffer.from(sig, 'base64url');
    flipped[10] ^= 0x40;
    for (const code of [`${prefix}.${bytes.toString('base64url')}.${sig}`, `${prefix}.${payload}.${flipped.toString('base64url')}`, 'GPC1.personal.code', 'https://evil.example/s/venue/x']) {
      const res = await s.http.request('POST', '/api/v1/venues/checkins', { token: people[0].token, body: { venueCode: code } });
      expect([res.status, res.body.error.code]).toEqual([422, 'INVALID_CODE']);
    }
    const gone = await registerVenue(s, manager.token, 'v-api-gone');
    await s.app.database.db.deleteFrom('venues').where('id', '=', 'v-api-gone').execute();
    const res = await s.http.request('POST', '/api/v1/venues/checkins', { token: people[0].token, body: { venueCode: gone.venueCode } });
    expect([res.status, res.body.error.code]).toEqual([404, 'VENUE_NOT_FOUND']);
    expect(await checkinRows(s.app)).toEqual([]);
  });

  it('checks in self and a family member from the scanned URL; a stranger is refused', async () => {
    const [holder, parent, stranger] = people;
    await linkFamily(s.app, holder.personId, parent.personId);
    const res = await expectStatus(s.http.request('POST', '/api/v1/venues/checkins', { token: holder.token, body: { venueCode: venue.scanUrl, personIds: [holder.personId, parent.personId] } }), 200, 'family check-in');
    expect(res.body.venue).toEqual({ id: 'v-api-1', name: '便民超市', address: '合肥市庐阳区长江中路1号' });
    expect(res.body.items).toEqual([
      expect.objectContaining({ personId: holder.personId, maskedName: holder.identity.name, colour: 'green', duplicate: false, advice: null, checkedInAt: new Date(clock.now()).toISOString() }),
      expect.objectContaining({ personId: parent.personId, maskedName: parent.identity.name, colour: 'green', duplicate: false }),
    ]);
    const refused = await s.http.request('POST', '/api/v1/venues/checkins', { token: holder.token, body: { venueCode: venue.venueCode, personIds: [stranger.personId] } });
    expect(refused.status).toBe(404);
    await drain();
    const rows = await checkinRows(s.app);
    expect(rows.map((r) => r.person_id).sort()).toEqual([holder.personId, parent.personId].sort());
    // Each answer names the durable row it became.
    const items = res.body.items as { checkinId: string; personId: string }[];
    expect(items.map((i) => [i.checkinId, i.personId]).sort()).toEqual(rows.map((r) => [r.id, r.person_id]).sort());
  });

  it('makes 50 concurrent scans of one person at one venue one check-in; after 30 minutes a new one', async () => {
    const p = people[2];
    const v2 = await registerVenue(s, manager.token, 'v-api-2');
    const answers = await Promise.all(Array.from({ length: 50 }, () => s.http.request('POST', '/api/v1/venues/checkins', { token: p.token, body: { venueCode: v2.venueCode } })));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(answers.filter((a) => !a.body.items[0].duplicate)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.items[0].checkedInAt)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.items[0].checkinId)).size).toBe(1); // a duplicate names the first check-in
    clock.advance(29 * MINUTE);
    expect((await s.http.request('POST', '/api/v1/venues/checkins', { token: p.token, body: { venueCode: v2.venueCode } })).body.items[0].duplicate).toBe(true);
    clock.advance(2 * MINUTE);
    expect((await s.http.request('POST', '/api/v1/venues/checkins', { token: p.token, body: { venueCode: v2.venueCode } })).body.items[0].duplicate).toBe(false);
    await drain();
    expect((await checkinRows(s.app)).filter((r) => r.person_id === p.personId && r.venue_id === 'v-api-2')).toHaveLength(2);
  });

  it('refuses check-ins over the daily cap (5 in this config) with 429 CHECKIN_LIMIT', async () => {
    const p = people[3];
    const venues = [];
    for (let i = 0; i < 6; i++) venues.push(await registerVenue(s, manager.token, `v-cap-${i}`));
    const answers = [];
    for (const v of venues) answers.push(await s.http.request('POST', '/api/v1/venues/checkins', { token: p.token, body: { venueCode: v.venueCode } }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers[5].body.error.code).toBe('CHECKIN_LIMIT');
    // Scanning a venue already checked in within 30 minutes is no new check-in, so it stays allowed.
    expect((await s.http.request('POST', '/api/v1/venues/checkins', { token: p.token, body: { venueCode: venues[0].venueCode } })).status).toBe(200);
  });
});

describe('rebuild', () => {
  it('refills the dedupe marks and day counts from MariaDB after Redis lost them', async () => {
    const p = people[2];
    const v3 = await registerVenue(s, manager.token, 'v-api-3');
    expect((await s.http.request('POST', '/api/v1/venues/checkins', { token: p.token, body: { venueCode: v3.venueCode } })).body.items[0].duplicate).toBe(false);
    await drain();
    const day = chinaDateOf(clock.now());
    const keys = checkinKeys(p.personId, 'v-api-3', day);
    await s.app.hotStore.del(keys.seen);
    await s.app.hotStore.del(keys.day);
    await s.app.services.venues.checkinRuntime.rebuild();
    expect((await s.http.request('POST', '/api/v1/venues/checkins', { token: p.token, body: { venueCode: v3.venueCode } })).body.items[0].duplicate).toBe(true);
  });
});

describe('counts', () => {
  it('shows managers today, by hour and now, and nothing about who', async () => {
    await drain();
    const res = await expectStatus(s.http.request('GET', '/api/v1/venues/v-api-1/counts', { token: manager.token }), 200, 'counts');
    expect(Object.keys(res.body).sort()).toEqual(['byHour', 'date', 'now', 'nowWindowMinutes', 'today', 'venueId']);
    expect(res.body).toMatchObject({ venueId: 'v-api-1', date: '2026-12-04', today: 2, nowWindowMinutes: 60, now: 2 }); // 31 minutes after them
    expect(res.body.byHour).toHaveLength(24);
    expect(res.body.byHour[10]).toEqual({ hour: 10, count: 2 }); // 02:00Z = 10:00 China time
    const text = JSON.stringify(res.body);
    for (const p of people) expect(text).not.toContain(p.personId);
  });
});

describe('retention', () => {
  it('purges check-ins older than 14 days, and only those', async () => {
    const db = s.app.database.db;
    const now = clock.now();
    await db.insertInto('venue_checkins').values([
      { id: 'old-1', venue_id: 'v-api-1', person_id: people[0].personId, account_id: people[0].accountId, checked_in_at: now - 15 * 86_400_000 },
      { id: 'old-2', venue_id: 'v-api-1', person_id: people[1].personId, account_id: people[1].accountId, checked_in_at: now - 14 * 86_400_000 - 1 },
      { id: 'kept', venue_id: 'v-api-1', person_id: people[1].personId, account_id: people[1].accountId, checked_in_at: now - 13 * 86_400_000 },
    ]).execute();
    const before = (await checkinRows(s.app)).length;
    expect(await s.app.services.venues.purgeCheckins('test')).toBe(2);
    const after = await checkinRows(s.app);
    expect(after).toHaveLength(before - 2);
    expect(after.map((r) => r.id)).toContain('kept');
  });

  it('audits a purge that deleted rows, and not an empty one (the hourly run would flood the log)', async () => {
    const purges = async () =>
      (await s.app.database.db.selectFrom('audit_log').select('action').where('action', '=', 'venues.purge_checkins').where('actor', '=', 'test-audit').execute()).length;
    const now = clock.now();
    await s.app.database.db.insertInto('venue_checkins').values([
      { id: 'old-audit', venue_id: 'v-api-1', person_id: people[0].personId, account_id: people[0].accountId, checked_in_at: now - 20 * 86_400_000 },
    ]).execute();
    expect(await s.app.services.venues.purgeCheckins('test-audit')).toBe(1);
    expect(await purges()).toBe(1);
    expect(await s.app.services.venues.purgeCheckins('test-audit')).toBe(0);
    expect(await purges()).toBe(1);
  });
});
