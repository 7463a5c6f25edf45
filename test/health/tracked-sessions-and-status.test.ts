import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createLogger } from '../../bff/src/core/create-logger';
import { SessionStore } from '../../bff/src/domains/auth/session-store';
import type { HealthInputs } from '../../bff/src/domains/health/rules/evaluate-health';
import { loadHealthRules } from '../../bff/src/domains/health/rules/health-rules-schema';
import { HealthStatusService } from '../../bff/src/domains/health/status/health-status-service';
import type { HealthStore, StoredStatus } from '../../bff/src/domains/health/store/health-store';
import { RedisHotStore } from '../../bff/src/infra/hot-store/redis-hot-store';
import { healthStatusKey } from '../../bff/src/infra/hot-store/keys';
import { closeRedisClient, type RedisClient } from '../../bff/src/infra/redis/create-redis-client';
import { DEFAULT_TRACKED_READS, TrackedReadCache, type CachedReads } from '../../bff/src/infra/redis/tracked-read-cache';
import { connectOrFail, deleteUnder, runPrefix, standaloneStorage } from '../hot-store/redis-test-support';

const rules = loadHealthRules(join(__dirname, '../../config/health-rules.json'));
const NOW = Date.parse('2026-12-04T02:00:00Z');
const CLOSE_CONTACT: Omit<HealthInputs, 'riskAreas'> = { lists: [{ list: 'close_contact', date: '2026-12-01', releasedOn: null }], tests: [], declarations: [], exposures: [], override: null };
const NOTHING: Omit<HealthInputs, 'riskAreas'> = { lists: [], tests: [], declarations: [], exposures: [], override: null };

/** MySQL's part, shared by both processes (as the real database is). */
class SharedStore {
  inputs = NOTHING;
  rows = new Map<string, StoredStatus>();
  transaction = <T>(fn: (tx: HealthStore) => Promise<T>) => fn(this as unknown as HealthStore);
  connection = () => 'tx' as never;
  audit = async () => undefined;
  idHashOf = async (id: string) => `hash-${id}`;
  inputsOf = async () => this.inputs;
  riskAreas = async () => [];
  statusOf = async (id: string) => this.rows.get(id) ?? null;
  saveStatus = async (id: string, s: StoredStatus) => void this.rows.set(id, s);
  addColourChange = async () => undefined;
}

/** One BFF: its own Redis client, hot store, tracked read cache, session store and status service. */
interface Bff {
  client: RedisClient;
  reads: CachedReads;
  name: string;
  sessions: SessionStore;
  status: HealthStatusService;
  liveAgain(): Promise<void>;
  down(): Promise<void>;
}

const prefix = runPrefix('tracked-domain');
const opened: Bff[] = [];
let admin: RedisClient;
let shared: SharedStore;

async function bff(): Promise<Bff> {
  const client = await connectOrFail(standaloneStorage(prefix));
  const hot = new RedisHotStore(client, { closeClient: false });
  const name = `gptest-tracked-${randomBytes(4).toString('hex')}`;
  const waiters: { live: boolean; resolve: () => void }[] = [];
  const reads = TrackedReadCache.create(client, (key) => hot.get(key), {
    ...DEFAULT_TRACKED_READS,
    name,
    onStateChange: (live) => {
      for (const w of waiters.splice(0)) (w.live === live ? w.resolve : () => waiters.push(w))();
    },
  });
  const next = (live: boolean) => new Promise<void>((resolve) => waiters.push({ live, resolve }));
  const now = () => NOW;
  const status = new HealthStatusService(shared as unknown as HealthStore, hot, rules, { colourChanged: async () => undefined }, createLogger('silent'), now, undefined, reads);
  const made: Bff = { client, reads, name, sessions: new SessionStore(hot, 3600, now, reads), status, liveAgain: () => next(true), down: () => next(false) };
  if (!reads.live) await next(true);
  opened.push(made);
  return made;
}

async function killInvalidations(b: Bff): Promise<void> {
  const list = (await (admin as Redis).client('LIST')) as string;
  const line = list.split('\n').find((l) => l.includes(` name=${b.name}-invalidations `));
  await (admin as Redis).client('KILL', 'ID', /id=(\d+)/.exec(line!)![1]);
}

beforeAll(async () => {
  admin = await connectOrFail(standaloneStorage(''));
});

beforeEach(() => {
  shared = new SharedStore();
});

afterEach(async () => {
  for (const b of opened.splice(0)) {
    await b.reads.close();
    await closeRedisClient(b.client);
  }
  await deleteUnder(admin, prefix);
});

afterAll(async () => {
  await closeRedisClient(admin);
});

describe('sessions held by the tracked read cache, two BFFs on real Redis', () => {
  it('a session revoked through one BFF is refused by the next request on the other', async () => {
    const a = await bff();
    const b = await bff();
    const issued = await a.sessions.issue({ accountId: 'acc-1', channel: 'h5' });
    expect(await b.sessions.resolve(issued.token)).toMatchObject({ accountId: 'acc-1' });
    expect(b.reads.peek(b.sessions.keyOf(issued.token))).toMatchObject({ accountId: 'acc-1' }); // held in B

    await a.sessions.revoke(issued.token);
    await b.reads.sync();
    expect(await b.sessions.resolve(issued.token)).toBeNull();
  });

  it('a person attached through one BFF is seen by the other', async () => {
    const a = await bff();
    const b = await bff();
    const issued = await a.sessions.issue({ accountId: 'acc-2', channel: 'h5' });
    expect((await b.sessions.resolve(issued.token))?.person).toBeUndefined();
    const person = { personId: 'p-2', identity: { name: '李*', idNumber: '4****************1' } };
    await a.sessions.attachPerson(issued.token, person);
    await b.reads.sync();
    expect((await b.sessions.resolve(issued.token))?.person).toEqual(person);
  });

  it('while the invalidation connection is lost, every resolve reads Redis', async () => {
    const a = await bff();
    const b = await bff();
    const issued = await a.sessions.issue({ accountId: 'acc-3', channel: 'h5' });
    await b.sessions.resolve(issued.token);
    const down = b.down();
    await killInvalidations(b);
    await down;
    await a.sessions.revoke(issued.token);
    // Bypassed (or, if tracking is already back, set up after the revoke): either way Redis answers.
    expect(await b.sessions.resolve(issued.token)).toBeNull();
  });
});

describe('health status held by the tracked read cache, two BFFs on real Redis', () => {
  it("a colour changed through one BFF is the other's next answer, with no 2 s delay", async () => {
    const a = await bff();
    const b = await bff();
    expect((await a.status.statusOf('p1')).colour).toBe('green');
    expect((await b.status.statusOf('p1')).colour).toBe('green');
    expect(b.reads.peek(healthStatusKey('p1'))).toMatchObject({ colour: 'green' });

    shared.inputs = CLOSE_CONTACT;
    await a.status.recompute('p1', 'import:close_contact', 'official-1');
    await b.reads.sync();
    // The clock has not moved: the old in-process copy (localTtlMs) would still say green here.
    expect((await b.status.statusOf('p1')).colour).toBe('red');
    expect((await a.status.statusOf('p1')).colour).toBe('red');
  });

  it('while the invalidation connection is lost, the status is read from Redis on every request', async () => {
    const a = await bff();
    const b = await bff();
    expect((await b.status.statusOf('p2')).colour).toBe('green');
    const down = b.down();
    await killInvalidations(b);
    await down;
    expect(b.reads.peek(healthStatusKey('p2'))).toBeUndefined();
    shared.inputs = CLOSE_CONTACT;
    await a.status.recompute('p2', 'import:close_contact', 'official-1');
    expect((await b.status.statusOf('p2')).colour).toBe('red');

    if (!b.reads.live) await b.liveAgain();
    shared.inputs = NOTHING;
    await a.status.recompute('p2', 'appeal', 'official-1');
    await b.reads.sync();
    expect((await b.status.statusOf('p2')).colour).toBe('green');
  });
});
