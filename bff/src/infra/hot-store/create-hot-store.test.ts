import { createHotStore, usesRedis } from './create-hot-store';
import { MemoryHotStore } from './memory-hot-store';

describe('createHotStore', () => {
  it('uses the in-process store when neither a URL nor cluster nodes are configured', async () => {
    const store = await createHotStore({ redisUrl: null, redisClusterNodes: [], redisKeyPrefix: 'gp:' });
    expect(store).toBeInstanceOf(MemoryHotStore);
    expect(store.kind).toBe('memory');
    await store.close();
  });

  it('uses Redis for a URL or cluster nodes', () => {
    expect(usesRedis({ redisUrl: 'redis://h:6379', redisClusterNodes: [], redisKeyPrefix: '' })).toBe(true);
    expect(usesRedis({ redisUrl: null, redisClusterNodes: ['h:7000'], redisKeyPrefix: '' })).toBe(true);
    expect(usesRedis({ redisUrl: null, redisClusterNodes: [], redisKeyPrefix: '' })).toBe(false);
  });

  it('fails start-up with a clear error when Redis does not answer', async () => {
    await expect(
      createHotStore({ redisUrl: 'redis://127.0.0.1:1', redisClusterNodes: [], redisKeyPrefix: '' }, { readyTimeoutMs: 300 }),
    ).rejects.toThrow(/Redis not ready after 300 ms/);
  });
});
