import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { addDays, chinaDateOf } from '../../../core/china-date';
import type { Database } from '../../../infra/db/database';
import type { StreamShard } from '../../../infra/durable-stream/durable-stream';
import { execReplies } from '../../../infra/hot-store/exec-replies';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import type { HallDirectory, HallSnapshot } from '../registry/hall-directory';
import { HALL_TICKET_STREAM, hallDayKeys } from './hall-keys';
import { QUEUE_TTL_MS, RECENT_CALLS, SERVICE_TIME_SAMPLES, TICKET_CLASSES } from './queue-store';
import { recordOf } from './sql-ticket-store';
import { encodeTicket, queueMember, type StoredCall, type TicketRecord } from './ticket-record';

const LIVE = new Set(['waiting', 'called', 'serving']);
/** A rebuild holds a shard this long at most (another process takes over after a crash). */
const LOCK_MS = 60_000;

type Row = TicketRecord & { rev: number };

/** The board's call of a ticket as it was last called (from its row and the registry). */
function callOf(t: TicketRecord, snap: HallSnapshot | null): StoredCall {
  const w = snap?.windows.find((x) => x.id === t.windowId);
  const service = snap?.services.find((s) => s.id === t.serviceId);
  return {
    callId: `${t.id}.${t.calls}`, number: t.number, windowNumber: w?.number ?? 0, windowName: w?.name ?? '', serviceName: service?.name ?? '',
    calledAt: new Date(t.calledAt ?? 0).toISOString(), recall: t.calls > 1, ticketId: t.id, serviceId: t.serviceId, windowId: t.windowId ?? '',
  };
}

/** One hall-day's hot keys from its rows, in one MULTI (one slot). */
async function refillDay(redis: RedisClient, hallId: string, day: string, rows: Row[], snap: HallSnapshot | null, now: number): Promise<void> {
  const k = hallDayKeys(hallId, day).key;
  const ttl = QUEUE_TTL_MS;
  const services = new Set([...rows.map((r) => r.serviceId), ...(snap?.services.map((s) => s.id) ?? [])]);
  const m = redis.multi();
  m.del(k('held'), k('win'), k('calls'));
  for (const s of services) {
    m.del(k(`st.${s}`), ...TICKET_CLASSES.map((c) => k(`q.${s}.${c}`)));
    // Numbers continue after the highest one given: never reused.
    const top = Math.max(0, ...rows.filter((r) => r.serviceId === s).map((r) => r.seq));
    m.set(k(`seq.${s}`), top, 'PX', ttl);
  }
  for (const t of rows) {
    m.hset(k(`t.${t.id}`), ...encodeTicket(t)).pexpire(k(`t.${t.id}`), ttl);
    if (t.state === 'waiting') m.zadd(k(`q.${t.serviceId}.${t.ticketClass}`), t.rankAt, queueMember(t.seq, t.id));
    if (LIVE.has(t.state)) m.hset(k('held'), `${t.personId}|${t.serviceId}`, t.id);
  }
  for (const s of services) for (const c of TICKET_CLASSES) m.pexpire(k(`q.${s}.${c}`), ttl);
  // Each window's current ticket: the latest one it called that is not finished.
  const holding = rows.filter((t) => (t.state === 'called' || t.state === 'serving') && t.windowId).sort((a, b) => (a.calledAt ?? 0) - (b.calledAt ?? 0));
  for (const t of holding) m.hset(k('win'), t.windowId as string, t.id);
  const called = rows.filter((t) => t.calledAt !== null).sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0)).slice(0, RECENT_CALLS);
  if (called.length > 0) m.rpush(k('calls'), ...called.map((t) => JSON.stringify(callOf(t, snap))));
  for (const s of services) {
    const times = rows.filter((t) => t.serviceId === s && (t.state === 'done' || t.state === 'no_show') && t.calledAt !== null && t.finishedAt !== null)
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0)).slice(0, SERVICE_TIME_SAMPLES).map((t) => (t.finishedAt ?? 0) - (t.calledAt ?? 0));
    if (times.length > 0) m.rpush(k(`st.${s}`), ...times).pexpire(k(`st.${s}`), ttl);
  }
  // Past every rev the rows carry and past every version a process may have cached: views re-read.
  const ver = Math.max(now, 1 + Math.max(0, ...rows.map((r) => r.rev)));
  m.set(k('ver'), ver, 'PX', ttl).set(k('hv'), ver, 'PX', ttl);
  m.pexpire(k('held'), ttl).pexpire(k('win'), ttl).pexpire(k('calls'), ttl);
  await execReplies(m);
}

/** The hall stream's shards without their ready mark (Redis lost them, or they were never built). */
export async function shardsNotReady(redis: RedisClient): Promise<StreamShard[]> {
  const shards = HALL_TICKET_STREAM.allShards();
  const marks = await Promise.all(shards.map((s) => redis.exists(s.key('hq-ready'))));
  return shards.filter((_, i) => marks[i] === 0);
}

/**
 * After Redis lost hall-queue shards (their ready mark is gone; the durable stream is drained into
 * MySQL first, rebuild-hot-state): refills today's and yesterday's hall-days of every such shard
 * from hall_tickets (tickets, numbers so none is reused, waiting sets, holds, windows' current
 * tickets, recent calls, service times) and sets the shard's ready mark. Not restored: a window's
 * streak of preferred calls (starts again at 0) and Idempotency-Key replays (a retry of a take made
 * before the loss answers ALREADY_QUEUED). A shard another process is rebuilding is left to it.
 * Returns the shards made ready.
 */
export async function refillHallQueue(db: Kysely<Database>, redis: RedisClient, directory: HallDirectory, now: number): Promise<number> {
  const missing = await shardsNotReady(redis);
  if (missing.length === 0) return 0;
  const today = chinaDateOf(now);
  const rows = (await db.selectFrom('hall_tickets').selectAll().where('day', 'in', [addDays(today, -1), today]).execute()).map((r) => ({ ...recordOf(r), rev: Number(r.rev) }));
  const byShard = new Map<number, Map<string, Row[]>>();
  for (const r of rows) {
    const shard = HALL_TICKET_STREAM.shardOf(`${r.hallId}|${r.day}`).shard;
    const days = byShard.get(shard) ?? new Map<string, Row[]>();
    byShard.set(shard, days);
    const key = `${r.hallId}|${r.day}`;
    days.set(key, [...(days.get(key) ?? []), r]);
  }
  // Shards are independent (own slot, own lock): refilled side by side.
  const made = await Promise.all(missing.map(async (s) => {
    const token = randomUUID();
    const lock = s.key('hq-rebuilding');
    if ((await redis.set(lock, token, 'PX', LOCK_MS, 'NX')) !== 'OK') return 0;
    try {
      // Another process may have finished this shard between the look and the lock.
      if ((await redis.exists(s.key('hq-ready'))) === 1) return 0;
      for (const [key, dayRows] of byShard.get(s.shard) ?? []) {
        const [hallId, day] = key.split('|');
        await refillDay(redis, hallId, day, dayRows, await directory.snapshot(hallId), now);
      }
      await redis.set(s.key('hq-ready'), String(now));
      return 1;
    } finally {
      if ((await redis.get(lock)) === token) await redis.del(lock);
    }
  }));
  const ready = made.reduce<number>((a, b) => a + b, 0);
  return ready;
}
