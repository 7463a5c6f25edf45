import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { keyGroup } from '../hot-store/keys';
import { loadLuaCommands, luaCommand, runLua } from '../hot-store/load-lua-commands';
import { toHotStoreError } from '../hot-store/hot-store-errors';
import type { RedisClient } from '../redis/create-redis-client';
import type { ReplicaAck } from '../redis/replica-ack';

/** This folder's scripts: stream-append.lua → gpStreamAppend, stream-ack.lua → gpStreamAck … */
export const DURABLE_STREAM_LUA_DIR = join(__dirname, 'lua');

/** The one field of an entry: its payload (docs/durable-stream.md). */
export const PAYLOAD_FIELD = 'p';

export interface DurableStreamSpec {
  /** Lower-case kebab name, e.g. `checkins`, `hall-tickets`: part of every key. */
  name: string;
  /**
   * Shards spread appends and the consumer's reads over every Cluster master (64 ≈ 21 per master
   * on 3). A partition key (a person, a hall) always lands on the same shard, so a script can keep
   * that partition's hot state next to the stream and decide + append atomically.
   */
  shards: number;
  /**
   * Keys of a stream that predates this module and holds live data (the masks outbox:
   * `mq:{<shard>}:outbox`, which the booking scripts XADD to). Default `ds:{<name>:<shard>}:stream`.
   */
  layout?: StreamKeyLayout;
  /** Partition key → shard index in 0..shards-1, stable forever. Default FNV-1a mod shards. */
  partition?: (partitionKey: string) => number;
}

/** A shard's key group (every key of one shard in one slot) and the stream's field in it. */
export interface StreamKeyLayout {
  keyGroup(shard: number): (field: string) => string;
  streamField: string;
}

const DEFAULT_LAYOUT = (name: string): StreamKeyLayout => ({ keyGroup: (shard) => keyGroup('ds', name, shard), streamField: 'stream' });

export interface StreamShard {
  shard: number;
  /** The shard's stream. */
  stream: string;
  /** Any other key in the shard's slot (a script's hot state): `ds:{<name>:<shard>}:<field>`. */
  key(field: string): string;
}

/** FNV-1a, 32-bit: stable across runtimes and releases (a partition must not move shards). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A sharded, durable append log on Redis Streams: an entry appended (and answered) survives the
 * process that appended it; a DurableStreamConsumer moves entries into the database in batches and
 * only then deletes them. See docs/durable-stream.md.
 */
export class DurableStream {
  readonly name: string;
  readonly shardCount: number;
  private readonly shardList: StreamShard[];
  private readonly partition: (partitionKey: string) => number;

  constructor(spec: DurableStreamSpec) {
    if (!/^[a-z][a-z0-9-]*$/.test(spec.name)) throw new TypeError(`durable stream name "${spec.name}" must be lower-case kebab`);
    if (!Number.isInteger(spec.shards) || spec.shards < 1 || spec.shards > 1024) throw new RangeError('durable stream shards must be 1..1024');
    this.name = spec.name;
    this.shardCount = spec.shards;
    const layout = spec.layout ?? DEFAULT_LAYOUT(spec.name);
    this.shardList = Array.from({ length: spec.shards }, (_, shard) => {
      const k = layout.keyGroup(shard);
      return Object.freeze({ shard, stream: k(layout.streamField), key: k });
    });
    this.partition = spec.partition ?? ((key) => fnv1a(key) % this.shardCount);
  }

  /** The shard of a partition key (a person id, a hall id …). */
  shardOf(partitionKey: string): StreamShard {
    if (partitionKey.length === 0) throw new TypeError('partition key must not be empty');
    return this.shard(this.partition(partitionKey));
  }

  shard(index: number): StreamShard {
    const s = this.shardList[index];
    if (!s) throw new RangeError(`no shard ${index} in durable stream ${this.name}`);
    return s;
  }

  allShards(): readonly StreamShard[] {
    return this.shardList;
  }
}

/** Loads the stream scripts on a client and appends / acknowledges; the only place that knows their ARGV. */
export class DurableStreamScripts {
  readonly cluster: boolean;

  /** `replicaAck`: append() resolves only once the entry is on the configured replicas. */
  constructor(
    private readonly client: RedisClient,
    private readonly replicaAck: ReplicaAck | null = null,
  ) {
    loadLuaCommands(client, DURABLE_STREAM_LUA_DIR);
    this.cluster = client instanceof Cluster;
  }

  /** Appends one payload to the partition's shard; resolves (with the entry id) once Redis has it. */
  async append(stream: DurableStream, partitionKey: string, payload: string): Promise<string> {
    const key = stream.shardOf(partitionKey).stream;
    let id: string;
    try {
      id = await runLua<string>(this.client, 'gpStreamAppend', [key], [payload]);
    } catch (err) {
      throw toHotStoreError(err);
    }
    await this.replicaAck?.acknowledge(key);
    return id;
  }

  ack(streamKey: string, group: string, ids: readonly string[]): Promise<number> {
    return runLua<number>(this.client, 'gpStreamAck', [streamKey], [group, ...ids]);
  }

  /** Standalone only: a whole batch over many shards in one call. */
  ackMany(group: string, byStream: ReadonlyMap<string, readonly string[]>): Promise<number> {
    if (this.cluster) throw new TypeError('stream-ack-many.lua spans slots: standalone Redis only');
    const keys = [...byStream.keys()];
    const counts = keys.map((k) => (byStream.get(k) as readonly string[]).length);
    const ids = keys.flatMap((k) => byStream.get(k) as readonly string[]);
    return luaCommand<number>(this.client, 'gpStreamAckMany')(keys.length, ...keys, group, ...counts, ...ids);
  }
}
