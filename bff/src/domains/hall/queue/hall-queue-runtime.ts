import type { Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import { DurableStreamConsumer, type BatchSink, type StreamLogger } from '../../../infra/durable-stream/durable-stream-consumer';
import { DedicatedConsumer } from '../../../infra/durable-stream/dedicated-consumer';
import { rebuildHotState } from '../../../infra/durable-stream/rebuild-hot-state';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import type { HallDirectory } from '../registry/hall-directory';
import { HALL_TICKET_STREAM } from './hall-keys';
import { refillHallQueue, shardsNotReady } from './refill-hall-queue';
import { decodeEffects, type TicketChange } from './ticket-effects';
import type { TicketJournal } from './ticket-journal';
import { decodeTicket, type TicketRecord } from './ticket-record';

/** A stream entry as the queue scripts write it: `{v: rev, t: [ticket hash as field/value list, …], x: effects JSON}`. */
interface Entry {
  v: number;
  t: string[][];
  x: string;
}

function ticketOf(flat: string[]): TicketRecord {
  const h: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) h[flat[i]] = flat[i + 1];
  const t = decodeTicket(h);
  if (!t) throw new Error('hall stream entry without a ticket');
  return t;
}

/** The hall stream's sink: entries → TicketJournal (idempotent: rev-guarded upserts, audit marks). */
export class HallStreamSink implements BatchSink<TicketChange> {
  constructor(private readonly journal: TicketJournal) {}

  decode(payload: string): TicketChange {
    const e = JSON.parse(payload) as Entry;
    if (!Array.isArray(e.t) || e.t.length === 0 || typeof e.v !== 'number') throw new Error('malformed hall stream entry');
    const tickets = e.t.map(ticketOf);
    return { eventId: `${tickets[0].id}.${e.v}`, rev: e.v, tickets, effects: decodeEffects(e.x) };
  }

  write(batch: readonly TicketChange[]): Promise<void> {
    return this.journal.write(batch);
  }
}

export interface HallQueueRuntime {
  /** Rebuilds lost shards, then runs the consumer (worker processes). */
  start(): Promise<void>;
  /** Stops the consumer after its current batch (start() runs it again). */
  stop(): Promise<void>;
  /** stop() and closes the consumer's connection. */
  close(): Promise<void>;
  /**
   * Writes everything in the stream now (tests, shutdown), with the entries other consumers have
   * held `claimIdleMs` (default 30 s; 0 when no other consumer is alive, e.g. after a crash).
   */
  drain(options?: { claimIdleMs?: number }): Promise<number>;
  /** Drains the stream into MySQL, then refills the shards Redis lost; returns the shards made ready. */
  rebuild(): Promise<number>;
  /** A shard was found without its ready mark: rebuild in the background (once at a time). */
  requestRebuild(): void;
}

export interface HallQueueRuntimeDeps {
  redis: RedisClient;
  db: Kysely<Database>;
  journal: TicketJournal;
  directory: HallDirectory;
  instanceName: string;
  logger: StreamLogger;
  now: () => number;
}

/** Wait this long between background rebuild attempts (a failing MySQL must not be hammered). */
const REBUILD_RETRY_MS = 1_000;

export function createHallQueueRuntime(deps: HallQueueRuntimeDeps): HallQueueRuntime {
  const stream = new DedicatedConsumer(deps.redis, (client) => new DurableStreamConsumer(client, HALL_TICKET_STREAM, new HallStreamSink(deps.journal), { consumer: deps.instanceName, logger: deps.logger }));
  const db = deps.db;
  let running: Promise<number> | null = null;
  let lastAttempt = 0;
  const rebuild = (): Promise<number> => {
    running ??= (async () => {
      try {
        await stream.connect();
        // Nothing lost (the usual start): no drain, no MySQL read.
        if ((await shardsNotReady(deps.redis)).length === 0) return 0;
        let made = 0;
        await rebuildHotState(stream.consumer, async () => {
          made = await refillHallQueue(db, deps.redis, deps.directory, deps.now());
        });
        return made;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return {
    async start() {
      await rebuild();
      await stream.start();
    },
    async stop() {
      await running?.catch(() => 0);
      await stream.stop();
    },
    async close() {
      await running?.catch(() => 0);
      await stream.close();
    },
    drain: (options) => stream.drain(options),
    rebuild,
    requestRebuild() {
      if (running || Date.now() - lastAttempt < REBUILD_RETRY_MS) return;
      lastAttempt = Date.now();
      rebuild().catch((err: unknown) => deps.logger.error({ err }, 'hall queue rebuild failed'));
    },
  };
}
