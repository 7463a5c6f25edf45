import { randomBytes } from 'node:crypto';
import { createConnection, createPool, type Connection, type Pool } from 'mysql2/promise';
import { allShardKeys, pharmacyKeys } from '../../../bff/src/domains/masks/hot-path/mask-keys';
import { OUTBOX_GROUP } from '../../../bff/src/domains/masks/hot-path/mask-outbox';
import type { RedisClient } from '../../../bff/src/infra/redis/create-redis-client';
import { createScratchDatabase, REDIS_URL, type ScratchDatabase } from '../../support/test-services';
import {
  adminRedis,
  closeAdmin,
  createCitizens,
  deleteKeysUnder,
  HttpClient,
  mapLimit,
  newKey,
  outboxBacklog,
  pollUntil,
  report,
  setUpRound,
  spawnServer,
  startSurgeApp,
  tally,
  uniqueSurgePrefix,
  type Citizen,
  type Outcome,
  type ServerProcess,
} from './surge-support';

/**
 * A world for crash tests against the real server process (tsx bff/src/server.ts on MariaDB +
 * standalone Redis): seeded in-process through the app's own API and services (then that app is
 * closed), servers spawned with the environment a deployment would give them.
 */
export interface CrashWorld {
  label: string;
  prefix: string;
  scratch: ScratchDatabase;
  admin: RedisClient;
  mysql: Pool;
  roundId: string;
  pharmacies: string[];
  quotaEach: number;
  people: Citizen[];
  /** One Idempotency-Key per person, reused by their retries. */
  keys: string[];
  env: Record<string, string>;
  servers: ServerProcess[];
}

export interface WorldOptions {
  label: string;
  pharmacies: string[];
  quotaEach: number;
  people: number;
  /** Sets INSTANCE_NAME (stable across restarts); without it the app names its consumer itself. */
  instanceName: boolean;
}

export async function createWorld(o: WorldOptions): Promise<CrashWorld> {
  const admin = await adminRedis('standalone');
  const prefix = uniqueSurgePrefix(o.label);
  let scratch: ScratchDatabase;
  try {
    scratch = await createScratchDatabase();
  } catch (err) {
    await closeAdmin(admin);
    throw err;
  }
  const world: CrashWorld = {
    label: o.label,
    prefix,
    scratch,
    admin,
    mysql: createPool({ uri: scratch.url, connectionLimit: 2 }),
    roundId: '',
    pharmacies: o.pharmacies,
    quotaEach: o.quotaEach,
    people: [],
    keys: [],
    servers: [],
    env: {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      MYSQL_URL: scratch.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      ...(o.instanceName ? { INSTANCE_NAME: `surge-${o.label}-${randomBytes(3).toString('hex')}` } : {}),
    },
  };
  try {
    const seeder = await startSurgeApp({ kind: 'standalone', prefix, scratch });
    try {
      world.roundId = await setUpRound(seeder, { pharmacies: o.pharmacies.map((id) => ({ id, quota: o.quotaEach })) });
      world.people = await createCitizens(seeder.app, o.people);
      world.keys = world.people.map(() => newKey(o.label));
    } finally {
      await seeder.close();
    }
  } catch (err) {
    await destroyWorld(world);
    throw err;
  }
  return world;
}

export async function destroyWorld(w: CrashWorld | undefined): Promise<void> {
  if (!w) return;
  for (const srv of w.servers) {
    srv.signal('SIGKILL');
    await srv.gone().catch(() => undefined);
  }
  await w.mysql.end();
  await w.scratch.drop();
  await deleteKeysUnder(w.admin, w.prefix);
  await closeAdmin(w.admin);
}

export async function startServer(w: CrashWorld): Promise<ServerProcess> {
  const t0 = Date.now();
  const srv = await spawnServer(w.env);
  w.servers.push(srv);
  report(`${w.label}: server pid ${srv.pid} ready at ${srv.url} in ${Date.now() - t0} ms`);
  return srv;
}

export const pharmacyOf = (w: CrashWorld, i: number) => w.pharmacies[i % w.pharmacies.length];

export interface ReservationRow {
  id: string;
  person_id: string;
  pharmacy_id: string;
  status: string;
  unit_returned: number;
}

export async function rows(w: CrashWorld): Promise<ReservationRow[]> {
  const [r] = await w.mysql.query('SELECT id, person_id, pharmacy_id, status, unit_returned FROM mask_reservations WHERE round_id = ?', [w.roundId]);
  return r as ReservationRow[];
}

export async function remaining(w: CrashWorld): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const ph of w.pharmacies) {
    const v = await w.admin.get(w.prefix + pharmacyKeys(w.roundId, ph).remaining);
    out[ph] = v === null ? null : Number(v);
  }
  return out;
}

/** remaining + units held by rows, per pharmacy: the quota when no unit is lost or counted twice. */
export async function unitsAccountedFor(w: CrashWorld): Promise<Record<string, number>> {
  const [left, all] = await Promise.all([remaining(w), rows(w)]);
  const out: Record<string, number> = {};
  for (const ph of w.pharmacies) {
    const held = all.filter((r) => r.pharmacy_id === ph && !(r.status === 'cancelled' && Number(r.unit_returned) === 1)).length;
    out[ph] = (left[ph] ?? Number.NaN) + held;
  }
  return out;
}

/** Outbox entries delivered to a consumer and not acknowledged. */
export async function pendingEntries(w: CrashWorld): Promise<number> {
  let n = 0;
  for (const s of allShardKeys()) {
    const info = (await w.admin.xpending(w.prefix + s.outbox, OUTBOX_GROUP).catch(() => [0])) as [number];
    n += Number(info[0]);
  }
  return n;
}

export interface KilledBurst {
  /** Per person: the answer, a transport failure (in flight at the kill), or null (never sent). */
  outcomes: (Outcome | null)[];
  /** reservation id → person id of every 201. */
  answered: Map<string, string>;
  pendingAtKill: number;
  backlogAtKill: number;
}

/**
 * Fires a booking per person (`inFlight` at a time) at `srv` and SIGKILLs it once `killAfter`
 * bookings were answered 201. From the `killAfter / 3`-th 201 on, mask_reservations is
 * write-locked from another MySQL session, so the consumer is certainly holding a batch it has read
 * but not acknowledged (and more entries wait unread) when the process dies; the lock goes once
 * it is dead.
 */
export async function burstAndKill(w: CrashWorld, srv: ServerProcess, killAfter: number, inFlight: number): Promise<KilledBurst> {
  const lock: Connection = await createConnection({ uri: w.scratch.url });
  let outcomes: (Outcome | null)[];
  let killedAt = 0;
  let killing = false;
  const t0 = performance.now();
  let locked: Promise<unknown> | null = null;
  try {
    const client = new HttpClient(srv.url, inFlight);
    // Warm-up: the first 1% book and are written out, so the consumer is in its stride.
    const warm = Math.ceil(w.people.length / 100);
    const warmed = await mapLimit(w.people.slice(0, warm), 10, (p, i) => client.book(p.token, pharmacyOf(w, i), w.keys[i]));
    if (warmed.some((o) => o.status !== 201)) throw new Error(`${w.label}: warm-up bookings failed: ${JSON.stringify(tally(warmed))}`);
    await pollUntil(`${w.label}: warm-up written`, () => outboxBacklog(w.admin, w.prefix), (n) => n === 0, 10_000, 50);
    let created = warm;
    // While the killer waits for the consumer, new requests wait too: a fast server would otherwise
    // sell the whole quota in that time, and the kill would no longer fall in the middle of the burst.
    let resume: () => void = () => undefined;
    const resumed = new Promise<void>((r) => (resume = r));
    outcomes = await mapLimit(w.people, inFlight, async (p, i): Promise<Outcome | null> => {
      if (i < warm) return warmed[i];
      if (killing && !killedAt) await resumed;
      if (killedAt) return null;
      const o = await client.book(p.token, pharmacyOf(w, i), w.keys[i]);
      if (o.status === 201 && ++created >= killAfter / 3 && !locked) locked = lock.query('LOCK TABLES mask_reservations WRITE');
      if (o.status === 201 && created >= killAfter && !killing) {
        killing = true; // only this request kills
        await locked;
        // The table lock holds the consumer's INSERT: wait until it has read a batch it cannot
        // acknowledge (it pauses up to lingerMs between reads), so the kill leaves entries pending.
        await pollUntil(`${w.label}: consumer holds unacknowledged entries`, () => pendingEntries(w), (n) => n > 0, 5_000, 10);
        // Let the waiting requests go out, so that the kill finds requests in flight.
        resume();
        await new Promise((r) => setTimeout(r, 20));
        killedAt = performance.now() - t0;
        srv.signal('SIGKILL');
      }
      return o;
    });
    client.close();
    if (!killedAt) throw new Error(`${w.label}: the burst ended before ${killAfter} bookings: ${JSON.stringify(tally(outcomes.filter((o): o is Outcome => o !== null)))}`);
    await srv.gone();
  } finally {
    // Assigned in a callback, so TS narrows `locked` to null here; it may be a promise.
    await (locked as Promise<unknown> | null);
    await lock.query('UNLOCK TABLES').catch(() => undefined);
    await lock.end();
  }
  const sent = outcomes.filter((o): o is Outcome => o !== null);
  const answered = new Map<string, string>();
  outcomes.forEach((o, i) => {
    if (o?.status === 201) answered.set(o.body.reservation.id, w.people[i].personId);
  });
  const killed: KilledBurst = { outcomes, answered, pendingAtKill: await pendingEntries(w), backlogAtKill: await outboxBacklog(w.admin, w.prefix) };
  report(`${w.label}: SIGKILL at ${killedAt.toFixed(0)} ms; answers: ${JSON.stringify(tally(sent))}; ${outcomes.length - sent.length} never sent`);
  report(`${w.label}: outbox after the kill: ${killed.backlogAtKill} entries, ${killed.pendingAtKill} of them read but unacknowledged`);
  return killed;
}
