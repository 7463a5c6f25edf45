import { TEST_SHORT_CODES } from './hot-path-test-support';
import type { Kysely } from 'kysely';
import type { Database } from '../../../bff/src/infra/db/database';
import { closeRedisClient, type RedisClient, type RedisStorageConfig } from '../../../bff/src/infra/redis/create-redis-client';
import { maskOutboxConsumer, type MaskOutboxConsumer, type MaskOutboxConsumerOptions } from '../../../bff/src/domains/masks/hot-path/mask-outbox';
import { RedisMaskHotPath, type BookingStrategy } from '../../../bff/src/domains/masks/hot-path/redis-mask-hot-path';
import { SqlReservationSink } from '../../../bff/src/domains/masks/hot-path/sql-reservation-sink';
import type { ReservationSink } from '../../../bff/src/domains/masks/hot-path/mask-hot-path';
import { connectOrFail, deleteUnder } from '../../hot-store/redis-test-support';
import { uniquePrefix } from '../../support/test-services';
import type { HotPathUnderTest } from './mask-hot-path-contract';

export interface RedisTarget extends HotPathUnderTest {
  hotPath: RedisMaskHotPath;
  client: RedisClient;
  consumer: MaskOutboxConsumer;
  keyPrefix: string;
  /** A further consumer on its own connection (closed by cleanup), e.g. to play a crash. */
  newConsumer(sink: ReservationSink, options: Partial<MaskOutboxConsumerOptions>): Promise<{ consumer: MaskOutboxConsumer; client: RedisClient }>;
}

/**
 * A hot path on a fresh key prefix, with a running outbox consumer on its own connection (as in
 * production: the standalone live read BLOCKs its connection), writing into `db`.
 */
export async function redisTarget(
  storage: (keyPrefix: string) => RedisStorageConfig,
  admin: () => RedisClient,
  db: Kysely<Database>,
  label: string,
  strategy?: BookingStrategy,
): Promise<RedisTarget> {
  const keyPrefix = uniquePrefix(label);
  const client = await connectOrFail(storage(keyPrefix));
  const clients: RedisClient[] = [client];
  const consumers: MaskOutboxConsumer[] = [];
  const sink = new SqlReservationSink(db, 'mysql', { shortCodes: TEST_SHORT_CODES });
  const newConsumer = async (s: ReservationSink, options: Partial<MaskOutboxConsumerOptions>) => {
    const c = await connectOrFail(storage(keyPrefix));
    clients.push(c);
    const consumer = maskOutboxConsumer(c, s, { consumer: 'bff-1', claimIdleMs: 2_000, ...options });
    consumers.push(consumer);
    return { consumer, client: c };
  };
  const { consumer } = await newConsumer(sink, {});
  await consumer.start();
  const hotPath = new RedisMaskHotPath(client, { strategy });
  return {
    hotPath,
    client,
    consumer,
    keyPrefix,
    newConsumer,
    drain: async () => {
      await consumer.drain();
    },
    flush: () => deleteUnder(admin(), keyPrefix),
    cleanup: async () => {
      for (const c of consumers) await c.stop();
      for (const c of clients) await closeRedisClient(c);
      await deleteUnder(admin(), keyPrefix);
    },
  };
}
