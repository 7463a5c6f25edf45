import { Cluster, Redis } from 'ioredis';
import { closeRedisClient, createRedisClient, parseClusterNodes, redisClientKind, waitForReady } from './create-redis-client';

/** Unit level: what the config decides. Nothing listens on port 1, and no command is sent. */
describe('createRedisClient', () => {
  const made: (Redis | Cluster)[] = [];
  const make = (...args: Parameters<typeof createRedisClient>) => {
    const c = createRedisClient(...args);
    made.push(c);
    return c;
  };

  afterEach(async () => {
    for (const c of made.splice(0)) await closeRedisClient(c);
  });

  it('makes a standalone client with the prefix and fail-fast options', () => {
    const c = make({ redisUrl: 'redis://127.0.0.1:1', redisClusterNodes: [], redisKeyPrefix: 'gp:' });
    expect(c).toBeInstanceOf(Redis);
    expect(redisClientKind(c)).toBe('redis');
    expect(c.options).toMatchObject({ keyPrefix: 'gp:', enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1000 });
  });

  it('makes a Cluster when nodes are given (they win over the URL), auto-pipelined', () => {
    const c = make({ redisUrl: 'redis://127.0.0.1:1', redisClusterNodes: ['127.0.0.1:1', 'localhost:2'], redisKeyPrefix: 'gp:' });
    expect(c).toBeInstanceOf(Cluster);
    expect(redisClientKind(c)).toBe('cluster');
    expect(c.options).toMatchObject({ keyPrefix: 'gp:', enableAutoPipelining: true, enableOfflineQueue: false });
  });

  it('refuses a prefix with braces (it would tag every key into one slot)', () => {
    expect(() => createRedisClient({ redisUrl: 'redis://x:1', redisClusterNodes: [], redisKeyPrefix: '{gp}:' })).toThrow(
      /must not contain/,
    );
  });

  it('needs a URL or nodes', () => {
    expect(() => createRedisClient({ redisUrl: null, redisClusterNodes: [], redisKeyPrefix: '' })).toThrow(/required/);
  });

  it('parses host:port nodes', () => {
    expect(parseClusterNodes(['10.0.0.1:7000', 'redis-a:7001'])).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-a', port: 7001 },
    ]);
    expect(() => parseClusterNodes(['nohost'])).toThrow(/host:port/);
  });

  it('fails fast: a command before ready is refused at once, and waitForReady times out clearly', async () => {
    const c = make({ redisUrl: 'redis://127.0.0.1:1', redisClusterNodes: [], redisKeyPrefix: '' }, { connectTimeoutMs: 200 });
    await expect(c.get('x')).rejects.toThrow(/enableOfflineQueue/);
    await expect(waitForReady(c, 300)).rejects.toThrow(/Redis not ready after 300 ms: .*ECONNREFUSED/);
  });
});
