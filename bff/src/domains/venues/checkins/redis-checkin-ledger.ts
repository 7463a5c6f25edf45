import { join } from 'node:path';
import { chinaDateOf } from '../../../core/china-date';
import { DurableStream } from '../../../infra/durable-stream/durable-stream';
import { toHotStoreError } from '../../../infra/hot-store/hot-store-errors';
import { loadLuaCommands, runLua } from '../../../infra/hot-store/load-lua-commands';
import { scriptError } from '../../../infra/hot-store/script-codes';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import type { ReplicaAck } from '../../../infra/redis/replica-ack';
import { encodeCheckin, type CheckinLedger, type CheckinOutcome, type CheckinRecord, type CheckinRules } from './checkin-ledger';

export const CHECKIN_LUA_DIR = join(__dirname, 'lua');
const DAY_COUNT_TTL_MS = 2 * 86_400_000;

/** The check-in stream: partitioned by person (dedupe and the daily cap are per person). */
export const CHECKIN_STREAM = new DurableStream({ name: 'checkins', shards: 64 });

/** Keys of one person's check-in state, in the person's shard slot. */
export function checkinKeys(personId: string, venueId: string, day: string): { stream: string; seen: string; day: string } {
  const shard = CHECKIN_STREAM.shardOf(personId);
  return { stream: shard.stream, seen: shard.key(`seen:${personId}:${venueId}`), day: shard.key(`day:${personId}:${day}`) };
}

type Reply = [number, string | number, string?];

/** CheckinLedger on Redis: checkin.lua decides and appends in one step; the consumer writes MySQL. */
export class RedisCheckinLedger implements CheckinLedger {
  constructor(
    private readonly client: RedisClient,
    private readonly rules: CheckinRules,
    /** Answer a check-in only once its stream entry is on the configured replicas (issue 16). */
    private readonly replicaAck: ReplicaAck | null = null,
  ) {
    loadLuaCommands(client, CHECKIN_LUA_DIR);
  }

  async checkIn(r: CheckinRecord): Promise<CheckinOutcome> {
    const k = checkinKeys(r.personId, r.venueId, chinaDateOf(r.at));
    let reply: Reply;
    try {
      reply = await runLua<Reply>(this.client, 'gpCheckin', [k.stream, k.seen, k.day], [r.id, r.at, this.rules.dedupeMs, this.rules.dailyCap, DAY_COUNT_TTL_MS, encodeCheckin(r)]);
    } catch (err) {
      throw toHotStoreError(err);
    }
    if (reply[0] < 0) throw scriptError(reply[0], Number(reply[1]));
    // A duplicate too: it answers an earlier check-in, which must be replicated before it counts.
    await this.replicaAck?.acknowledge(k.stream);
    return { duplicate: reply[0] === 1, at: Number(reply[1]), id: String(reply[2]) };
  }
}
