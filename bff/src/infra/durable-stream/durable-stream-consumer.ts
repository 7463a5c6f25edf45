import { Cluster } from 'ioredis';
import type { RedisClient } from '../redis/create-redis-client';
import { refreshSlotsAfter } from '../redis/redis-retry';
import { PAYLOAD_FIELD, DurableStreamScripts, type DurableStream, type StreamShard } from './durable-stream';

/** One entry read from a shard. */
export interface StreamEntry {
  shard: number;
  id: string;
  payload: string;
}

/**
 * Where a stream's entries become durable (a MySQL table). `write` must be idempotent: an entry is
 * delivered at least once (again after a crash between the write and the acknowledgement), so a
 * redelivered entry must change nothing (insert-ignore on an id carried in the payload).
 * Throwing leaves the whole batch unacknowledged; it is read again after a back-off.
 */
export interface BatchSink<T> {
  /** Payload → record; throw for a malformed payload (it is logged and left pending, never dropped). */
  decode(payload: string): T;
  write(batch: readonly T[]): Promise<void>;
}

export interface StreamLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const SILENT: StreamLogger = { warn: () => undefined, error: () => undefined };

export interface DurableStreamConsumerOptions {
  /** This consumer's name in the group: unique per live process (stable across restarts is best). */
  consumer: string;
  /** Default `<stream name>-sink`. */
  group?: string;
  /** Entries per shard per read. */
  readCount?: number;
  /** Standalone: BLOCK of the live read; must stay below the client's commandTimeout. */
  blockMs?: number;
  /** Cluster (no multi-slot BLOCK): pause after a sweep found nothing. */
  idleMs?: number;
  /** After a batch smaller than lingerBelow, wait this long so batches grow under load. */
  lingerMs?: number;
  lingerBelow?: number;
  /** Entries another consumer has held this long unacknowledged are taken over. */
  claimIdleMs?: number;
  claimEveryMs?: number;
  /** A consumer with pending entries that has not read for this long is dead: take its entries at once. */
  deadConsumerIdleMs?: number;
  maxBackoffMs?: number;
  logger?: StreamLogger;
}

type Settings = Required<Omit<DurableStreamConsumerOptions, 'logger'>>;
interface RawEntry {
  shard: number;
  id: string;
  fields: string[] | null;
}
type ReadReply = [string, [string, string[] | null][]][] | null;
type Command<R> = (...a: (string | number)[]) => Promise<R>;

const LIVE = '>';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Moves a DurableStream into its BatchSink: XREADGROUP (its own pending entries first after a
 * restart, then new ones), one sink write per batch, then XACK + XDEL (stream-ack.lua). A crash
 * anywhere before the acknowledgement means the entries are read again (by this consumer after a
 * restart, or by another one that takes over a dead consumer's pending entries); with an
 * idempotent sink every acknowledged entry lands exactly once. Give it its own connection
 * (client.duplicate()): the standalone live read BLOCKs it.
 */
export class DurableStreamConsumer<T> {
  private readonly scripts: DurableStreamScripts;
  private readonly shards: readonly StreamShard[];
  private readonly shardOfStream = new Map<string, number>();
  private readonly cursors = new Map<number, string>();
  private readonly o: Settings;
  private readonly logger: StreamLogger;
  private readonly cluster: boolean;
  private lock: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly client: RedisClient,
    stream: DurableStream,
    private readonly sink: BatchSink<T>,
    options: DurableStreamConsumerOptions,
  ) {
    const defined = Object.fromEntries(Object.entries(options).filter(([k, v]) => v !== undefined && k !== 'logger'));
    this.o = {
      group: `${stream.name}-sink`,
      readCount: 200,
      blockMs: 100,
      idleMs: 50,
      lingerMs: 20,
      lingerBelow: 200,
      claimIdleMs: 30_000,
      claimEveryMs: 1_000,
      deadConsumerIdleMs: 5_000,
      maxBackoffMs: 5_000,
      ...defined,
      consumer: options.consumer,
    };
    this.logger = options.logger ?? SILENT;
    this.cluster = client instanceof Cluster;
    const redisOptions = client instanceof Cluster ? client.options.redisOptions : client.options;
    const timeout = redisOptions?.commandTimeout;
    if (timeout !== undefined && this.o.blockMs >= timeout) throw new RangeError(`blockMs (${this.o.blockMs}) must stay below commandTimeout (${timeout})`);
    this.scripts = new DurableStreamScripts(client);
    this.shards = stream.allShards();
    const prefix = (client.options as { keyPrefix?: string }).keyPrefix ?? '';
    for (const s of this.shards) this.shardOfStream.set(prefix + s.stream, s.shard);
    this.recoverAll();
  }

  get group(): string {
    return this.o.group;
  }

  /** Creates the group on every shard and starts reading in the background. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    await this.ensureGroups();
    this.loop = this.run();
  }

  /** Lets the current batch finish (written and acknowledged), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /**
   * Writes everything in the stream now: own pending entries, entries idle for `claimIdleMs` (0 takes
   * every pending entry: for a rebuild), and all new ones. Returns the number handled.
   */
  async drain(options: { claimIdleMs?: number } = {}): Promise<number> {
    await this.ensureGroups();
    await this.locked(() => this.claimIdle(options.claimIdleMs ?? this.o.claimIdleMs));
    let total = 0;
    for (;;) {
      const n = await this.locked(() => this.iterate(false));
      total += n;
      if (n === 0 && [...this.cursors.values()].every((c) => c === LIVE)) return total;
    }
  }

  private async run(): Promise<void> {
    let backoff = 0;
    let lastClaim = 0;
    while (!this.stopping) {
      try {
        if (Date.now() - lastClaim >= this.o.claimEveryMs) {
          await this.locked(() => this.claimIdle(this.o.claimIdleMs));
          await this.locked(() => this.takeOverDeadConsumers());
          lastClaim = Date.now();
        }
        const n = await this.locked(() => this.iterate(true));
        backoff = 0;
        if (n > 0 && n < this.o.lingerBelow) await this.pause(this.o.lingerMs);
      } catch (err) {
        backoff = Math.min(this.o.maxBackoffMs, backoff ? backoff * 2 : 100);
        this.logger.error({ err, stream: this.o.group, backoffMs: backoff }, 'durable stream consumer: batch failed, will re-read it');
        // A topology change (failover, MOVED in a batch mixing slots) leaves this connection's slot
        // map stale until something refreshes it: do it now rather than wait for the periodic one.
        await Promise.all([refreshSlotsAfter(this.client, err), this.pause(backoff)]);
      }
    }
  }

  private async iterate(block: boolean): Promise<number> {
    let entries: RawEntry[];
    try {
      entries = await this.read(block);
    } catch (err) {
      // NOGROUP / UNBLOCKED: the stream went (Redis flushed, failover): recreate the groups, go on.
      if (!/^(NOGROUP|UNBLOCKED)/.test((err as Error).message)) {
        // A read whose reply was lost (its master died mid-read) may still have delivered entries:
        // they are pending for this consumer on the promoted replica, and a '>' read never returns
        // them again. Re-read every shard's own pending entries first instead of waiting for
        // claimIdleMs (the failover test saw entries stuck for 20 s that way).
        this.recoverAll();
        throw err;
      }
      await this.ensureGroups();
      this.recoverAll();
      return 0;
    }
    if (entries.length === 0) return 0;
    try {
      await this.process(entries);
    } catch (err) {
      for (const shard of new Set(entries.map((e) => e.shard))) this.cursors.set(shard, '0');
      throw err;
    }
    return entries.length;
  }

  private async read(block: boolean): Promise<RawEntry[]> {
    const recovering = this.shards.filter((s) => this.cursors.get(s.shard) !== LIVE);
    if (recovering.length > 0) {
      const batches = await Promise.all(recovering.map((s) => this.readGroup([s], [this.cursors.get(s.shard) as string])));
      recovering.forEach((s, i) => {
        const got = batches[i];
        this.cursors.set(s.shard, got.length === 0 ? LIVE : got[got.length - 1].id);
      });
      const pending = batches.flat();
      if (pending.length > 0) return pending;
    }
    if (!this.cluster) return this.readGroup(this.shards, this.shards.map(() => LIVE), block ? this.o.blockMs : undefined);
    const live = (await Promise.all(this.shards.map((s) => this.readGroup([s], [LIVE])))).flat();
    if (live.length === 0 && block) await this.pause(this.o.idleMs);
    return live;
  }

  private async readGroup(shards: readonly StreamShard[], ids: string[], blockMs?: number): Promise<RawEntry[]> {
    const args: (string | number)[] = ['GROUP', this.o.group, this.o.consumer, 'COUNT', this.o.readCount];
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

  private async process(entries: RawEntry[]): Promise<void> {
    const records: T[] = [];
    const ackable: RawEntry[] = [];
    for (const e of entries) {
      if (e.fields === null) {
        ackable.push(e); // deleted while pending: nothing to write
        continue;
      }
      const payload = payloadOf(e.fields);
      try {
        records.push(this.sink.decode(payload ?? ''));
        ackable.push(e);
      } catch (err) {
        this.logger.error({ err, shard: e.shard, entryId: e.id }, 'durable stream consumer: malformed entry left pending');
      }
    }
    if (records.length > 0) await this.sink.write(records);
    await this.ack(ackable);
  }

  private async ack(entries: RawEntry[]): Promise<void> {
    const byShard = new Map<number, string[]>();
    for (const e of entries) {
      const ids = byShard.get(e.shard);
      if (ids) ids.push(e.id);
      else byShard.set(e.shard, [e.id]);
    }
    if (byShard.size === 0) return;
    if (!this.cluster) {
      await this.scripts.ackMany(this.o.group, new Map([...byShard].map(([shard, ids]) => [this.shards[shard].stream, ids])));
      return;
    }
    await Promise.all([...byShard].map(([shard, ids]) => this.scripts.ack(this.shards[shard].stream, this.o.group, ids)));
  }

  private async claimIdle(minIdleMs: number): Promise<void> {
    const xautoclaim = this.client.xautoclaim.bind(this.client) as unknown as Command<[string, string[]]>;
    await Promise.all(
      this.shards.map(async (s) => {
        let cursor = '0-0';
        do {
          const [next, ids] = await xautoclaim(s.stream, this.o.group, this.o.consumer, minIdleMs, cursor, 'COUNT', 500, 'JUSTID');
          if (ids.length > 0) this.cursors.set(s.shard, '0');
          cursor = next;
        } while (cursor !== '0-0');
      }),
    );
  }

  /** Claims the pending entries of consumers that stopped reading (crashed), then forgets them. */
  private async takeOverDeadConsumers(): Promise<void> {
    const xinfo = this.client.xinfo.bind(this.client) as unknown as Command<unknown[]>;
    const xpending = this.client.xpending.bind(this.client) as unknown as Command<[string, string, number, number][]>;
    const xclaim = this.client.xclaim.bind(this.client) as unknown as Command<string[]>;
    await Promise.all(
      this.shards.map(async (s) => {
        const consumers = (await xinfo('CONSUMERS', s.stream, this.o.group)).map(fieldsOf);
        for (const c of consumers) {
          const name = String(c.name);
          if (name === this.o.consumer || Number(c.idle) < this.o.deadConsumerIdleMs) continue;
          const pending = await xpending(s.stream, this.o.group, '-', '+', 500, name);
          if (pending.length > 0) {
            await xclaim(s.stream, this.o.group, this.o.consumer, 0, ...pending.map((p) => p[0]), 'JUSTID');
            this.cursors.set(s.shard, '0');
          }
          if (pending.length < 500) await this.client.xgroup('DELCONSUMER', s.stream, this.o.group, name);
        }
      }),
    );
  }

  private async ensureGroups(): Promise<void> {
    await Promise.all(
      this.shards.map((s) =>
        this.client.xgroup('CREATE', s.stream, this.o.group, '0', 'MKSTREAM').catch((err: Error) => {
          if (!/^BUSYGROUP/.test(err.message)) throw err;
        }),
      ),
    );
  }

  private recoverAll(): void {
    for (const s of this.shards) this.cursors.set(s.shard, '0');
  }

  private locked<R>(fn: () => Promise<R>): Promise<R> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopping) return;
    await Promise.race([sleep(ms), new Promise<void>((r) => (this.wake = r))]);
    this.wake = null;
  }
}

function payloadOf(fields: string[]): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === PAYLOAD_FIELD) return fields[i + 1];
  return undefined;
}

/** XINFO answers a flat [k, v, …] list on RESP2 and a map on RESP3. */
function fieldsOf(reply: unknown): Record<string, unknown> {
  if (!Array.isArray(reply)) return reply as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = reply[i + 1];
  return out;
}
