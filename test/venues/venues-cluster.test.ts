import { CHECKIN_STREAM } from '../../bff/src/domains/venues/checkins/redis-checkin-ledger';
import { adminRedis, closeAdmin, createCitizens, masterOfKey, startSurgeApp, uniqueSurgePrefix, type Citizen, type SurgeApp } from '../masks/surge/surge-support';
import type { Cluster } from 'ioredis';
import { checkinRows, operatorWith, registerVenue, type RegisteredVenue } from './venue-test-support';

/**
 * Check-ins on a 3-master Redis Cluster: checkin.lua's keys share the person's shard slot (no
 * CROSSSLOT), the shards spread over every master, concurrent scans of one person dedupe, and the
 * consumer sweeps every shard into MariaDB.
 */
let s: SurgeApp;
let people: Citizen[];
let venues: RegisteredVenue[];

beforeAll(async () => {
  s = await startSurgeApp({ kind: 'cluster', prefix: uniqueSurgePrefix('venues-cluster') });
  const manager = await operatorWith(s.app, 'venue_manager');
  venues = [await registerVenue(s, manager.token, 'v-cl-1'), await registerVenue(s, manager.token, 'v-cl-2')];
  people = await createCitizens(s.app, 120);
}, 60_000);
afterAll(() => s?.close(), 30_000);

it('spreads the check-in shards over every master', async () => {
  expect(s.app.hotStore.kind).toBe('cluster');
  const admin = (await adminRedis('cluster')) as Cluster;
  try {
    const masters = new Set<string>();
    for (const shard of CHECKIN_STREAM.allShards()) masters.add(await masterOfKey(admin, shard.stream));
    expect(masters.size).toBe(3);
  } finally {
    await closeAdmin(admin);
  }
});

it('records every person once per venue under concurrent duplicate scans', async () => {
  const requests = people.flatMap((p) => venues.flatMap((v) => [v, v, v].map(() => ({ p, v }))));
  const answers = await Promise.all(requests.map(({ p, v }) => s.http.request('POST', '/api/v1/venues/checkins', { token: p.token, body: { venueCode: v.venueCode } })));
  expect(answers.filter((a) => a.status !== 200)).toEqual([]);
  expect(answers.filter((a) => !a.body.items[0].duplicate)).toHaveLength(people.length * venues.length);
  await s.app.services.venues.checkinRuntime.drain();
  const rows = await checkinRows(s.app);
  expect(rows).toHaveLength(people.length * venues.length);
  expect(new Set(rows.map((r) => `${r.person_id}|${r.venue_id}`)).size).toBe(rows.length);
}, 60_000);
