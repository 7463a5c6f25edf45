import { toHotStoreError } from '../../../infra/hot-store/hot-store-errors';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import { withRedisRetry } from '../../../infra/redis/redis-retry';

/**
 * The hot path's plain (non-Lua) Redis commands, and whether each is idempotent as the hot path
 * uses it. Every one is repeated after a failure that did not run it (MOVED, ASK, TRYAGAIN,
 * CLUSTERDOWN, LOADING … — docs/cluster-failover.md); only an idempotent one also after a failure
 * that may have run it (a connection lost in flight, a timeout), since a repeat then may run twice.
 * (Scripts are retried by runLua itself, by their `idempotent` header.)
 */
export const PLAIN_COMMAND_IDEMPOTENT = Object.freeze({
  /** Reads: remaining(), personState(). */
  GET: true,
  /** A read: hasCounters(). */
  EXISTS: true,
  /** setRemaining(): the same value written twice is written once. */
  SET: true,
  /**
   * closeRound(), restore(), restoreShortSeqs(): the reply is not used, so a repeat that finds its
   * own first write ("not set") changes nothing. (RedisHotStore's SET NX returns its reply and so is
   * not idempotent there.)
   */
  'SET NX, reply unused': true,
  /** takeShortSeqs(): NX keeps the first expiry; a second run is a no-op. */
  'PEXPIREAT NX': true,
  /** takeShortSeqs(): a second run would take a second range of short-code numbers. */
  INCRBY: false,
} as const);

export type PlainCommand = keyof typeof PLAIN_COMMAND_IDEMPOTENT;

/**
 * Sends one plain command through cluster transitions (infra/redis/redis-retry) within the
 * client's retry budget; what is still failing then is an AppError: 503 STORE_UNAVAILABLE with
 * Retry-After for an outage, 500 for a bug. Wrap ONE command per call: a batch under one retry
 * would repeat its successful commands with the failed one.
 */
export async function plainCommand<T>(client: RedisClient, command: PlainCommand, call: () => Promise<T>): Promise<T> {
  try {
    return await withRedisRetry(client, call, { idempotent: PLAIN_COMMAND_IDEMPOTENT[command] });
  } catch (err) {
    throw toHotStoreError(err);
  }
}
