import { DurableStream } from '../../../infra/durable-stream/durable-stream';

/**
 * The hall queue's durable stream, partitioned by hall + day: everything a queue script decides
 * (numbers, claims, steps) is one hall-day's, so its keys live in the hall-day's shard slot and the
 * script appends the ticket's new state to that shard's stream in the same atomic step; a consumer
 * writes hall_tickets (docs/hall.md, "Durability").
 */
export const HALL_TICKET_STREAM = new DurableStream({ name: 'hall-tickets', shards: 64 });

export interface HallDayKeys {
  /** The shard's stream (the entry every write appends). */
  stream: string;
  /**
   * The shard's ready mark, set by the rebuild: a shard without it lost its data (flush, failover to
   * an empty replica) and answers 503 until every hall-day of it is refilled from MySQL.
   */
  ready: string;
  /**
   * A field of the hall-day: `seq.<serviceId>` number counter, `t.<ticketId>` ticket hash,
   * `q.<serviceId>.<class>` waiting sorted set (score = rank time), `ver` change counter (every
   * change), `hv` heads counter (only changes that can change a call-next's pick), `streak.<windowId>`
   * preferred calls since the last normal one, `idem.<subject>.<key>` replays, `held`
   * person|service → ticket, `win` window → current ticket, `calls` recent calls (board),
   * `st.<serviceId>` recent window occupancy times (ETA).
   */
  key: (field: string) => string;
}

export function hallDayKeys(hallId: string, day: string): HallDayKeys {
  const shard = HALL_TICKET_STREAM.shardOf(`${hallId}|${day}`);
  return { stream: shard.stream, ready: shard.key('hq-ready'), key: (field) => shard.key(`hq.${hallId}.${day}.${field}`) };
}
