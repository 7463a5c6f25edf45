import { Cluster } from 'ioredis';
import { describeHotStoreContract } from '../../bff/src/infra/hot-store/hot-store-contract';
import { toHotStoreError } from '../../bff/src/infra/hot-store/hot-store-errors';
import {
  counterKey,
  hashTagOf,
  idempotencyKey,
  keyGroup,
  rateLimitKey,
  sessionKey,
} from '../../bff/src/infra/hot-store/keys';
import { loadLuaCommands, luaCommand, readLuaScripts, runLua } from '../../bff/src/infra/hot-store/load-lua-commands';
import { HOT_STORE_LUA_DIR, RedisHotStore } from '../../bff/src/infra/hot-store/redis-hot-store';
import { checkScriptReply } from '../../bff/src/infra/hot-store/script-codes';
import { closeRedisClient, createRedisClient, waitForReady, type RedisClient } from '../../bff/src/infra/redis/create-redis-client';
import {
  FIXTURE_LUA_DIR,
  REDIS_CLUSTER_TEST_NODES,
  clusterStorage,
  connectOrFail,
  deleteUnder,
  keysUnder,
  redisStoreFactory,
  runPrefix,
} from './redis-test-support';

const PREFIX = runPrefix('hot-store-cluster');
let admin: Cluster;

beforeAll(async () => {
  admin = (await connectOrFail(clusterStorage(''))) as Cluster;
});

afterAll(async () => {
  if (!admin) return;
  const left = await keysUnder(admin, PREFIX);
  await deleteUnder(admin, PREFIX);
  await closeRedisClient(admin);
  expect(left).toEqual([]);
});

describeHotStoreContract(
  `RedisHotStore on Redis Cluster ${REDIS_CLUSTER_TEST_NODES.join(',')}`,
  redisStoreFactory(clusterStorage, () => admin, PREFIX),
);

async function keyslot(key: string): Promise<number> {
  return Number(await admin.cluster('KEYSLOT', key));
}

/** slot → "host:port" of the master serving it, from CLUSTER SLOTS. */
async function masterOfSlot(): Promise<(slot: number) => string> {
  const ranges = (await admin.cluster('SLOTS')) as unknown as [number, number, [string, number, ...unknown[]]][];
  return (slot) => {
    const r = ranges.find(([from, to]) => slot >= from && slot <= to);
    if (!r) throw new Error(`slot ${slot} is not served`);
    return `${r[2][0]}:${r[2][1]}`;
  };
}

/**
 * The keys keys.ts builds for each script, as the application will call it. Every script of the
 * hot-store folder and of the fixture domain folder must be listed (checked below), so a new
 * script cannot skip the slot proof.
 */
function keysForScript(run: string): Record<string, string[]> {
  const stock = keyGroup('test-stock', run, 'pharmacy-42', '2024-03-01');
  return {
    gpRateLimit: [rateLimitKey('login-ip', '203.0.113.7')],
    gpIncrByWithTtl: [counterKey('queue-number:pharmacy-42')],
    gpTakeUnit: [stock('stock'), stock('takers')],
  };
}

describe('Redis Cluster specifics', () => {
  const prefix = `${PREFIX}specific:`;
  let client: RedisClient;
  let store: RedisHotStore;

  beforeEach(async () => {
    client = await connectOrFail(clusterStorage(prefix));
    store = new RedisHotStore(client);
    loadLuaCommands(client, FIXTURE_LUA_DIR);
  });

  afterEach(async () => {
    await store.close();
    await deleteUnder(admin, prefix);
  });

  it('is of kind "cluster" and waitForReady leaves a ready connection to each of the 3 masters', () => {
    expect(store.kind).toBe('cluster');
    const masters = (client as Cluster).nodes('master');
    expect(masters).toHaveLength(3);
    expect(masters.map((m) => m.status)).toEqual(['ready', 'ready', 'ready']);
  });

  it('has no masters before it is ready (why waitForReady exists)', async () => {
    const fresh = createRedisClient(clusterStorage(prefix)) as Cluster;
    try {
      expect(fresh.nodes('master')).toEqual([]);
      await waitForReady(fresh, 3000);
      expect(fresh.nodes('master')).toHaveLength(3);
    } finally {
      await closeRedisClient(fresh);
    }
  });

  it('writes under the configured prefix with the key built by keys.ts', async () => {
    await store.set(sessionKey('h1'), 'v', 60_000);
    expect(await admin.get(`${prefix}sess:{h1}`)).toBe('v');
  });

  describe('hash tags', () => {
    it('covers every script of both Lua folders in the slot proof', () => {
      const names = [...readLuaScripts(HOT_STORE_LUA_DIR), ...readLuaScripts(FIXTURE_LUA_DIR)].map((s) => s.name);
      expect(Object.keys(keysForScript('r')).sort()).toEqual(names.sort());
    });

    it('maps the keys keys.ts builds for one script to one slot (CLUSTER KEYSLOT, prefix included)', async () => {
      const scripts = [...readLuaScripts(HOT_STORE_LUA_DIR), ...readLuaScripts(FIXTURE_LUA_DIR)];
      for (const [name, keys] of Object.entries(keysForScript('r'))) {
        expect(keys).toHaveLength(scripts.find((s) => s.name === name)!.numberOfKeys);
        const slots = await Promise.all(keys.map((k) => keyslot(prefix + k)));
        expect({ name, slots: new Set(slots).size }).toEqual({ name, slots: 1 });
      }
    });

    it('hashTagOf follows the server’s rule', async () => {
      const samples = [
        sessionKey('abc'),
        idempotencyKey('booking', 'acct:1', '{evil}'),
        `${prefix}${rateLimitKey('a', 'b')}`,
        'no-tag',
        'empty{}tag',
        'open{only',
        '{a}{b}',
        'x{}{y}',
      ];
      for (const key of samples) {
        expect({ key, slot: await keyslot(hashTagOf(key)) }).toEqual({ key, slot: await keyslot(key) });
      }
    });

    it('runs every multi-key script without CROSSSLOT, spread over all masters', async () => {
      const master = await masterOfSlot();
      const items = Array.from({ length: 60 }, (_, i) => keyGroup('test-stock', 'spread', `pharmacy-${i}`));
      await Promise.all(items.map((g) => store.set(g('stock'), '1')));
      const results = await Promise.all(
        items.map((g) => runLua<number>(client, 'gpTakeUnit', [g('stock'), g('takers')], ['citizen-1'])),
      );
      expect(results).toEqual(items.map(() => 0));
      const again = await Promise.all(
        items.map((g) =>
          runLua<number>(client, 'gpTakeUnit', [g('stock'), g('takers')], ['citizen-2'])
            .then(checkScriptReply)
            .catch((e: unknown) => e),
        ),
      );
      expect(again.every((e) => (e as { code?: string }).code === 'RATE_LIMITED')).toBe(true);
      const masters = new Set(await Promise.all(items.map(async (g) => master(await keyslot(prefix + g('stock'))))));
      expect(masters.size).toBe(3);
    });

    it('would fail with CROSSSLOT without a shared tag (the check is real)', async () => {
      const [a, b] = await twoGroupsOnDifferentSlots();
      expect(() => runLua(client, 'gpTakeUnit', [a('stock'), b('takers')], ['x'])).toThrow(/share a hash tag/);
      // Sent anyway (on one node's own connection, no pipelining), the server refuses it.
      const lua = readLuaScripts(FIXTURE_LUA_DIR).find((s) => s.name === 'gpTakeUnit')!.lua;
      const err = await admin.nodes('master')[0].eval(lua, 2, prefix + a('stock'), prefix + b('takers'), 'x').catch((e: unknown) => e);
      expect(String((err as Error).message)).toMatch(/^CROSSSLOT/);
      expect(toHotStoreError(err)).toMatchObject({ status: 500, code: 'INTERNAL' });
    });

    it('shows why runLua checks first: one cross-slot command fails every command auto-pipelined with it', async () => {
      const [a, b] = await twoGroupsOnDifferentSlots();
      const direct = luaCommand(client, 'gpTakeUnit');
      const settle = (p: Promise<unknown>) => p.then(() => 'ok', (e: Error) => e);
      // Same tick, same slot as the bad command's first key: batched into one pipeline.
      const [innocent, bad] = await Promise.all([
        settle(client.get(a('other'))),
        settle(direct(a('stock'), b('takers'), 'x')),
      ]);
      expect(String((bad as Error).message)).toMatch(/same slot/);
      expect(String((innocent as Error).message)).toMatch(/same slot/);
      expect(toHotStoreError(innocent)).toMatchObject({ status: 500, code: 'INTERNAL' });
    });
  });

  /** Two key groups whose tags hash to different slots. */
  async function twoGroupsOnDifferentSlots(): Promise<[(f: string) => string, (f: string) => string]> {
    const a = keyGroup('test-stock', 'cross', 'a');
    for (let i = 0; ; i++) {
      const b = keyGroup('test-stock', 'cross', `b${i}`);
      if ((await keyslot(prefix + a('x'))) !== (await keyslot(prefix + b('x')))) return [a, b];
    }
  }

  it('rate-limits exactly per subject under concurrency spread over the masters (auto-pipelined)', async () => {
    const subjects = Array.from({ length: 30 }, (_, i) => `10.0.0.${i}`);
    const hits = subjects.flatMap((s) => Array.from({ length: 12 }, () => s));
    const results = await Promise.all(hits.map((s) => store.hitRateLimit(rateLimitKey('login-ip', s), 5, 60_000)));
    const allowed = new Map<string, number>();
    results.forEach((r, i) => r.allowed && allowed.set(hits[i], (allowed.get(hits[i]) ?? 0) + 1));
    expect([...allowed.values()]).toEqual(subjects.map(() => 5));
  });

  it('survives SCRIPT FLUSH on every master (EVALSHA falls back to EVAL per node)', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => counterKey(`flush-${i}`));
    await Promise.all(keys.map((k) => store.incrBy(k, 1)));
    await Promise.all(admin.nodes('master').map((n) => n.script('FLUSH')));
    expect(await Promise.all(keys.map((k) => store.incrBy(k, 1)))).toEqual(keys.map(() => 2));
  });
});
