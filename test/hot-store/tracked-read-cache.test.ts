import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { closeRedisClient, type RedisClient } from '../../bff/src/infra/redis/create-redis-client';
import { DEFAULT_TRACKED_READS, TrackedReadCache, type CachedReads } from '../../bff/src/infra/redis/tracked-read-cache';
import { clusterStorage, connectOrFail, deleteUnder, runPrefix, standaloneStorage } from './redis-test-support';

/** One BFF-like process: its own app client and its own tracked cache, on the shared prefix. */
interface Bff {
  client: RedisClient;
  cache: CachedReads;
  name: string;
  states: boolean[];
  /** Resolves when the cache next reports `live`. */
  next(live: boolean): Promise<void>;
}

const prefix = runPrefix('tracked');
let admin: RedisClient;
const opened: Bff[] = [];

async function bff(storage = standaloneStorage(prefix)): Promise<Bff> {
  const client = await connectOrFail(storage);
  const name = `gptest-tracked-${randomBytes(4).toString('hex')}`;
  const states: boolean[] = [];
  const waiters: { live: boolean; resolve: () => void }[] = [];
  const cache = TrackedReadCache.create(client, (key) => client.get(key), {
    ...DEFAULT_TRACKED_READS,
    name,
    onStateChange: (live) => {
      states.push(live);
      for (const w of waiters.splice(0)) (w.live === live ? w.resolve : () => waiters.push(w))();
    },
  });
  const made: Bff = { client, cache, name, states, next: (live) => new Promise((resolve) => waiters.push({ live, resolve })) };
  opened.push(made);
  return made;
}

async function liveBff(): Promise<Bff> {
  const b = await bff();
  if (!b.cache.live) await b.next(true);
  return b;
}

/** The server-side id of one of a cache's connections, by its name. */
async function clientIdOf(name: string): Promise<string> {
  const list = (await (admin as Redis).client('LIST')) as string;
  const line = list.split('\n').find((l) => l.includes(` name=${name} `));
  if (!line) throw new Error(`no connection named ${name}`);
  return /id=(\d+)/.exec(line)![1];
}

const json = (raw: string) => JSON.parse(raw) as { v: number };

beforeAll(async () => {
  admin = await connectOrFail(standaloneStorage(''));
});

afterEach(async () => {
  for (const b of opened.splice(0)) {
    await b.cache.close();
    await closeRedisClient(b.client);
  }
  await deleteUnder(admin, prefix);
});

afterAll(async () => {
  await closeRedisClient(admin);
});

describe('TrackedReadCache (Redis client-side caching, two BFF-like processes on real Redis)', () => {
  it('serves a repeated read from memory: one parse, the same object', async () => {
    const a = await liveBff();
    await a.client.set('k', '{"v":1}');
    const parse = jest.fn(json);
    const first = await a.cache.read('k', parse);
    const second = await a.cache.read('k', parse);
    expect(first).toEqual({ v: 1 });
    expect(second).toBe(first);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(a.cache.peek('k')).toBe(first);
  });

  it("a write through one process is seen by the other's next read", async () => {
    const a = await liveBff();
    const b = await liveBff();
    await a.client.set('session', '{"v":1}');
    expect(await b.cache.read('session', json)).toEqual({ v: 1 });
    expect(b.cache.peek('session')).toEqual({ v: 1 });

    await a.client.set('session', '{"v":2}');
    await b.cache.sync();
    expect(b.cache.peek('session')).toBeUndefined();
    expect(await b.cache.read('session', json)).toEqual({ v: 2 });

    await a.client.del('session'); // a revoked session
    await b.cache.sync();
    expect(await b.cache.read('session', json)).toBeNull();
  });

  it('an expired key is dropped too, once Redis reclaims it (a later access or its expiry cycle)', async () => {
    const a = await liveBff();
    await a.client.set('short', '{"v":1}', 'PX', 50);
    expect(await a.cache.read('short', json)).toEqual({ v: 1 });
    await new Promise((r) => setTimeout(r, 80)); // past its expiry (not an assertion on time)
    // Until Redis deletes it the copy stays: why SessionStore re-reads a copy older than the session TTL.
    expect(await a.client.get('short')).toBeNull(); // this access reclaims it: Redis invalidates
    await a.cache.sync();
    expect(a.cache.peek('short')).toBeUndefined();
    expect(await a.cache.read('short', json)).toBeNull();
  });

  it('a read under way when its key is invalidated is answered but not kept', async () => {
    const a = await liveBff();
    await a.client.set('k', '{"v":1}');
    const reading = a.cache.read('k', json);
    a.cache.forget('k'); // what an invalidation arriving before the reply does
    expect(await reading).toEqual({ v: 1 });
    expect(a.cache.peek('k')).toBeUndefined();
    expect(await a.cache.read('k', json)).toEqual({ v: 1 });
    expect(a.cache.peek('k')).toEqual({ v: 1 });
  });

  it('losing the invalidation connection flushes the cache and bypasses it until tracking is back', async () => {
    const a = await liveBff();
    const b = await liveBff();
    await a.client.set('status', '{"v":1}');
    expect(await b.cache.read('status', json)).toEqual({ v: 1 });

    const down = b.next(false);
    await (admin as Redis).client('KILL', 'ID', await clientIdOf(`${b.name}-invalidations`));
    await down;
    expect(b.cache.peek('status')).toBeUndefined();
    // Whatever happens while no invalidation can arrive, a read goes to Redis.
    await a.client.set('status', '{"v":2}');
    if (!b.cache.live) expect(await b.cache.read('status', json)).toEqual({ v: 2 });

    if (!b.cache.live) await b.next(true);
    expect(await b.cache.read('status', json)).toEqual({ v: 2 });
    await a.client.set('status', '{"v":3}'); // tracking now redirects to the new subscriber
    await b.cache.sync();
    expect(await b.cache.read('status', json)).toEqual({ v: 3 });
    expect(b.states).toEqual([true, false, true]);
  });

  it('losing the tracked reader does the same (its tracking died with it)', async () => {
    const a = await liveBff();
    const b = await liveBff();
    await a.client.set('k', '{"v":1}');
    expect(await b.cache.read('k', json)).toEqual({ v: 1 });
    const down = b.next(false);
    await (admin as Redis).client('KILL', 'ID', await clientIdOf(`${b.name}-tracked-reads`));
    await down;
    expect(b.cache.peek('k')).toBeUndefined();
    await b.next(true);
    expect(await b.cache.read('k', json)).toEqual({ v: 1 });
    await a.client.set('k', '{"v":2}');
    await b.cache.sync();
    expect(await b.cache.read('k', json)).toEqual({ v: 2 });
  });

  it('on Redis Cluster it caches nothing: every read goes to the store', async () => {
    const c = await bff(clusterStorage(prefix));
    await c.client.set('k', '{"v":1}');
    expect(c.cache.live).toBe(false);
    expect(await c.cache.read('k', json)).toEqual({ v: 1 });
    expect(c.cache.peek('k')).toBeUndefined();
    await c.client.del('k');
  });
});
