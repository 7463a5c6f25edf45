import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describeHotStoreContract } from '../../bff/src/infra/hot-store/hot-store-contract';
import { createHotStore } from '../../bff/src/infra/hot-store/create-hot-store';
import { counterKey, keyGroup, rateLimitKey, sessionKey } from '../../bff/src/infra/hot-store/keys';
import { loadLuaCommands, loadedLuaScripts, runLua } from '../../bff/src/infra/hot-store/load-lua-commands';
import { RedisHotStore } from '../../bff/src/infra/hot-store/redis-hot-store';
import { checkScriptReply } from '../../bff/src/infra/hot-store/script-codes';
import { closeRedisClient, createRedisClient, waitForReady, type RedisClient } from '../../bff/src/infra/redis/create-redis-client';
import {
  FIXTURE_LUA_DIR,
  REDIS_TEST_URL,
  connectOrFail,
  deleteUnder,
  keysUnder,
  redisStoreFactory,
  runPrefix,
  standaloneStorage,
} from './redis-test-support';

const PREFIX = runPrefix('hot-store');
let admin: RedisClient;

beforeAll(async () => {
  admin = await connectOrFail(standaloneStorage(''));
});

afterAll(async () => {
  if (!admin) return;
  const left = await keysUnder(admin, PREFIX);
  await deleteUnder(admin, PREFIX);
  await closeRedisClient(admin);
  expect(left).toEqual([]);
});

describeHotStoreContract(`RedisHotStore on ${REDIS_TEST_URL}`, redisStoreFactory(standaloneStorage, () => admin, PREFIX));

describe('RedisHotStore (standalone) specifics', () => {
  const prefix = `${PREFIX}specific:`;
  let client: RedisClient;
  let store: RedisHotStore;

  beforeEach(async () => {
    client = await connectOrFail(standaloneStorage(prefix));
    store = new RedisHotStore(client);
  });

  afterEach(async () => {
    await store.close();
    await deleteUnder(admin, prefix);
  });

  it('is of kind "redis" and registers this folder’s scripts by file name', () => {
    expect(store.kind).toBe('redis');
    expect(loadedLuaScripts(client).map((s) => [s.name, s.numberOfKeys])).toEqual([
      ['gpIncrByWithTtl', 1],
      ['gpRateLimit', 1],
    ]);
  });

  it('writes under the configured prefix, with the key built by keys.ts', async () => {
    await store.set(sessionKey('h1'), 'v', 60_000);
    await store.hitRateLimit(rateLimitKey('login-ip', '10.0.0.1'), 5, 60_000);
    expect(await admin.get(`${prefix}sess:{h1}`)).toBe('v');
    expect(await admin.get(`${prefix}rl:{login-ip:10.0.0.1}`)).toBe('1');
    expect(await admin.pttl(`${prefix}rl:{login-ip:10.0.0.1}`)).toBeGreaterThan(0);
  });

  it('survives a SCRIPT FLUSH (EVALSHA falls back to EVAL)', async () => {
    await store.incrBy(counterKey('x'), 1);
    await admin.script('FLUSH');
    expect(await store.incrBy(counterKey('x'), 1)).toBe(2);
    expect((await store.hitRateLimit(rateLimitKey('a', 'b'), 1, 1000)).allowed).toBe(true);
  });

  describe('a domain’s own Lua folder (fixture) on the same client', () => {
    const group = () => keyGroup('test-stock', 'run', 'item-1');

    beforeEach(() => {
      loadLuaCommands(client, FIXTURE_LUA_DIR);
    });

    it('runs the multi-key script and maps its codes to AppErrors', async () => {
      const k = group();
      await store.set(k('stock'), '2');
      const take = (who: string) => runLua<number>(client, 'gpTakeUnit', [k('stock'), k('takers')], [who]).then(checkScriptReply);
      expect(await take('a')).toBe(1);
      expect(await take('b')).toBe(0);
      await expect(take('c')).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED', details: { scriptCode: -1 } });
      expect((await admin.smembers(`${prefix}${k('takers')}`)).sort()).toEqual(['a', 'b']);
      await store.set(k('stock'), 'lots');
      await expect(take('d')).rejects.toMatchObject({ status: 500, code: 'INTERNAL', details: { scriptCode: -2 } });
    });

    it('refuses, before sending, keys that do not share a hash tag (CROSSSLOT on a cluster)', () => {
      const stray = keyGroup('test-stock', 'run', 'item-2')('takers');
      expect(() => runLua(client, 'gpTakeUnit', [group()('stock'), stray], ['a'])).toThrow(/share a hash tag/);
      expect(() => runLua(client, 'gpTakeUnit', [group()('stock')], ['a'])).toThrow(/takes 2 keys, got 1/);
      expect(() => runLua(client, 'gpNoSuchScript', [], [])).toThrow(/not loaded/);
    });
  });
});

describe('createHotStore with Redis configured', () => {
  it('returns a ready RedisHotStore', async () => {
    const prefix = `${PREFIX}factory:`;
    const store = await createHotStore(standaloneStorage(prefix));
    try {
      expect(store.kind).toBe('redis');
      expect(await store.ping()).toBe(true);
      await store.set(sessionKey('f'), 'x', 10_000);
      expect(await admin.get(`${prefix}sess:{f}`)).toBe('x');
    } finally {
      await store.close();
      await deleteUnder(admin, prefix);
    }
  });

  it('fails start-up clearly when Redis does not answer', async () => {
    const port = await freePort();
    const started = Date.now();
    await expect(
      createHotStore(
        { redisUrl: `redis://127.0.0.1:${port}`, redisClusterNodes: [], redisKeyPrefix: '' },
        { readyTimeoutMs: 800 },
      ),
    ).rejects.toThrow(/Redis not ready after 800 ms: .*ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('outage of a private redis-server', () => {
  let port: number;
  let server: ChildProcess;
  let store: RedisHotStore;

  beforeAll(async () => {
    port = await freePort();
    server = await startServer(port);
    const client = createRedisClient({ redisUrl: `redis://127.0.0.1:${port}`, redisClusterNodes: [], redisKeyPrefix: 'outage:' });
    await waitForReady(client, 5000);
    store = new RedisHotStore(client);
  });

  afterAll(async () => {
    await store?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await once(server, 'exit');
    }
  });

  it('answers 503 STORE_UNAVAILABLE at once while Redis is down, ping false, and recovers', async () => {
    await store.set(sessionKey('o'), 'x');
    server.kill('SIGTERM');
    await once(server, 'exit');
    await sleep(100);

    for (const op of [() => store.get(sessionKey('o')), () => store.hitRateLimit(rateLimitKey('a', 'b'), 1, 1000)]) {
      const started = Date.now();
      await expect(op()).rejects.toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(200);
    }
    expect(await store.ping()).toBe(false);

    server = await startServer(port);
    await waitUntil(() => store.ping(), 6000);
    expect(await store.get(sessionKey('o'))).toBeNull(); // a new, empty server
    expect(await store.incrBy(counterKey('o'), 2)).toBe(2);
  });

  it('times a hung server out (commandTimeout) instead of waiting forever', async () => {
    server.kill('SIGSTOP');
    try {
      const started = Date.now();
      await expect(store.get(sessionKey('h'))).rejects.toMatchObject({
        status: 503,
        code: 'STORE_UNAVAILABLE',
        message: expect.stringMatching(/timed out/i),
      });
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(900);
      expect(took).toBeLessThan(2000);
    } finally {
      server.kill('SIGCONT');
    }
    await waitUntil(() => store.ping(), 6000);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as { port: number };
  srv.close();
  await once(srv, 'close');
  return port;
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  child.on('error', () => {});
  const probe = new (await import('ioredis')).Redis({ port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  try {
    await waitUntil(async () => {
      try {
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      }
    }, 5000);
  } finally {
    probe.disconnect();
  }
  return child;
}
