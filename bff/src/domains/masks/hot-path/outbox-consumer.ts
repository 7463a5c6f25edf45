import { Cluster } from 'ioredis';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import { refreshSlotsAfter } from '../../../infra/redis/redis-retry';
import { DEFAULT_TIMINGS, SILENT_LOGGER, mapBounded, type HotPathLogger } from './hot-path-settings';
import type { HotReservation, ReservationSink, SinkResult } from './mask-hot-path';
import { allShardKeys, pharmacyKeys, personKeys, type ShardKeys } from './mask-keys';
import { MaskScripts, idempotencyArgs } from './mask-scripts';
import { decodeReservation, encodeReservation, requestFingerprint } from './reservation-codec';

export interface OutboxConsumerOptions {
  /**
   * This consumer's name in the group. Keep it stable for one instance across restarts (e.g. the
   * pod or host name), so a restarted consumer re-reads its own unacknowledged entries first;
   * two live consumers must not share a name.
   */
  consumer: string;
  group?: string;
  /** Entries per shard per read (a read covers up to 64 × this). */
  readCount?: number;
  /** Standalone: BLOCK of the live read; keep it below the client's commandTimeout. */
  blockMs?: number;
  /** Cluster (no multi-slot BLOCK): pause after a sweep of all shards found nothing. */
  idleMs?: number;
  /**
   * After a batch smaller than `lingerBelow` entries, wait this long before the next read, so that
   * under load batches grow (one read, one INSERT, one ack round per batch, not per few bookings).
   * Bookings are answered once in the outbox; this only delays their MySQL row, by at most this.
   */
  lingerMs?: number;
  lingerBelow?: number;
  /** Entries another consumer has held this long unacknowledged are taken over (it died). */
  claimIdleMs?: number;
  claimEveryMs?: number;
  /**
   * A consumer of the group that has pending entries and has not read for this long is dead (a
   * live one reads every blockMs): its entries are taken over at once instead of after claimIdleMs.
   * This is what makes a restart under a NEW name (PORT=0, a new pod) recover in seconds.
   */
  deadConsumerIdleMs?: number;
  maxBackoffMs?: number;
  /** Life of the idempotency records confirm-hold finalises. */
  idempotencyTtlMs?: number;
  logger?: HotPathLogger;
}

export const OUTBOX_GROUP = 'mask-outbox';

interface Entry {
  shard: number;
  id: string;
  /** null: the entry was deleted while pending (nothing to write; acknowledge it). */
  fields: string[] | null;
}

interface Decoded {
  entry: Entry;
  reservation: HotReservation;
  /** 'pending': booked by the Cluster saga, the hold may still need confirming. */
  hold: string;
  remaining: number;
}

/** ioredis' reply to XREADGROUP: [[stream, [[id, fields | null], …]], …] or null. */
type ReadReply = [string, [string, string[] | null][]][] | null;

const LIVE = '>';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Drains every shard's outbox stream into MySQL: XREADGROUP (own pending entries first after a
 * restart, then new ones), one idempotent batch write through the ReservationSink, then — before
 * acknowledging — gives back units of rows MySQL refused, confirms the Cluster holds of the rows
 * it wrote, and finally XACK + XDEL (ack-outbox.lua). A crash anywhere before the ack means the
 * entries are read again and every step repeats harmlessly: at-least-once delivery + idempotent
 * steps = each acknowledged booking lands once.
 *
 * Give it its own connection (client.duplicate()): the standalone live read BLOCKs it.
 */
export class OutboxConsumer {
  private readonly scripts: MaskScripts;
  private readonly shards: ShardKeys[] = allShardKeys();
  private readonly shardOfStream = new Map<string, number>();
  /** Per shard: the pending-entries cursor ('0', then the last id seen) until caught up, then '>'. */
  private readonly cursors = new Map<number, string>();
  private readonly o: Required<Omit<OutboxConsumerOptions, 'logger'>>;
  private readonly logger: HotPathLogger;
  private readonly cluster: boolean;
  private lock: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly client: RedisClient,
    private readonly sink: ReservationSink,
    options: OutboxConsumerOptions,
  ) {
    this.o = {
      group: OUTBOX_GROUP,
      readCount: 100,
      blockMs: 100,
      idleMs: 50,
      lingerMs: 20,
      lingerBelow: 200,
      claimIdleMs: 30_000,
      claimEveryMs: 1_000,
      deadConsumerIdleMs: 5_000,
      maxBackoffMs: 5_000,
      idempotencyTtlMs: DEFAULT_TIMINGS.idempotencyTtlMs,
      ...definedOnly(options),
      consumer: options.consumer,
    };
    this.logger = options.logger ?? SILENT_LOGGER;
    this.cluster = client instanceof Cluster;
    checkBlockFitsTimeout(client, this.o.blockMs);
    this.scripts = new MaskScripts(client);
    const prefix = (client.options as { keyPrefix?: string }).keyPrefix ?? '';
    for (const s of this.shards) this.shardOfStream.set(prefix + s.outbox, s.shard);
    this.recoverAll();
  }

  /** Creates the consumer group on every shard and starts the read loop in the background. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    await this.ensureGroups();
    this.loop = this.run();
  }

  /** Lets the current batch finish (written and acknowledged), then stops reading. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /**
   * Writes everything in the outbox now — its own pending entries, entries of consumers idle for
   * `claimIdleMs` (0 takes over every pending entry: for the rebuild, when no other consumer may
   * be mid-batch anyway), and all new ones — and resolves when a read finds nothing left.
   * Returns the number of entries handled. Safe next to a running loop (batches take turns).
   */
  async drain(options: { claimIdleMs?: number } = {}): Promise<number> {
    await this.ensureGroups();
    await this.locked(() => this.claimIdle(options.claimIdleMs ?? this.o.claimIdleMs));
    let total = 0;
    for (;;) {
      const n = await this.locked(() => this.iterate(false));
      total += n;
      if (n === 0 && this.caughtUp()) return total;
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
        this.logger.error({ err, backoffMs: backoff }, 'mask outbox consumer: batch failed, will re-read it');
        // A topology change (failover, MOVED in a batch mixing slots) leaves this connection's slot
        // map stale until something refreshes it: do it now rather than wait for the periodic one.
        await Promise.all([refreshSlotsAfter(this.client, err), this.pause(backoff)]);
      }
    }
  }

  /** One read → write → ack round; returns the number of entries read. */
  private async iterate(block: boolean): Promise<number> {
    let entries: Entry[];
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
      await this.ensureGroups();
      this.recoverAll();
      return 0;
    }
    if (entries.length === 0) return 0;
    try {
      await this.process(entries);
    } catch (err) {
      // Nothing of this batch was acknowledged: read it again from the pending entries.
      for (const shard of new Set(entries.map((e) => e.shard))) this.cursors.set(shard, '0');
      throw err;
    }
    return entries.length;
  }

  private async read(block: boolean): Promise<Entry[]> {
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
    // A Cluster cannot BLOCK on streams of several slots: sweep every shard (auto-pipelined per
    // master), and pause when all were empty.
    const live = (await Promise.all(this.shards.map((s) => this.readGroup([s], [LIVE])))).flat();
    if (live.length === 0 && block) await this.pause(this.o.idleMs);
    return live;
  }

  private async readGroup(shards: ShardKeys[], ids: string[], blockMs?: number): Promise<Entry[]> {
    const args: (string | number)[] = ['GROUP', this.o.group, this.o.consumer, 'COUNT', this.o.readCount];
    if (blockMs !== undefined) args.push('BLOCK', blockMs);
    args.push('STREAMS', ...shards.map((s) => s.outbox), ...ids);
    const xreadgroup = this.client.xreadgroup.bind(this.client) as unknown as (...a: (string | number)[]) => Promise<ReadReply>;
    const reply = await xreadgroup(...args);
    const entries: Entry[] = [];
    for (const [stream, items] of reply ?? []) {
      const shard = this.shardOfStream.get(stream);
      if (shard === undefined) throw new Error(`mask outbox consumer: reply for unknown stream ${stream}`);
      for (const [id, fields] of items) entries.push({ shard, id, fields });
    }
    return entries;
  }

  private async process(entries: Entry[]): Promise<void> {
    const decoded: Decoded[] = [];
    const ackable: Entry[] = [];
    for (const entry of entries) {
      if (entry.fields === null) {
        ackable.push(entry);
        continue;
      }
      const d = this.decode(entry);
      if (d) decoded.push(d);
    }
    const result = await this.sink.write(decoded.map((d) => d.reservation));
    await this.settleConflicts(result);
    await this.confirmHolds(decoded, result);
    await this.ack([...ackable, ...decoded.map((d) => d.entry)]);
  }

  /**
   * A malformed entry (a bug) is logged and left unacknowledged: it stays visible in XPENDING for
   * an operator instead of being dropped, and the cursor moves past it so it blocks nothing.
   */
  private decode(entry: Entry): Decoded | null {
    const f = fieldMap(entry.fields as string[]);
    try {
      return { entry, reservation: decodeReservation(f.res ?? ''), hold: f.hold ?? 'active', remaining: Number(f.rem ?? 0) };
    } catch (err) {
      this.logger.error({ err, shard: entry.shard, entryId: entry.id }, 'mask outbox consumer: malformed entry left pending');
      return null;
    }
  }

  private async settleConflicts(result: SinkResult): Promise<void> {
    for (const c of result.conflicts) {
      const r = c.reservation;
      await this.scripts.resolveConflict(personKeys(r.personId), r.reservationId, c.activeReservationId);
      const left = await this.scripts.adjustRemaining(pharmacyKeys(r.roundId, r.pharmacyId).remaining, 1);
      this.logger.warn(
        { reservationId: r.reservationId, activeReservationId: c.activeReservationId, remaining: left },
        'mask outbox consumer: second active reservation refused by MySQL; unit returned',
      );
    }
  }

  /** Saga bookings whose row is reserved: make the hold active (heals a BFF crash before step 3). */
  private async confirmHolds(decoded: Decoded[], result: SinkResult): Promise<void> {
    const toConfirm = decoded.filter((d) => d.hold === 'pending' && result.reservedIds.has(d.reservation.reservationId));
    await mapBounded(toConfirm, 256, (d) => {
      const r = d.reservation;
      const person = personKeys(r.personId);
      return this.scripts.confirmHold(person, idempotencyArgs(person, r.accountId, r.idempotencyKey, requestFingerprint(r)), {
        reservationId: r.reservationId,
        json: encodeReservation(r),
        remaining: d.remaining,
        idempotencyTtlMs: this.o.idempotencyTtlMs,
      });
    });
  }

  private async ack(entries: Entry[]): Promise<void> {
    const byShard = new Map<number, string[]>();
    for (const e of entries) {
      const ids = byShard.get(e.shard);
      if (ids) ids.push(e.id);
      else byShard.set(e.shard, [e.id]);
    }
    if (byShard.size === 0) return;
    // Standalone: the whole batch in one call; a Cluster: one call per shard (auto-pipelined per master).
    if (!this.cluster) {
      await this.scripts.ackOutboxes(this.o.group, new Map([...byShard].map(([shard, ids]) => [this.shards[shard].outbox, ids])));
      return;
    }
    await Promise.all([...byShard].map(([shard, ids]) => this.scripts.ackOutbox(this.shards[shard].outbox, this.o.group, ids)));
  }

  /** Takes over entries other consumers left unacknowledged for `minIdleMs`; they are read next. */
  private async claimIdle(minIdleMs: number): Promise<void> {
    const xautoclaim = this.client.xautoclaim.bind(this.client) as unknown as (...a: (string | number)[]) => Promise<[string, string[]]>;
    await Promise.all(
      this.shards.map(async (s) => {
        let cursor = '0-0';
        do {
          const [next, ids] = await xautoclaim(s.outbox, this.o.group, this.o.consumer, minIdleMs, cursor, 'COUNT', 500, 'JUSTID');
          if (ids.length > 0) this.cursors.set(s.shard, '0');
          cursor = next;
        } while (cursor !== '0-0');
      }),
    );
  }

  /**
   * Claims every pending entry of consumers that stopped reading (crashed processes), then removes
   * them from the group so dead names do not pile up. Taking from a consumer that is merely slow is
   * harmless: every step after the read is idempotent.
   */
  private async takeOverDeadConsumers(): Promise<void> {
    const xinfo = this.client.xinfo.bind(this.client) as unknown as (...a: string[]) => Promise<unknown[]>;
    const xpending = this.client.xpending.bind(this.client) as unknown as (...a: (string | number)[]) => Promise<[string, string, number, number][]>;
    const xclaim = this.client.xclaim.bind(this.client) as unknown as (...a: (string | number)[]) => Promise<string[]>;
    await Promise.all(
      this.shards.map(async (s) => {
        const consumers = (await xinfo('CONSUMERS', s.outbox, this.o.group)).map(fieldsOf);
        for (const c of consumers) {
          const name = String(c.name);
          if (name === this.o.consumer || Number(c.idle) < this.o.deadConsumerIdleMs) continue;
          const pending = await xpending(s.outbox, this.o.group, '-', '+', 500, name);
          if (pending.length > 0) {
            await xclaim(s.outbox, this.o.group, this.o.consumer, 0, ...pending.map((p) => p[0]), 'JUSTID');
            this.cursors.set(s.shard, '0');
          }
          if (pending.length < 500) await this.client.xgroup('DELCONSUMER', s.outbox, this.o.group, name);
        }
      }),
    );
  }

  private async ensureGroups(): Promise<void> {
    await Promise.all(
      this.shards.map((s) =>
        this.client.xgroup('CREATE', s.outbox, this.o.group, '0', 'MKSTREAM').catch((err: Error) => {
          if (!/^BUSYGROUP/.test(err.message)) throw err;
        }),
      ),
    );
  }

  private recoverAll(): void {
    for (const s of this.shards) this.cursors.set(s.shard, '0');
  }

  private caughtUp(): boolean {
    return [...this.cursors.values()].every((c) => c === LIVE);
  }

  /** Runs batches one at a time, whoever asks (the loop or drain). */
  private locked<T>(fn: () => Promise<T>): Promise<T> {
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
  if (timeout !== undefined && blockMs >= timeout) {
    throw new RangeError(`outbox blockMs (${blockMs}) must stay below the client's commandTimeout (${timeout})`);
  }
}

function fieldMap(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]] = fields[i + 1];
  return out;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'logger')) as Partial<T>;
}

/** XINFO answers a flat [k, v, k, v] list on RESP2 and a map on RESP3. */
function fieldsOf(reply: unknown): Record<string, unknown> {
  if (!Array.isArray(reply)) return reply as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = reply[i + 1];
  return out;
}
