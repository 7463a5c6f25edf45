import { closeRedisClient, duplicateRedisClient, waitForReady, type RedisClient } from '../redis/create-redis-client';
import type { DurableStreamConsumer } from './durable-stream-consumer';

/**
 * A stream consumer on a connection of its own: its blocking reads must not hold up the app's
 * commands behind them. Connected on first use (start, drain or a rebuild), closed by close().
 */
export class DedicatedConsumer<T> {
  readonly consumer: DurableStreamConsumer<T>;
  private readonly client: RedisClient;
  private ready: Promise<void> | null = null;

  constructor(redis: RedisClient, create: (client: RedisClient) => DurableStreamConsumer<T>) {
    this.client = duplicateRedisClient(redis);
    // Outages surface as failed batches (logged with back-off); unheard, ioredis prints every reconnect.
    this.client.on('error', () => undefined);
    this.consumer = create(this.client);
  }

  connect(): Promise<void> {
    return (this.ready ??= waitForReady(this.client));
  }

  async start(): Promise<void> {
    await this.connect();
    await this.consumer.start();
  }

  /** Stops reading; the connection stays for a drain or a rebuild. */
  stop(): Promise<void> {
    return this.consumer.stop();
  }

  async close(): Promise<void> {
    await this.consumer.stop();
    await closeRedisClient(this.client);
  }

  async drain(options?: { claimIdleMs?: number }): Promise<number> {
    await this.connect();
    return this.consumer.drain(options);
  }
}
