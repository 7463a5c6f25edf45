import calculateSlot from 'cluster-key-slot';
import { Cluster, type Redis } from 'ioredis';
import { AppError } from '../../core/app-error';
import { toHotStoreError } from '../hot-store/hot-store-errors';
import type { RedisClient } from './create-redis-client';

/** `redis.replicaAck` in the config: how many replicas must hold a write before it is acknowledged. */
export interface ReplicaAckConfig {
  /** 0 = off (standalone without replicas, the default). */
  replicas: number;
  /** How long WAIT may take before the request is answered 503 (its same-key retry replays). */
  timeoutMs: number;
}

export const REPLICA_ACK_OFF: ReplicaAckConfig = { replicas: 0, timeoutMs: 0 };

/**
 * "Acknowledged means replicated" for every outbox writer (masks, venue check-ins, anything on
 * infra/durable-stream): after the script that appended the entry resolved, `acknowledge(key)`
 * sends `WAIT replicas timeout` to the node that holds `key`, on the connection the write went
 * through, and resolves once that many replicas have every write of that connection so far.
 *
 * WAIT counts per connection (Redis remembers the replication offset after each client's last
 * write), so it must run on the very connection that wrote: on a Cluster that is the pool's
 * connection to the slot's master (`cluster.slots[slot][0]` names it, `cluster.nodes()` holds it;
 * the Cluster sends every command for that slot there, auto-pipelined or not); standalone, the
 * client itself.
 *
 * WAIT blocks its connection, and that connection is shared by every request: one WAIT per write
 * would queue everything behind a replica round trip each. So the WAITs of one node are grouped
 * (group commit): while one is in flight, later callers share the next one, sent when it returns;
 * it covers every write answered before it was sent.
 */
export class ReplicaAck {
  private readonly groups = new Map<Redis, WaitGroup>();

  constructor(
    private readonly client: RedisClient,
    readonly config: ReplicaAckConfig,
  ) {
    if (!Number.isInteger(config.replicas) || config.replicas < 0) throw new RangeError('replicaAck.replicas must be an integer ≥ 0');
    if (config.replicas > 0 && !(config.timeoutMs > 0)) throw new RangeError('replicaAck.timeoutMs must be > 0');
  }

  get enabled(): boolean {
    return this.config.replicas > 0;
  }

  /** Resolves once the writes to `key`'s node reached the configured replicas; 503 STORE_UNAVAILABLE when they did not in time. */
  async acknowledge(key: string): Promise<void> {
    if (this.config.replicas === 0) return;
    const node = this.nodeOf(key);
    let group = this.groups.get(node);
    if (group === undefined) {
      group = new WaitGroup(() => node.call('WAIT', this.config.replicas, this.config.timeoutMs) as Promise<number>);
      this.groups.set(node, group);
    }
    let acked: number;
    try {
      acked = await group.join();
    } catch (err) {
      throw toHotStoreError(err);
    }
    if (acked < this.config.replicas) {
      throw new AppError(503, 'STORE_UNAVAILABLE', 'The write is not yet on a replica; retry with the same Idempotency-Key', {
        details: { replicas: this.config.replicas, acknowledged: acked },
      });
    }
  }

  private nodeOf(key: string): Redis {
    if (!(this.client instanceof Cluster)) return this.client;
    const cluster = this.client;
    const prefix = cluster.options.keyPrefix ?? '';
    const master = cluster.slots[calculateSlot(prefix + key)]?.[0];
    const node = master === undefined ? undefined : cluster.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === master);
    // Topology changing under us: the caller answers 503 and the retry replays (and waits then).
    if (node === undefined) throw new AppError(503, 'STORE_UNAVAILABLE', 'No master known for this key (cluster reconfiguring)');
    return node;
  }
}

/**
 * Group commit of one node's WAITs: at most one in flight and one queued; a caller joins the
 * queued one (or starts it when nothing is in flight), which is sent only after every caller in
 * it had its write answered.
 */
class WaitGroup {
  private inFlight: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  constructor(private readonly wait: () => Promise<number>) {}

  join(): Promise<number> {
    if (this.inFlight === null) return this.start();
    this.queued ??= this.inFlight.then(
      () => this.start(),
      () => this.start(),
    );
    return this.queued;
  }

  private start(): Promise<number> {
    this.queued = null;
    const p = this.wait();
    this.inFlight = p;
    const clear = () => {
      if (this.inFlight === p) this.inFlight = null;
    };
    p.then(clear, clear);
    return p;
  }
}
