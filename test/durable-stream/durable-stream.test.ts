import { createRedisClient, closeRedisClient, waitForReady, type RedisClient } from '../../bff/src/infra/redis/create-redis-client';
import { DurableStream, DurableStreamScripts } from '../../bff/src/infra/durable-stream/durable-stream';
import { DurableStreamConsumer, type BatchSink, type EntryFields } from '../../bff/src/infra/durable-stream/durable-stream-consumer';
import { keyGroup } from '../../bff/src/infra/hot-store/keys';
import { REDIS_URL, uniquePrefix } from '../support/test-services';

/** A sink that counts writes per id: "exactly once" means every id written, none twice into the table. */
class RecordingSink implements BatchSink<string> {
  readonly rows = new Map<string, number>();
  failNext = 0;
  decode(payload: string): string {
    if (!payload.startsWith('id-')) throw new Error('malformed');
    return payload;
  }
  async write(batch: readonly string[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('database down');
    }
    for (const id of batch) this.rows.set(id, (this.rows.get(id) ?? 0) + 1);
  }
}

const CLUSTER_NODES = ['127.0.0.1:7000', '127.0.0.1:7001', '127.0.0.1:7002'];

describe.each([
  ['standalone', { redisUrl: REDIS_URL, redisClusterNodes: [] as string[] }],
  ['cluster', { redisUrl: null, redisClusterNodes: CLUSTER_NODES }],
])('durable stream on %s Redis', (_kind, storage) => {
  const prefix = uniquePrefix('ds');
  const make = () => createRedisClient({ ...storage, redisKeyPrefix: prefix });
  let client: RedisClient;
  let reader: RedisClient;
  beforeAll(async () => {
    client = make();
    await waitForReady(client);
    reader = make();
    await waitForReady(reader);
  });
  afterAll(async () => {
    await closeRedisClient(reader);
    await closeRedisClient(client);
  });

  it('delivers every appended entry once, also those a dead consumer held', async () => {
    const stream = new DurableStream({ name: 'test-log', shards: 8 });
    const scripts = new DurableStreamScripts(client);
    const ids = Array.from({ length: 500 }, (_, i) => `id-${i}`);
    await Promise.all(ids.map((id) => scripts.append(stream, `partition-${id}`, id)));
    await scripts.append(stream, 'bad', 'garbage');

    // A consumer reads a batch and dies before acknowledging (its sink fails, then it is gone).
    const deadSink = new RecordingSink();
    deadSink.failNext = 1;
    const dead = new DurableStreamConsumer(reader, stream, deadSink, { consumer: 'dead-one', readCount: 50 });
    await expect(dead.drain()).rejects.toThrow('database down');

    const sink = new RecordingSink();
    const live = new DurableStreamConsumer(reader, stream, sink, { consumer: 'live-one', deadConsumerIdleMs: 0, claimEveryMs: 10, idleMs: 5, blockMs: 20 });
    await live.start();
    const deadline = Date.now() + 10_000;
    while (sink.rows.size < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await live.stop();
    expect(sink.rows.size).toBe(ids.length);
    expect([...sink.rows.values()].every((n) => n === 1)).toBe(true);
    // Only the malformed entry stays (pending, for an operator); everything written was deleted.
    const lengths = await Promise.all(stream.allShards().map((s) => client.xlen(s.stream)));
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(1);
  }, 20_000);

  it('reads a stream of its own key layout, partition, group and entry fields (the masks outbox shape)', async () => {
    const stream = new DurableStream({ name: 'legacy-log', shards: 4, layout: { keyGroup: (shard) => keyGroup('lg', shard), streamField: 'box' }, partition: (k) => Number(k) % 4 });
    expect(stream.shard(2).stream).toBe('lg:{2}:box');
    expect(stream.shard(2).key('seen')).toBe('lg:{2}:seen');
    expect(stream.shardOf('7').shard).toBe(3);
    await Promise.all(Array.from({ length: 40 }, (_, i) => client.xadd(stream.shardOf(String(i)).stream, '*', 'res', `id-${i}`, 'n', String(i))));
    const seen: [string, EntryFields][] = [];
    const sink: BatchSink<string> = {
      decode: (payload, fields) => {
        seen.push([payload, fields]);
        return `${fields.res}/${fields.n}`;
      },
      write: async (batch) => void written.push(...batch),
    };
    const written: string[] = [];
    const consumer = new DurableStreamConsumer(reader, stream, sink, { consumer: 'legacy-one', group: 'legacy-group' });
    expect(consumer.group).toBe('legacy-group');
    expect(await consumer.drain()).toBe(40);
    expect(written.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `id-${i}/${i}`).sort());
    expect(seen.every(([payload, f]) => payload === '' && Object.keys(f).sort().join() === 'n,res')).toBe(true);
    const groups = (await client.xinfo('GROUPS', stream.shard(0).stream)) as unknown[][];
    expect(groups.map((g) => g[1])).toEqual(['legacy-group']);
    const lengths = await Promise.all(stream.allShards().map((sh) => client.xlen(sh.stream)));
    expect(lengths).toEqual([0, 0, 0, 0]);
  });

  it('reads less and less while nothing comes, and still writes the next entry promptly', async () => {
    const stream = new DurableStream({ name: 'quiet-log', shards: 4 });
    const scripts = new DurableStreamScripts(client);
    const sink = new RecordingSink();
    const quiet = new DurableStreamConsumer(reader, stream, sink, { consumer: 'quiet-one', idleMs: 20, maxIdleMs: 160, blockMs: 300, claimEveryMs: 60_000 });
    const reads = jest.spyOn(reader, 'xreadgroup');
    try {
      await quiet.start();
      await new Promise((r) => setTimeout(r, 1_500));
      // Standalone BLOCKs (≈ 1.5 s / 300 ms reads); a Cluster sweeps its 4 shards after pauses of
      // 20, 40, 80, then 160 ms (≈ 12 sweeps): without the back-off it would be 75 sweeps, 300 reads.
      expect(reads.mock.calls.length).toBeLessThan(_kind === 'cluster' ? 4 * 16 : 10);
      await scripts.append(stream, 'after-quiet', 'id-after-quiet');
      const deadline = Date.now() + 2_000;
      while (!sink.rows.has('id-after-quiet') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(sink.rows.get('id-after-quiet')).toBe(1);
    } finally {
      reads.mockRestore();
      await quiet.stop();
    }
  }, 15_000);

  it('keeps a partition on one shard, and its keys in the stream slot', () => {
    const stream = new DurableStream({ name: 'test-log', shards: 64 });
    const s = stream.shardOf('person-1');
    expect(stream.shardOf('person-1')).toBe(s);
    expect(s.key('seen').split('}')[0]).toBe(s.stream.split('}')[0]);
    expect(new Set(Array.from({ length: 2000 }, (_, i) => stream.shardOf(`p${i}`).shard)).size).toBe(64);
  });
});
