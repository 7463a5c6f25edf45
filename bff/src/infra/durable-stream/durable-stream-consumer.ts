import { Cluster } from 'ioredis';
import type { RedisClient } from '../redis/create-redis-client';
import { refreshSlotsAfter } from '../redis/redis-retry';
import { SILENT_STREAM_LOGGER, type BatchSink, type StreamLogger } from './batch-sink';
import { PAYLOAD_FIELD, type DurableStream } from './durable-stream';
import { StreamGroup, type RawEntry } from './stream-group';

export type { BatchSink, EntryFields, StreamEntry, StreamLogger } from './batch-sink';

export interface DurableStreamConsumerOptions {
  /**
   * This consumer's name in the group: unique per live process. Stable across restarts (the pod or
   * host name) is best: a restarted consumer re-reads its own unacknowledged entries first.
   */
  consumer: string;
  /** Default `<stream name>-sink`; a stream that predates this module keeps its group (masks: `mask-outbox`). */
  group?: string;
  /** Entries per shard per read. */
  readCount?: number;
  /** Standalone: BLOCK of the live read; must stay below the client's commandTimeout. */
  blockMs?: number;
  /**
   * Cluster (no multi-slot BLOCK): pause after a sweep of all shards found nothing, doubled after
   * every further empty sweep up to maxIdleMs. A sweep is a read per shard, so an idle process
   * must not repeat it 20 times a second; the first entry after a quiet spell lands in MySQL at
   * most maxIdleMs later (its answer was given when it entered the stream).
   */
  idleMs?: number;
  maxIdleMs?: number;
  /**
   * After a batch smaller than `lingerBelow` entries, wait this long before the next read, so that
   * under load batches grow (one read, one INSERT, one ack round per batch, not per few entries).
   * Appends are answered once in the stream; this only delays their row, by at most this.
   */
  lingerMs?: number;
  lingerBelow?: number;
  /** Entries another consumer has held this long unacknowledged are taken over (it died). */
  claimIdleMs?: number;
  claimEveryMs?: number;
  /**
   * A consumer with pending entries that has not read for this long is dead (a live one reads
   * every blockMs): its entries are taken over at once instead of after claimIdleMs. This is what
   * makes a restart under a NEW name (PORT=0, a new pod) recover in seconds.
   */
  deadConsumerIdleMs?: number;
  maxBackoffMs?: number;
  logger?: StreamLogger;
}

type Settings = Required<Omit<DurableStreamConsumerOptions, 'logger'>>;

export const DEFAULT_CONSUMER_SETTINGS: Omit<Settings, 'consumer' | 'group'> = Object.freeze({
  readCount: 200,
  blockMs: 100,
  idleMs: 50,
  maxIdleMs: 800,
  lingerMs: 20,
  lingerBelow: 200,
  claimIdleMs: 30_000,
  claimEveryMs: 2_000,
  deadConsumerIdleMs: 5_000,
  maxBackoffMs: 5_000,
});

const LIVE = '>';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Moves a DurableStream into its BatchSink: XREADGROUP (its own pending entries first after a
 * restart, then new ones), one sink write per batch, then XACK + XDEL (stream-ack.lua). A crash
 * anywhere before the acknowledgement means the entries are read again (by this consumer after a
 * restart, or by another one that takes over a dead consumer's pending entries); with an
 * idempotent sink every acknowledged entry lands exactly once. The one consumer of every stream
 * (mask bookings, venue check-ins …). Give it its own connection (client.duplicate()): the
 * standalone live read BLOCKs it.
 */
export class DurableStreamConsumer<T> {
  private readonly groupOf: StreamGroup;
  /** Per shard: the pending-entries cursor ('0', then the last id seen) until caught up, then '>'. */
  private readonly cursors = new Map<number, string>();
  private readonly o: Settings;
  private readonly logger: StreamLogger;
  private lock: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private idlePause = 0;

  constructor(
    private readonly client: RedisClient,
    stream: DurableStream,
    private readonly sink: BatchSink<T>,
    options: DurableStreamConsumerOptions,
  ) {
    const defined = Object.fromEntries(Object.entries(options).filter(([k, v]) => v !== undefined && k !== 'logger'));
    this.o = { group: `${stream.name}-sink`, ...DEFAULT_CONSUMER_SETTINGS, ...defined, consumer: options.consumer };
    this.logger = options.logger ?? SILENT_STREAM_LOGGER;
    checkBlockFitsTimeout(client, this.o.blockMs);
    this.groupOf = new StreamGroup(client, stream.allShards(), this.o.group, this.o.consumer);
    this.recoverAll();
  }

  get group(): string {
    return this.o.group;
  }

  /** Creates the group on every shard and starts reading in the background. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    await this.groupOf.ensure();
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
   * Writes everything in the stream now — own pending entries, entries of consumers idle for
   * `claimIdleMs` (0 takes over every pending entry: for a rebuild, when no other consumer may be
   * mid-batch anyway), and all new ones — and resolves when a read finds nothing left. Returns the
   * number handled. Safe next to a running loop (batches take turns).
   */
  async drain(options: { claimIdleMs?: number } = {}): Promise<number> {
    await this.groupOf.ensure();
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
          await this.locked(async () => this.recover(await this.groupOf.takeOverDead(this.o.deadConsumerIdleMs)));
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

  /** One read → write → ack round; returns the number of entries read. */
  private async iterate(block: boolean): Promise<number> {
    let entries: RawEntry[];
    try {
      entries = await this.read(block);
    } catch (err) {
      // NOGROUP: the streams went (Redis flushed or failed over empty); UNBLOCKED: a blocked read saw
      // its stream deleted under it. Either way: recreate the groups and go on, no error to report.
      if (!/^(NOGROUP|UNBLOCKED)/.test((err as Error).message)) {
        // A read whose reply was lost (its master died mid-read) may still have delivered entries:
        // they are pending for this consumer on the promoted replica, and a '>' read never returns
        // them again. Re-read every shard's own pending entries first instead of waiting for
        // claimIdleMs (the failover test saw entries stuck for 20 s that way).
        this.recoverAll();
        throw err;
      }
      await this.groupOf.ensure();
      this.recoverAll();
      return 0;
    }
    if (entries.length === 0) return 0;
    try {
      await this.process(entries);
    } catch (err) {
      // Nothing of this batch was acknowledged: read it again from the pending entries.
      this.recover(entries.map((e) => e.shard));
      throw err;
    }
    return entries.length;
  }

  private async read(block: boolean): Promise<RawEntry[]> {
    const g = this.groupOf;
    const recovering = g.shards.filter((s) => this.cursors.get(s.shard) !== LIVE);
    if (recovering.length > 0) {
      const batches = await Promise.all(recovering.map((s) => g.read([s], [this.cursors.get(s.shard) as string], this.o.readCount)));
      recovering.forEach((s, i) => {
        const got = batches[i];
        this.cursors.set(s.shard, got.length === 0 ? LIVE : got[got.length - 1].id);
      });
      const pending = batches.flat();
      if (pending.length > 0) return pending;
    }
    if (!g.cluster) return g.read(g.shards, g.shards.map(() => LIVE), this.o.readCount, block ? this.o.blockMs : undefined);
    // A Cluster cannot BLOCK on streams of several slots: sweep every shard (auto-pipelined per
    // master), and pause when all were empty.
    const live = (await Promise.all(g.shards.map((s) => g.read([s], [LIVE], this.o.readCount)))).flat();
    if (live.length > 0 || !block) {
      this.idlePause = 0;
      return live;
    }
    this.idlePause = this.idlePause === 0 ? this.o.idleMs : Math.max(this.o.idleMs, Math.min(this.idlePause * 2, this.o.maxIdleMs));
    await this.pause(this.idlePause);
    return live;
  }

  /**
   * Decodes, writes, acknowledges. A malformed entry (a bug) is logged and left unacknowledged: it
   * stays visible in XPENDING for an operator instead of being dropped, and the cursor moves past
   * it so it blocks nothing.
   */
  private async process(entries: RawEntry[]): Promise<void> {
    const records: T[] = [];
    const ackable: RawEntry[] = [];
    for (const e of entries) {
      if (e.fields === null) {
        ackable.push(e); // deleted while pending: nothing to write
        continue;
      }
      const fields = fieldMap(e.fields);
      try {
        records.push(this.sink.decode(fields[PAYLOAD_FIELD] ?? '', fields));
        ackable.push(e);
      } catch (err) {
        this.logger.error({ err, stream: this.o.group, shard: e.shard, entryId: e.id }, 'durable stream consumer: malformed entry left pending');
      }
    }
    if (records.length > 0) await this.sink.write(records);
    await this.groupOf.ack(ackable);
  }

  private async claimIdle(minIdleMs: number): Promise<void> {
    this.recover(await this.groupOf.claimIdle(minIdleMs));
  }

  /** These shards have pending entries of this consumer to read (again) before new ones. */
  private recover(shards: Iterable<number>): void {
    for (const shard of shards) this.cursors.set(shard, '0');
  }

  private recoverAll(): void {
    this.recover(this.groupOf.shards.map((s) => s.shard));
  }

  /** Runs batches one at a time, whoever asks (the loop or drain). */
  private locked<R>(fn: () => Promise<R>): Promise<R> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** A sleep that stop() cuts short. */
  private async pause(ms: number): Promise<void> {
    if (this.stopping) return;
    await Promise.race([sleep(ms), new Promise<void>((r) => (this.wake = r))]);
    this.wake = null;
  }
}

/** A BLOCK longer than the client's command timeout would fail every idle read as an outage. */
function checkBlockFitsTimeout(client: RedisClient, blockMs: number): void {
  const options = client instanceof Cluster ? client.options.redisOptions : client.options;
  const timeout = options?.commandTimeout;
  if (timeout !== undefined && blockMs >= timeout) throw new RangeError(`blockMs (${blockMs}) must stay below commandTimeout (${timeout})`);
}

function fieldMap(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]] = fields[i + 1];
  return out;
}
