import { Cluster } from 'ioredis';
import type { RedisClient } from '../redis/create-redis-client';
import { DurableStreamScripts, type StreamShard } from './durable-stream';

/** An entry as XREADGROUP returns it; `fields` null: deleted while pending (nothing to write). */
export interface RawEntry {
  shard: number;
  id: string;
  fields: string[] | null;
}

type ReadReply = [string, [string, string[] | null][]][] | null;
type Command<R> = (...a: (string | number)[]) => Promise<R>;

/** Entries claimed per XAUTOCLAIM / XPENDING page. */
const CLAIM_PAGE = 500;

/**
 * One consumer's view of a stream's consumer group: the Redis commands of the group (create, read,
 * acknowledge, take over), shard by shard. The read loop and its cursors are DurableStreamConsumer's.
 */
export class StreamGroup {
  readonly cluster: boolean;
  private readonly scripts: DurableStreamScripts;
  private readonly shardOfStream = new Map<string, number>();

  constructor(
    private readonly client: RedisClient,
    readonly shards: readonly StreamShard[],
    readonly group: string,
    readonly consumer: string,
  ) {
    this.cluster = client instanceof Cluster;
    this.scripts = new DurableStreamScripts(client);
    // Replies name streams with the client's key prefix.
    const prefix = (client.options as { keyPrefix?: string }).keyPrefix ?? '';
    for (const s of shards) this.shardOfStream.set(prefix + s.stream, s.shard);
  }

  /** Creates the group on every shard (and the streams, empty); an existing group is kept. */
  async ensure(): Promise<void> {
    await Promise.all(
      this.shards.map((s) =>
        this.client.xgroup('CREATE', s.stream, this.group, '0', 'MKSTREAM').catch((err: Error) => {
          if (!/^BUSYGROUP/.test(err.message)) throw err;
        }),
      ),
    );
  }

  /** XREADGROUP over `shards` from `ids` ('>' = new entries, an id = own pending entries after it). */
  async read(shards: readonly StreamShard[], ids: readonly string[], count: number, blockMs?: number): Promise<RawEntry[]> {
    const args: (string | number)[] = ['GROUP', this.group, this.consumer, 'COUNT', count];
    if (blockMs !== undefined) args.push('BLOCK', blockMs);
    args.push('STREAMS', ...shards.map((s) => s.stream), ...ids);
    const reply = await (this.client.xreadgroup.bind(this.client) as unknown as Command<ReadReply>)(...args);
    const out: RawEntry[] = [];
    for (const [stream, items] of reply ?? []) {
      const shard = this.shardOfStream.get(stream);
      if (shard === undefined) throw new Error(`durable stream consumer: reply for unknown stream ${stream}`);
      for (const [id, fields] of items) out.push({ shard, id, fields });
    }
    return out;
  }

  /** XACK + XDEL: standalone, the whole batch in one call; a Cluster, one call per shard (auto-pipelined per master). */
  async ack(entries: readonly RawEntry[]): Promise<void> {
    const byShard = new Map<number, string[]>();
    for (const e of entries) {
      const ids = byShard.get(e.shard);
      if (ids) ids.push(e.id);
      else byShard.set(e.shard, [e.id]);
    }
    if (byShard.size === 0) return;
    if (!this.cluster) {
      await this.scripts.ackMany(this.group, new Map([...byShard].map(([shard, ids]) => [this.streamOf(shard), ids])));
      return;
    }
    await Promise.all([...byShard].map(([shard, ids]) => this.scripts.ack(this.streamOf(shard), this.group, ids)));
  }

  /** Takes over entries other consumers left unacknowledged for `minIdleMs`; returns the shards that had some. */
  async claimIdle(minIdleMs: number): Promise<number[]> {
    const xautoclaim = this.client.xautoclaim.bind(this.client) as unknown as Command<[string, string[]]>;
    const claimed = await Promise.all(
      this.shards.map(async (s) => {
        let cursor = '0-0';
        let any = false;
        do {
          const [next, ids] = await xautoclaim(s.stream, this.group, this.consumer, minIdleMs, cursor, 'COUNT', CLAIM_PAGE, 'JUSTID');
          any ||= ids.length > 0;
          cursor = next;
        } while (cursor !== '0-0');
        return any ? [s.shard] : [];
      }),
    );
    return claimed.flat();
  }

  /**
   * Claims every pending entry of consumers that have not read for `deadIdleMs` (crashed
   * processes; a live one reads every blockMs), then removes them from the group so dead names do
   * not pile up. Taking from a consumer that is merely slow is harmless: every step after the read
   * is idempotent. Returns the shards where entries were claimed.
   */
  async takeOverDead(deadIdleMs: number): Promise<number[]> {
    const xinfo = this.client.xinfo.bind(this.client) as unknown as Command<unknown[]>;
    const xpending = this.client.xpending.bind(this.client) as unknown as Command<[string, string, number, number][]>;
    const xclaim = this.client.xclaim.bind(this.client) as unknown as Command<string[]>;
    const claimed = await Promise.all(
      this.shards.map(async (s) => {
        let any = false;
        const consumers = (await xinfo('CONSUMERS', s.stream, this.group)).map(fieldsOf);
        for (const c of consumers) {
          const name = String(c.name);
          if (name === this.consumer || Number(c.idle) < deadIdleMs) continue;
          const pending = await xpending(s.stream, this.group, '-', '+', CLAIM_PAGE, name);
          if (pending.length > 0) {
            await xclaim(s.stream, this.group, this.consumer, 0, ...pending.map((p) => p[0]), 'JUSTID');
            any = true;
          }
          if (pending.length < CLAIM_PAGE) await this.client.xgroup('DELCONSUMER', s.stream, this.group, name);
        }
        return any ? [s.shard] : [];
      }),
    );
    return claimed.flat();
  }

  private streamOf(shard: number): string {
    return this.shards[shard].stream;
  }
}

/** XINFO answers a flat [k, v, …] list on RESP2 and a map on RESP3. */
function fieldsOf(reply: unknown): Record<string, unknown> {
  if (!Array.isArray(reply)) return reply as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = reply[i + 1];
  return out;
}
