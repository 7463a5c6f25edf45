import { randomUUID } from 'node:crypto';
import { withCheckChar } from '@govpass/shared-types';
import { PiiCipher } from '../../bff/src/infra/crypto/pii-cipher';
import { createCitizens, expectStatus, startSurgeApp, uniqueSurgePrefix, type Citizen, type SurgeApp } from '../masks/surge/surge-support';
import { MINUTE, operatorWith, registerVenue, TestClock } from './venue-test-support';

/**
 * Contact tracing on a seeded city (MariaDB + Redis, the real health domain and notification
 * outbox): known overlaps give exactly the expected exposed set, at the window's edges too; the
 * exposed turn yellow and are notified; a re-run is the same trace and tells nobody twice.
 */
const HOUR = 60 * MINUTE;
const T = Date.parse('2026-12-02T02:00:00Z'); // the case at venue A, 10:00 China time
const clock = new TestClock(Date.parse('2026-12-04T02:00:00Z'));
const CASE_ID = withCheckChar('34010419800101123');
let s: SurgeApp;
let official: { accountId: string; token: string };
let people: Citizen[];
let casePerson: Citizen;
const expected = new Set<string>();

beforeAll(async () => {
  s = await startSurgeApp({ kind: 'standalone', prefix: uniqueSurgePrefix('trace'), now: clock.now });
  official = await operatorWith(s.app, 'health_official', '340100');
  const manager = await operatorWith(s.app, 'venue_manager');
  for (const id of ['A', 'B', 'C', 'D']) await registerVenue(s, manager.token, `v-city-${id}`, `场所${id}`);
  people = await createCitizens(s.app, 60);
  casePerson = people[0];
  const cipher = new PiiCipher(s.config.security.piiEncryptionKey, s.config.security.piiHashKey);
  await s.app.database.db.updateTable('persons').set({ id_hash: cipher.hash('id', CASE_ID) }).where('id', '=', casePerson.personId).execute();

  const rows: { venue: string; person: number; at: number }[] = [
    { venue: 'A', person: 0, at: T },
    { venue: 'B', person: 0, at: T + 3 * HOUR },
    { venue: 'C', person: 0, at: T - 2 * 24 * HOUR }, // outside the infectious window
    // A: exposed from 30 minutes before to 2 hours after, both edges included
    { venue: 'A', person: 1, at: T - 30 * MINUTE },
    { venue: 'A', person: 2, at: T + 10 * MINUTE },
    { venue: 'A', person: 3, at: T + 2 * HOUR },
    { venue: 'A', person: 4, at: T - 31 * MINUTE },
    { venue: 'A', person: 5, at: T + 2 * HOUR + MINUTE },
    // B: person 2 again (one person, counted once), person 6
    { venue: 'B', person: 2, at: T + 3 * HOUR - 5 * MINUTE },
    { venue: 'B', person: 6, at: T + 5 * HOUR - MINUTE },
    { venue: 'C', person: 7, at: T - 2 * 24 * HOUR }, // with the case, but outside the window
    { venue: 'D', person: 8, at: T }, // same time, another venue
  ];
  for (const p of [1, 2, 3, 6]) expected.add(people[p].personId);
  // Noise: the rest of the city, at venue D and at A/B a day later.
  for (let i = 9; i < 60; i++) rows.push({ venue: i % 2 ? 'D' : 'A', person: i, at: T + 24 * HOUR + i * MINUTE });
  await s.app.database.db
    .insertInto('venue_checkins')
    .values(rows.map((r) => ({ id: randomUUID(), venue_id: `v-city-${r.venue}`, person_id: people[r.person].personId, account_id: people[r.person].accountId, checked_in_at: r.at })))
    .execute();
}, 60_000);
afterAll(() => s?.close(), 30_000);

const traceBody = { idNumber: CASE_ID, from: new Date(T - HOUR).toISOString(), until: new Date(T + 5 * HOUR).toISOString(), note: '测试病例' };

async function outboxFor(personIds: string[]): Promise<string[]> {
  const rows = await s.app.database.db.selectFrom('notification_outbox').select(['person_id', 'template']).where('person_id', 'in', personIds).execute();
  return rows.map((r) => r.person_id as string);
}

it('finds exactly the people at the case’s venues in the margins; they turn yellow and are notified', async () => {
  const refused = await s.http.request('POST', '/api/v1/health/traces', { token: (await operatorWith(s.app, 'venue_manager')).token, body: traceBody });
  expect(refused.status).toBe(403);

  const res = await expectStatus(s.http.request('POST', '/api/v1/health/traces', { token: official.token, body: traceBody }), 201, 'trace');
  const trace = res.body.trace;
  expect(res.body).toMatchObject({ rerun: false, newlyExposed: 4 });
  expect(new Set(trace.exposed.map((e: { personId: string }) => e.personId))).toEqual(expected);
  expect(trace.exposedCount).toBe(4);
  expect(trace.exposed).toHaveLength(5); // person 2 at A and at B
  expect(trace.venues.map((v: { venueId: string; exposedCount: number }) => [v.venueId, v.exposedCount])).toEqual([['v-city-A', 3], ['v-city-B', 2]]);
  expect(trace.caseMaskedName).toBe(casePerson.identity.name);
  expect(trace.caseMaskedIdNumber).not.toContain(CASE_ID.slice(6, 14));
  for (const e of trace.exposed) expect(e.maskedName).toMatch(/\*/);

  const colours = await Promise.all(people.slice(0, 9).map((p) => s.app.services.health.statusOf(p.personId)));
  expect(colours.map((c) => c.colour)).toEqual(['green', 'yellow', 'yellow', 'yellow', 'green', 'green', 'yellow', 'green', 'green']);
  expect(colours[1].reasons.find((r) => r.rule === 'exposure')?.text).toBe('您到过有病例活动的场所（12月02日 09:30 场所A）');
  expect((await outboxFor([...expected])).sort()).toEqual([...expected].sort());
  expect(await outboxFor([people[4].personId, people[5].personId, people[7].personId, people[8].personId, casePerson.personId])).toEqual([]);
  const audit = await s.app.services.audit.forTarget('trace', trace.id);
  expect(audit.map((a) => a.action)).toEqual(['venues.trace']);
  expect(JSON.stringify(audit)).not.toContain(CASE_ID);
});

it('re-runs idempotently: same trace, same set, nobody notified twice; report and CSV for officials', async () => {
  const before = await outboxFor([...expected]);
  clock.advance(HOUR);
  const again = await expectStatus(s.http.request('POST', '/api/v1/health/traces', { token: official.token, body: traceBody }), 201, 'rerun');
  expect(again.body).toMatchObject({ rerun: true, newlyExposed: 0 });
  const first = await expectStatus(s.http.request('GET', `/api/v1/health/traces/${again.body.trace.id}`, { token: official.token }), 200, 'get');
  expect(first.body.trace.exposed).toEqual(again.body.trace.exposed);
  expect(await outboxFor([...expected])).toHaveLength(before.length);
  const count = await s.app.database.db.selectFrom('venue_traces').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  expect(Number(count.n)).toBe(1);

  const csv = await s.http.request('GET', `/api/v1/health/traces/${again.body.trace.id}/csv`, { token: official.token });
  expect(csv.status).toBe(200);
  const lines = String(csv.body).trim().split(/\r\n/);
  expect(lines).toHaveLength(6);
  expect(lines[1]).toContain('场所A');
  expect((await s.http.request('GET', '/api/v1/health/traces/nope', { token: official.token })).body.error.code).toBe('TRACE_NOT_FOUND');
  const audit = await s.app.services.audit.forTarget('trace', again.body.trace.id);
  expect(audit.map((a) => a.action).sort()).toEqual(['venues.trace', 'venues.trace_export', 'venues.trace_rerun']);
});

it('answers PERSON_NOT_FOUND for an unknown ID number', async () => {
  const res = await s.http.request('POST', '/api/v1/health/traces', { token: official.token, body: { ...traceBody, idNumber: withCheckChar('11010119900307999') } });
  expect([res.status, res.body.error.code]).toEqual([404, 'PERSON_NOT_FOUND']);
});
