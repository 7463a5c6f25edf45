import type { Kysely } from 'kysely';
import { chinaDateOf, chinaMidnight } from '../../../core/china-date';
import type { DatabaseHandle } from '../../../infra/db/create-database';
import type { Database } from '../../../infra/db/database';
import { DurableStreamConsumer, type StreamLogger } from '../../../infra/durable-stream/durable-stream-consumer';
import { DedicatedConsumer } from '../../../infra/durable-stream/dedicated-consumer';
import { rebuildHotState } from '../../../infra/durable-stream/rebuild-hot-state';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import type { ReplicaAck } from '../../../infra/redis/replica-ack';
import type { CheckinLedger, CheckinRecord, CheckinRules } from './checkin-ledger';
import { CHECKIN_STREAM, checkinKeys, RedisCheckinLedger } from './redis-checkin-ledger';
import { SqlCheckinLedger } from './sql-checkin-ledger';
import { SqlCheckinSink } from './sql-checkin-sink';

export interface CheckinRuntime {
  ledger: CheckinLedger;
  /** Starts the stream consumer (Redis only; API-only processes may leave it to workers). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Drains the stream into MySQL, then refills dedupe marks and day counts from it (after Redis lost data). */
  rebuild(): Promise<number>;
  /** Writes everything in the stream now (tests, shutdown). */
  drain(): Promise<number>;
}

export interface CheckinRuntimeDeps {
  redis: RedisClient | null;
  database: DatabaseHandle;
  rules: CheckinRules;
  instanceName: string;
  /** Check-ins answer only once their entry is on this many replicas (null: off). */
  replicaAck?: ReplicaAck | null;
  logger?: StreamLogger;
  now: () => number;
}

export function createCheckinRuntime(deps: CheckinRuntimeDeps): CheckinRuntime {
  const { db, dialect } = deps.database;
  if (deps.redis === null) {
    const ledger = new SqlCheckinLedger(db, deps.rules);
    const idle = () => Promise.resolve(0);
    return { ledger, start: () => Promise.resolve(), stop: () => Promise.resolve(), rebuild: idle, drain: idle };
  }
  const redis = deps.redis;
  const ledger = new RedisCheckinLedger(redis, deps.rules, deps.replicaAck ?? null);
  const stream = new DedicatedConsumer(redis, (client) => new DurableStreamConsumer(client, CHECKIN_STREAM, new SqlCheckinSink(db, dialect), { consumer: deps.instanceName, logger: deps.logger }));
  return {
    ledger,
    start: () => stream.start(),
    stop: () => stream.close(),
    async rebuild() {
      await stream.connect();
      return rebuildHotState(stream.consumer, () => refillCheckinState(db, redis, deps.rules, deps.now()));
    },
    drain() {
      return stream.drain();
    },
  };
}

/** Dedupe marks of the last window and today's per-person counts, from MySQL. */
export async function refillCheckinState(db: Kysely<Database>, redis: RedisClient, rules: CheckinRules, now: number): Promise<void> {
  const day = chinaDateOf(now);
  const from = Math.min(chinaMidnight(day), now - rules.dedupeMs);
  const rows = await db.selectFrom('venue_checkins').select(['id', 'venue_id', 'person_id', 'account_id', 'checked_in_at']).where('checked_in_at', '>=', from).execute();
  const counts = new Map<string, number>();
  const latest = new Map<string, CheckinRecord>();
  for (const r of rows) {
    const at = Number(r.checked_in_at);
    if (chinaDateOf(at) === day) counts.set(r.person_id, (counts.get(r.person_id) ?? 0) + 1);
    const key = `${r.person_id}|${r.venue_id}`;
    const prev = latest.get(key);
    if (at > now - rules.dedupeMs && (!prev || prev.at < at)) latest.set(key, { id: r.id, venueId: r.venue_id, personId: r.person_id, accountId: r.account_id, at });
  }
  const writes: Promise<unknown>[] = [];
  for (const [personId, n] of counts) writes.push(redis.set(checkinKeys(personId, '-', day).day, n, 'PX', 2 * 86_400_000));
  for (const c of latest.values()) writes.push(redis.set(checkinKeys(c.personId, c.venueId, day).seen, `${c.id}|${c.at}`, 'PX', Math.max(1, c.at + rules.dedupeMs - now)));
  await Promise.all(writes);
}
