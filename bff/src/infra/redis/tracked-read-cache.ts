import { Cluster, type Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { RedisClient } from './create-redis-client';

/**
 * Reads of hot-store keys that a request makes again and again (a session, a health status), kept
 * in process for as long as Redis has not said the key changed. Consumers parse once per read; the
 * cached value is shared, so it must be treated as read-only.
 */
export interface CachedReads {
  /** The key's value parsed: from memory while Redis has not invalidated it, else from Redis (null: absent). */
  read<T>(key: string, parse: (raw: string) => T): Promise<T | null>;
  /** The cached value without a read, or undefined (not cached, or the cache is bypassed). */
  peek<T>(key: string): T | undefined;
  /** Drops this process's copy before it writes the key itself (its own invalidation comes later). */
  forget(key: string): void;
  /** Drops every copy (tests; after a hot-store flush). */
  clear(): void;
  /**
   * Resolves once every invalidation of a write that finished before the call has been applied here
   * (one round trip on the invalidation connection, whose replies come in order). Redis sends an
   * invalidation together with the write's reply, so only a caller racing another process's write to
   * the microsecond needs it: tests, and a path that must not act on a copy older than its own call.
   */
  sync(): Promise<void>;
  /** Whether reads are being served from memory (false: every read goes to the store). */
  readonly live: boolean;
  /** Whether Redis tells this cache of changes (false: uncached, on a store that cannot). */
  readonly tracked: boolean;
  close(): Promise<void>;
}

/** The store's plain read, used when there is no cache or while it is bypassed. */
export type PlainRead = (key: string) => Promise<string | null>;

/** No cache: every read goes to the store (in-process hot store, Redis Cluster). */
export function uncachedReads(plain: PlainRead): CachedReads {
  return {
    live: false,
    tracked: false,
    read: (key, parse) => plain(key).then((raw) => (raw === null ? null : parse(raw))),
    peek: () => undefined,
    forget: () => undefined,
    clear: () => undefined,
    sync: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

export interface TrackedReadCacheOptions {
  /** Its two connections are named `<name>-tracked-reads` and `<name>-invalidations` (CLIENT LIST). */
  name: string;
  maxEntries: number;
  /** Upper bound on an entry's life, for an invalidation lost in a way no event reports. */
  maxAgeMs: number;
  /** The invalidation connection is pinged this often; a missed pong flushes and bypasses the cache. */
  heartbeatMs: number;
  /** Told when the cache starts or stops serving (and why): for the log. */
  onStateChange?: (live: boolean, why: string) => void;
}

export const DEFAULT_TRACKED_READS: TrackedReadCacheOptions = { name: 'govpass-bff', maxEntries: 200_000, maxAgeMs: 300_000, heartbeatMs: 1000 };

const CHANNEL = '__redis__:invalidate';

/** Reads of one key under way: `stamp` moves on each invalidation, so a read that began earlier is not kept. */
interface Reading {
  count: number;
  stamp: number;
}

/**
 * Redis server-assisted client-side caching (CLIENT TRACKING, default mode) for a standalone client;
 * docs/benchmarks.md ("tracked reads") has the design and its measurements.
 *
 * Two connections of its own: `reader` has tracking on and serves only these reads, so Redis
 * remembers exactly the keys this process holds; `invalidations` (RESP2, as ioredis emits no RESP3
 * invalidate pushes) is the REDIRECT target subscribed to `__redis__:invalidate`. Any write to a held
 * key — from any process — makes Redis publish the key there, and the entry is dropped.
 *
 * Correctness before speed: the cache serves only while both connections are up and tracking points
 * at the subscriber. When either drops (or a heartbeat goes unanswered) everything is flushed and
 * reads go to the store until tracking is set up again; a read that was under way when its key was
 * invalidated, or when the cache was flushed, is answered but not kept.
 */
export class TrackedReadCache implements CachedReads {
  readonly tracked = true;
  private readonly entries: LRUCache<string, { value: unknown }>;
  private readonly reading = new Map<string, Reading>();
  private readonly prefix: string;
  private stamps = 0;
  /** Moves on every flush: reads begun before it are not kept. */
  private epoch = 0;
  private serving = false;
  private closed = false;
  private heartbeat: NodeJS.Timeout | undefined;
  /** The subscriber's client id while it is subscribed (a reconnected one has a new id and no subscription). */
  private subscriberId: string | null = null;
  /** Set-ups run one at a time: two `ready`s at start must not both subscribe. */
  private settingUp: Promise<void> = Promise.resolve();

  private constructor(
    private readonly reader: Redis,
    private readonly invalidations: Redis,
    private readonly plain: PlainRead,
    private readonly options: TrackedReadCacheOptions,
  ) {
    this.entries = new LRUCache({ max: options.maxEntries, ttl: options.maxAgeMs });
    this.prefix = reader.options.keyPrefix ?? '';
  }

  /**
   * A tracked cache over a copy of `client`'s connection settings, or uncached reads on a Cluster
   * (tracking is per node: it would need one reader and one subscriber per master, kept in step with
   * the slot map; not worth it before a cluster deployment measures the need).
   */
  static create(client: RedisClient, plain: PlainRead, options: TrackedReadCacheOptions = DEFAULT_TRACKED_READS): CachedReads {
    if (client instanceof Cluster) return uncachedReads(plain);
    // Fresh connections, never the app's: every read on `reader` is tracked, and a subscriber can do nothing else.
    const reader = client.duplicate({ connectionName: `${options.name}-tracked-reads` });
    const invalidations = client.duplicate({ connectionName: `${options.name}-invalidations`, protocol: 2, autoResubscribe: false, enableAutoPipelining: false });
    const cache = new TrackedReadCache(reader, invalidations, plain, options);
    cache.watch();
    return cache;
  }

  get live(): boolean {
    return this.serving;
  }

  read<T>(key: string, parse: (raw: string) => T): Promise<T | null> {
    if (!this.serving) return this.plainRead(key, parse);
    const hit = this.entries.get(key);
    if (hit) return Promise.resolve(hit.value as T);
    return this.trackedRead(key, parse);
  }

  peek<T>(key: string): T | undefined {
    return this.serving ? (this.entries.get(key)?.value as T | undefined) : undefined;
  }

  forget(key: string): void {
    this.entries.delete(key);
    const r = this.reading.get(key);
    if (r) r.stamp = ++this.stamps;
  }

  clear(): void {
    this.entries.clear();
    this.epoch += 1;
  }

  async sync(): Promise<void> {
    if (!this.serving) return;
    try {
      await this.invalidations.ping();
    } catch {
      this.stop('invalidation connection did not answer');
    }
  }

  close(): Promise<void> {
    this.closed = true;
    this.stop('closed');
    clearInterval(this.heartbeat);
    this.reader.disconnect();
    this.invalidations.disconnect();
    return Promise.resolve();
  }

  private plainRead<T>(key: string, parse: (raw: string) => T): Promise<T | null> {
    return this.plain(key).then((raw) => (raw === null ? null : parse(raw)));
  }

  private async trackedRead<T>(key: string, parse: (raw: string) => T): Promise<T | null> {
    let r = this.reading.get(key);
    if (!r) {
      r = { count: 0, stamp: this.stamps };
      this.reading.set(key, r);
    }
    r.count += 1;
    const { stamp } = r;
    const epoch = this.epoch;
    let raw: string | null;
    try {
      raw = await this.reader.get(key);
    } catch {
      // The reader is failing (its close flushes and bypasses): the store's own read says what is wrong.
      raw = await this.plain(key);
    } finally {
      r.count -= 1;
      if (r.count === 0) this.reading.delete(key);
    }
    if (raw === null) return null;
    const value = parse(raw);
    // Kept only if nothing invalidated the key, and nothing was flushed, while the read was under way.
    if (this.serving && r.stamp === stamp && this.epoch === epoch) this.entries.set(key, { value });
    return value;
  }

  private watch(): void {
    this.invalidations.on('messageBuffer', (channel: Buffer, keys: Buffer[] | null) => {
      if (channel.toString() === CHANNEL) this.invalidated(keys);
    });
    for (const connection of [this.reader, this.invalidations]) {
      connection.on('error', () => undefined);
      connection.on('close', () => this.stop('connection closed'));
      connection.on('ready', () => {
        this.settingUp = this.settingUp.then(() => this.setUp());
      });
    }
    this.invalidations.on('close', () => {
      this.subscriberId = null;
    });
    this.heartbeat = setInterval(() => void this.beat(), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** null: the whole database was flushed (FLUSHALL/FLUSHDB), or Redis dropped its tracking table. */
  private invalidated(keys: Buffer[] | null): void {
    if (keys === null) {
      this.clear();
      return;
    }
    for (const k of keys) {
      const full = k.toString();
      if (full.startsWith(this.prefix)) this.forget(full.slice(this.prefix.length));
    }
  }

  /** Both connections up: subscribe, point the reader's tracking at the subscriber, then serve. */
  private async setUp(): Promise<void> {
    if (this.closed || this.reader.status !== 'ready' || this.invalidations.status !== 'ready') return;
    this.stop('setting up tracking');
    try {
      if (this.subscriberId === null) {
        // Asked before subscribing: a subscribed RESP2 connection takes no CLIENT command.
        const id = String(await this.invalidations.client('ID'));
        await this.invalidations.subscribe(CHANNEL);
        this.subscriberId = id;
      }
      const target = this.subscriberId;
      await this.reader.call('CLIENT', 'TRACKING', 'OFF');
      await this.reader.call('CLIENT', 'TRACKING', 'ON', 'REDIRECT', target);
      // Either connection may have dropped meanwhile (its `ready` queues the next set-up).
      if (this.closed || this.subscriberId !== target || this.reader.status !== 'ready' || this.invalidations.status !== 'ready') return;
      this.clear();
      this.serving = true;
      this.options.onStateChange?.(true, 'tracking on');
    } catch (err) {
      this.stop(`tracking set-up failed: ${(err as Error).message}`);
    }
  }

  private async beat(): Promise<void> {
    if (!this.serving) return;
    try {
      await this.invalidations.ping();
    } catch {
      // Unanswered: invalidations may be lost. Stop serving and reconnect; `ready` sets tracking up again.
      this.stop('invalidation connection did not answer');
      this.invalidations.disconnect(true);
    }
  }

  private stop(why: string): void {
    const was = this.serving;
    this.serving = false;
    this.clear();
    if (was) this.options.onStateChange?.(false, why);
  }
}
