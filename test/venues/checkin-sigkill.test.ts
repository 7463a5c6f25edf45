import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { CHECKIN_STREAM } from '../../bff/src/domains/venues/checkins/redis-checkin-ledger';
import type { RedisClient } from '../../bff/src/infra/redis/create-redis-client';
import { createScratchDatabase, REDIS_URL, type ScratchDatabase } from '../support/test-services';
import {
  adminRedis,
  closeAdmin,
  createCitizens,
  deleteKeysUnder,
  HttpClient,
  mapLimit,
  pollUntil,
  report,
  spawnServer,
  startSurgeApp,
  tally,
  uniqueSurgePrefix,
  type Citizen,
  type Outcome,
  type ServerProcess,
} from '../masks/surge/surge-support';

/**
 * 20,000 check-ins (400 people × 50 venues, each person at the daily cap of 50) against the real
 * server process, SIGKILLed in the middle of the burst while its consumer holds a batch it read and
 * could not write (venue_checkins write-locked). After a restart and a re-send of everything not
 * answered 200: exactly 20,000 rows, one per person and venue — no answered check-in lost, none twice.
 */
const PEOPLE = 400;
const VENUES = 50;
const TOTAL = PEOPLE * VENUES;
const KILL_AFTER = 6_000;
const IN_FLIGHT = 128;
const GROUP = 'checkins-sink';

let scratch: ScratchDatabase;
let admin: RedisClient;
let prefix: string;
let env: Record<string, string>;
let people: Citizen[] = [];
let codes: string[] = [];
const servers: ServerProcess[] = [];

beforeAll(async () => {
  admin = await adminRedis('standalone');
  prefix = uniqueSurgePrefix('checkin-kill');
  scratch = await createScratchDatabase();
  const seeder = await startSurgeApp({ kind: 'standalone', prefix, scratch });
  try {
    people = await createCitizens(seeder.app, PEOPLE);
    const op = { actor: 'test', grants: [{ role: 'admin' as const, scopeId: null }], requestId: null };
    for (let v = 0; v < VENUES; v++) {
      const res = await seeder.app.services.venues.venues.register(op, { id: `v-kill-${v}`, name: `场所${v}`, address: '合肥市庐阳区', district: '庐阳区', type: 'shop', lat: 31.8, lng: 117.2 });
      codes.push(res.poster.venueCode);
    }
  } finally {
    await seeder.close();
  }
  env = { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', MYSQL_URL: scratch.url, REDIS_URL, REDIS_KEY_PREFIX: prefix, DEMO_SEED: 'false', LOG_LEVEL: 'warn', INSTANCE_NAME: `kill-${randomBytes(3).toString('hex')}` };
}, 120_000);

afterAll(async () => {
  for (const srv of servers) {
    srv.signal('SIGKILL');
    await srv.gone().catch(() => undefined);
  }
  await scratch?.drop();
  if (admin) await deleteKeysUnder(admin, prefix);
  await closeAdmin(admin);
  codes = [];
}, 60_000);

async function start(): Promise<ServerProcess> {
  const srv = await spawnServer(env);
  servers.push(srv);
  return srv;
}

async function pending(): Promise<number> {
  let n = 0;
  for (const s of CHECKIN_STREAM.allShards()) n += Number(((await admin.xpending(prefix + s.stream, GROUP).catch(() => [0])) as [number])[0]);
  return n;
}

async function backlog(): Promise<number> {
  const lens = await Promise.all(CHECKIN_STREAM.allShards().map((s) => admin.xlen(prefix + s.stream)));
  return lens.reduce((a, b) => a + b, 0);
}

const personOf = (i: number) => people[i % PEOPLE];
const codeOf = (i: number) => codes[Math.floor(i / PEOPLE)];

it(`SIGKILL after ~${KILL_AFTER} of ${TOTAL} check-ins: after the restart and re-sends, exactly ${TOTAL} rows`, async () => {
  const first = await start();
  const lock = await createConnection({ uri: scratch.url });
  const client = new HttpClient(first.url, IN_FLIGHT);
  let answered = 0;
  let killing = false;
  let killed = false;
  let locked: Promise<unknown> | null = null;
  const t0 = performance.now();
  const outcomes = await mapLimit(
    Array.from({ length: TOTAL }, (_, i) => i),
    IN_FLIGHT,
    async (i): Promise<Outcome | null> => {
      if (killed) return null;
      const o = await client.request('POST', '/api/v1/venues/checkins', { token: personOf(i).token, body: { venueCode: codeOf(i) } });
      if (o.status === 200 && ++answered >= KILL_AFTER / 2 && !locked) locked = lock.query('LOCK TABLES venue_checkins WRITE');
      if (o.status === 200 && answered >= KILL_AFTER && !killing) {
        killing = true;
        await locked;
        await pollUntil('consumer holds unacknowledged entries', pending, (n) => n > 0, 10_000, 10);
        killed = true;
        first.signal('SIGKILL');
      }
      return o;
    },
  );
  client.close();
  await first.gone();
  await lock.query('UNLOCK TABLES').catch(() => undefined);
  await lock.end();
  const sent = outcomes.filter((o): o is Outcome => o !== null);
  report(`checkin-kill: SIGKILL at ${(performance.now() - t0).toFixed(0)} ms; answers ${JSON.stringify(tally(sent))}; pending ${await pending()}, backlog ${await backlog()}`);
  expect(killed).toBe(true);
  expect(sent.filter((o) => o.status !== 0 && o.status !== 200)).toEqual([]);
  expect(await pending()).toBeGreaterThan(0);

  const second = await start();
  const retry = new HttpClient(second.url, IN_FLIGHT);
  const again = Array.from({ length: TOTAL }, (_, i) => i).filter((i) => outcomes[i]?.status !== 200);
  const phase2 = await mapLimit(again, IN_FLIGHT, (i) => retry.request('POST', '/api/v1/venues/checkins', { token: personOf(i).token, body: { venueCode: codeOf(i) } }));
  retry.close();
  report(`checkin-kill: re-sent ${again.length}: ${JSON.stringify(tally(phase2))}`);
  expect(phase2.filter((o) => o.status !== 200)).toEqual([]);

  const db = await createConnection({ uri: scratch.url });
  try {
    const final = await pollUntil(
      `${TOTAL} rows and the stream empty`,
      async () => {
        const [[row]] = (await db.query('SELECT COUNT(*) AS n, COUNT(DISTINCT person_id, venue_id) AS pairs FROM venue_checkins')) as unknown as [[{ n: number; pairs: number }]];
        return { rows: Number(row.n), pairs: Number(row.pairs), backlog: await backlog() };
      },
      (v) => v.rows >= TOTAL && v.backlog === 0,
      60_000,
    );
    expect(final).toEqual({ rows: TOTAL, pairs: TOTAL, backlog: 0 });
  } finally {
    await db.end();
  }
}, 300_000);
