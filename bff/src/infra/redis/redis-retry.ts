import { Cluster, ReplyError } from 'ioredis';
import { redisFaultKind } from '../../core/store-faults';
import type { RedisClient } from './redis-client';

/**
 * How long a call may spend on cluster transitions before its caller answers 503: a failover
 * (cluster-node-timeout + promotion) takes seconds, a MOVED or a cold script cache one round trip.
 */
export interface RedisRetryPolicy {
  /** Total time spent waiting between attempts; past it the last error goes to the caller (503). */
  budgetMs: number;
  /** Attempts in all, the first included; 1 = no retry. */
  attempts: number;
}

export const DEFAULT_RETRY_POLICY: RedisRetryPolicy = Object.freeze({ budgetMs: 1500, attempts: 6 });

/** Per client (createRedisClient sets it from config, duplicateRedisClient copies it). */
const policies = new WeakMap<RedisClient, RedisRetryPolicy>();

export function setRetryPolicy(client: RedisClient, policy: RedisRetryPolicy): void {
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) throw new RangeError('retry attempts must be an integer ≥ 1');
  if (!Number.isFinite(policy.budgetMs) || policy.budgetMs < 0) throw new RangeError('retry budgetMs must be ≥ 0');
  policies.set(client, policy);
}

export function retryPolicyOf(client: RedisClient): RedisRetryPolicy {
  return policies.get(client) ?? DEFAULT_RETRY_POLICY;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 25, 50, 100, 200, 400, 400 … ms: a MOVED is over at once, a promotion takes a while. */
function backoffMs(attempt: number): number {
  return Math.min(25 * 2 ** (attempt - 1), 400);
}

/**
 * After MOVED, CLUSTERDOWN or a dropped node the client's slot map is stale. ioredis refreshes it
 * itself only for a command sent alone, or when every command of an (auto-)pipeline failed with
 * the identical error — a batch mixing keys of a moved slot and others is left with the stale map
 * for good (the consumer that kept failing with MOVED for minutes). Resolves when the refresh ends
 * (or at once on standalone Redis); never throws: the next attempt tells.
 */
export function refreshSlotsAfter(client: RedisClient, err: unknown): Promise<void> {
  if (!(client instanceof Cluster) || redisFaultKind(err) === null) return Promise.resolve();
  const message = (err as Error).message ?? '';
  if (/^(TRYAGAIN|LOADING|BUSY|NOSCRIPT)\b/.test(message)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    try {
      client.refreshSlotsCache(() => resolve());
    } catch {
      resolve();
    }
  });
}

/**
 * A reply (MOVED, LOADING, BUSY …) is worth repeating anywhere. A lost or refused connection only on
 * a Cluster, where another node takes over within seconds; a standalone server that is down stays
 * down, and its requests answer 503 at once instead of each waiting out the budget.
 */
function worthRepeating(client: RedisClient, err: unknown): boolean {
  return err instanceof ReplyError || client instanceof Cluster;
}

export interface RetryOptions {
  /**
   * Whether running the call twice has the effect of running it once. Only then is it repeated
   * after a failure that may have executed it (connection lost in flight, timeout); a failure that
   * did not execute it (MOVED, TRYAGAIN, NOSCRIPT …) is repeated for every call.
   */
  idempotent: boolean;
}

/**
 * Runs `command`, repeating it through cluster transitions within the client's policy (see
 * RedisRetryPolicy); the last error goes to the caller, which maps it (toHotStoreError: 503).
 * NOSCRIPT needs nothing more than the repeat: ioredis forgets that the socket had the script on
 * NOSCRIPT, so the repeat is sent as EVAL and loads it again.
 */
export async function withRedisRetry<T>(client: RedisClient, command: () => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = retryPolicyOf(client);
  const deadline = Date.now() + policy.budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await command();
    } catch (err) {
      const kind = redisFaultKind(err);
      const repeatable = (kind === 'not-run' || (kind === 'maybe-run' && options.idempotent)) && worthRepeating(client, err);
      const wait = Math.min(backoffMs(attempt), deadline - Date.now());
      if (!repeatable || attempt >= policy.attempts || wait < 0) throw err;
      await Promise.all([refreshSlotsAfter(client, err), sleep(wait)]);
    }
  }
}
