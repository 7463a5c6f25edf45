import { Registry } from 'prom-client';
import { closeRedisClient, type RedisClient } from '../../bff/src/infra/redis/create-redis-client';
import { registerStreamLagMetrics, StreamLagMonitor } from '../../bff/src/infra/redis/stream-lag';
import { connectOrFail, deleteUnder, runPrefix, standaloneStorage } from '../hot-store/redis-test-support';

/** The outbox backlog as /metrics and /readyz see it (issue 16: a stuck consumer must be visible). */
const prefix = runPrefix('stream-lag');
let client: RedisClient;
let admin: RedisClient;

beforeAll(async () => {
  client = await connectOrFail(standaloneStorage(prefix));
  admin = await connectOrFail(standaloneStorage(''));
});

afterAll(async () => {
  await deleteUnder(admin, prefix);
  await closeRedisClient(client);
  await closeRedisClient(admin);
});

it('counts waiting entries and the oldest one\'s age per shard; past the threshold the readiness check fails', async () => {
  const now = Date.now();
  await client.xadd('s:{0}:stream', `${now - 90_000}-0`, 'p', 'a');
  await client.xadd('s:{0}:stream', `${now - 1_000}-0`, 'p', 'b');
  await client.xadd('s:{1}:stream', `${now - 5_000}-0`, 'p', 'c');
  const streams = [0, 1, 2].map((shard) => ({ stream: 'test-outbox', shard, key: `s:{${shard}}:stream` }));
  const monitor = new StreamLagMonitor(client, streams, { thresholdMs: 60_000, cacheMs: 0, now: () => now });

  const lag = await monitor.sample();
  expect(lag.entries).toBe(3);
  expect(lag.oldestAgeMs).toBe(90_000);
  expect(lag.shards).toEqual([
    { stream: 'test-outbox', shard: 0, entries: 2, oldestAgeMs: 90_000 },
    { stream: 'test-outbox', shard: 1, entries: 1, oldestAgeMs: 5_000 },
    { stream: 'test-outbox', shard: 2, entries: 0, oldestAgeMs: 0 },
  ]);
  expect(await monitor.withinThreshold()).toBe(false);
  expect(await new StreamLagMonitor(client, streams, { thresholdMs: 120_000, now: () => now }).withinThreshold()).toBe(true);
  expect(await new StreamLagMonitor(client, streams, { thresholdMs: 0, now: () => now }).withinThreshold()).toBe(true);

  const registry = new Registry();
  registerStreamLagMetrics(registry, monitor);
  const text = await registry.metrics();
  expect(text).toContain('govpass_stream_entries_waiting{stream="test-outbox",shard="0"} 2');
  expect(text).toContain('govpass_stream_oldest_entry_age_seconds{stream="test-outbox",shard="0"} 90');

  // Drained: the consumer acknowledges and deletes, the lag goes back to zero.
  await client.del('s:{0}:stream', 's:{1}:stream');
  expect(await monitor.withinThreshold()).toBe(true);
});
