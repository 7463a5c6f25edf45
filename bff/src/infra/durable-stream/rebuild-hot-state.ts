import type { DurableStreamConsumer } from './durable-stream-consumer';

/**
 * After Redis lost data (failover to an empty replica, a flush) or before trusting the hot state
 * again: first write everything still in the stream into the database — including entries other,
 * possibly dead, consumers held (claimIdleMs 0) — then let the domain refill its hot state (dedupe
 * marks, counters, ticket numbers) from the database, which now holds every answered entry.
 * Returns how many entries the drain wrote.
 */
export async function rebuildHotState<T>(consumer: DurableStreamConsumer<T>, refill: () => Promise<void>): Promise<number> {
  const drained = await consumer.drain({ claimIdleMs: 0 });
  await refill();
  return drained;
}
