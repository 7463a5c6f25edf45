import { Gauge, type Registry } from 'prom-client';
import type { RedisClient } from './create-redis-client';

/** One shard of an outbox / durable stream whose backlog is watched. */
export interface WatchedStream {
  /** Metric label: `mask-outbox`, `checkins` … */
  stream: string;
  shard: number;
  /** The stream's key (the client adds its prefix). */
  key: string;
}

export interface ShardLag {
  stream: string;
  shard: number;
  /** Entries not yet written to MySQL (acknowledged entries are deleted, so XLEN). */
  entries: number;
  /** Age of the oldest of them (its id's time), 0 when none. */
  oldestAgeMs: number;
}

export interface StreamLag {
  entries: number;
  oldestAgeMs: number;
  shards: ShardLag[];
}

/** "1733430000000-3" → 1733430000000 */
function idTime(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/**
 * The outbox consumers' backlog, per shard: XLEN and the oldest entry's id (its time) of every
 * watched stream, cached for `cacheMs` so a /metrics scrape and /readyz probes do not multiply the
 * reads (2 per shard, auto-pipelined per master). A consumer stuck on a stale slot map shows up
 * here as entries piling up on the shards of one master while bookings go on being answered.
 */
export class StreamLagMonitor {
  private cached: { at: number; lag: Promise<StreamLag> } | null = null;

  constructor(
    private readonly client: RedisClient,
    private readonly streams: readonly WatchedStream[],
    private readonly options: { thresholdMs: number; cacheMs?: number; now?: () => number },
  ) {}

  sample(): Promise<StreamLag> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && now - this.cached.at < (this.options.cacheMs ?? 1000)) return this.cached.lag;
    const lag = this.measure(now);
    this.cached = { at: now, lag };
    lag.catch(() => {
      if (this.cached?.lag === lag) this.cached = null;
    });
    return lag;
  }

  /** For /readyz: false while the oldest waiting entry is older than the threshold (0 = never). */
  async withinThreshold(): Promise<boolean> {
    if (this.options.thresholdMs <= 0) return true;
    return (await this.sample()).oldestAgeMs <= this.options.thresholdMs;
  }

  private async measure(now: number): Promise<StreamLag> {
    const shards = await Promise.all(
      this.streams.map(async (s): Promise<ShardLag> => {
        const [entries, oldest] = await Promise.all([this.client.xlen(s.key), this.client.xrange(s.key, '-', '+', 'COUNT', 1)]);
        const oldestAgeMs = oldest.length > 0 ? Math.max(0, now - idTime(oldest[0][0])) : 0;
        return { stream: s.stream, shard: s.shard, entries, oldestAgeMs };
      }),
    );
    return {
      entries: shards.reduce((n, s) => n + s.entries, 0),
      oldestAgeMs: shards.reduce((m, s) => Math.max(m, s.oldestAgeMs), 0),
      shards,
    };
  }
}

/**
 * `govpass_stream_entries_waiting{stream,shard}` and `govpass_stream_oldest_entry_age_seconds{stream,shard}`,
 * read at scrape time. A scrape while Redis is down reports nothing for them (the store's own
 * outage is visible elsewhere) instead of failing the whole scrape.
 */
export function registerStreamLagMetrics(registry: Registry, monitor: StreamLagMonitor): void {
  const labelNames = ['stream', 'shard'] as const;
  const waiting = new Gauge({
    name: 'govpass_stream_entries_waiting',
    help: 'Outbox / durable-stream entries not yet written to the database, per shard',
    labelNames,
    registers: [registry],
    async collect() {
      await fill(this, monitor, (s) => s.entries);
    },
  });
  const age = new Gauge({
    name: 'govpass_stream_oldest_entry_age_seconds',
    help: 'Age of the oldest entry waiting in an outbox / durable-stream shard (0 = empty)',
    labelNames,
    registers: [registry],
    async collect() {
      await fill(this, monitor, (s) => s.oldestAgeMs / 1000);
    },
  });
  void waiting;
  void age;
}

async function fill(gauge: Gauge<'stream' | 'shard'>, monitor: StreamLagMonitor, value: (s: ShardLag) => number): Promise<void> {
  gauge.reset();
  let lag: StreamLag;
  try {
    lag = await monitor.sample();
  } catch {
    return;
  }
  for (const s of lag.shards) gauge.set({ stream: s.stream, shard: String(s.shard) }, value(s));
}
