import type { BatchSink, EntryFields } from '../../../infra/durable-stream/batch-sink';
import { DurableStreamConsumer, type DurableStreamConsumerOptions } from '../../../infra/durable-stream/durable-stream-consumer';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import { DEFAULT_TIMINGS, SILENT_LOGGER, mapBounded, type HotPathLogger } from './hot-path-settings';
import type { HotReservation, ReservationSink, SinkResult } from './mask-hot-path';
import { MASK_OUTBOX, pharmacyKeys, personKeys } from './mask-keys';
import { MaskScripts, idempotencyArgs } from './mask-scripts';
import { decodeReservation, encodeReservation, requestFingerprint } from './reservation-codec';

/** The outbox's consumer group (its name predates the generic `<stream>-sink` and holds live entries). */
export const OUTBOX_GROUP = 'mask-outbox';

/** An outbox entry as the booking scripts XADD it: `res` (reservation JSON), `hold`, `rem`. */
export interface OutboxBooking {
  reservation: HotReservation;
  /** 'pending': booked by the Cluster saga, the hold may still need confirming. */
  hold: string;
  /** Units left after this booking (the final record confirm-hold writes). */
  remaining: number;
}

export interface MaskOutboxConsumerOptions extends Omit<DurableStreamConsumerOptions, 'logger'> {
  /** Life of the idempotency records confirm-hold finalises. */
  idempotencyTtlMs?: number;
  logger?: HotPathLogger;
}

/** The masks outbox's consumer: the one DurableStreamConsumer with the masks sink. */
export type MaskOutboxConsumer = DurableStreamConsumer<OutboxBooking>;

/**
 * Where the masks outbox becomes durable: the ReservationSink's idempotent batch write (MySQL),
 * then — before the consumer acknowledges — gives back the units of rows MySQL refused and
 * confirms the Cluster holds of the rows it wrote. A crash anywhere before the ack means the
 * entries are read again and every step repeats harmlessly: at-least-once delivery + idempotent
 * steps = each acknowledged booking lands once.
 */
export class MaskOutboxSink implements BatchSink<OutboxBooking> {
  private readonly scripts: MaskScripts;

  constructor(
    client: RedisClient,
    private readonly sink: ReservationSink,
    private readonly o: { idempotencyTtlMs: number; logger: HotPathLogger },
  ) {
    this.scripts = new MaskScripts(client);
  }

  decode(_payload: string, fields: EntryFields): OutboxBooking {
    return { reservation: decodeReservation(fields.res ?? ''), hold: fields.hold ?? 'active', remaining: Number(fields.rem ?? 0) };
  }

  async write(batch: readonly OutboxBooking[]): Promise<void> {
    const result = await this.sink.write(batch.map((b) => b.reservation));
    await this.settleConflicts(result);
    await this.confirmHolds(batch, result);
  }

  private async settleConflicts(result: SinkResult): Promise<void> {
    for (const c of result.conflicts) {
      const r = c.reservation;
      await this.scripts.resolveConflict(personKeys(r.personId), r.reservationId, c.activeReservationId);
      const left = await this.scripts.adjustRemaining(pharmacyKeys(r.roundId, r.pharmacyId).remaining, 1);
      this.o.logger.warn(
        { reservationId: r.reservationId, activeReservationId: c.activeReservationId, remaining: left },
        'mask outbox consumer: second active reservation refused by MySQL; unit returned',
      );
    }
  }

  /** Saga bookings whose row is reserved: make the hold active (heals a BFF crash before step 3). */
  private async confirmHolds(batch: readonly OutboxBooking[], result: SinkResult): Promise<void> {
    const toConfirm = batch.filter((b) => b.hold === 'pending' && result.reservedIds.has(b.reservation.reservationId));
    await mapBounded(toConfirm, 256, (b) => {
      const r = b.reservation;
      const person = personKeys(r.personId);
      return this.scripts.confirmHold(person, idempotencyArgs(person, r.accountId, r.idempotencyKey, requestFingerprint(r)), {
        reservationId: r.reservationId,
        json: encodeReservation(r),
        remaining: b.remaining,
        idempotencyTtlMs: this.o.idempotencyTtlMs,
      });
    });
  }
}

/**
 * Drains every shard's outbox into MySQL through `sink`. Give it its own connection
 * (duplicateRedisClient): the standalone live read BLOCKs it.
 */
export function maskOutboxConsumer(client: RedisClient, sink: ReservationSink, options: MaskOutboxConsumerOptions): MaskOutboxConsumer {
  const { idempotencyTtlMs, logger, ...rest } = options;
  const log = logger ?? SILENT_LOGGER;
  const outboxSink = new MaskOutboxSink(client, sink, { idempotencyTtlMs: idempotencyTtlMs ?? DEFAULT_TIMINGS.idempotencyTtlMs, logger: log });
  // 100 per shard per read, as the masks outbox was always read (the bench:masks numbers).
  return new DurableStreamConsumer(client, MASK_OUTBOX, outboxSink, { group: OUTBOX_GROUP, readCount: 100, ...definedOnly(rest), consumer: rest.consumer, logger: log });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
