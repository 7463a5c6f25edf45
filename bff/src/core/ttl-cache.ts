import { LRUCache } from 'lru-cache';

/**
 * A bounded in-process cache whose entries expire `ttlMs` after they were set, on lru-cache
 * (already the BFF's cache elsewhere). The clock is the caller's (tests move it by hand): lru-cache
 * reads it through `perf`, on every check (`ttlResolution: 0`, so a moved clock counts at once).
 * An entry is stale once strictly older than its ttl. A clock must not start at 0 (lru-cache reads
 * a start time of 0 as "no TTL"): test clocks start at a real instant.
 */
export function ttlCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(ttlMs: number, maxEntries: number, now: () => number): LRUCache<K, V> {
  return new LRUCache<K, V>({ max: maxEntries, ttl: ttlMs, ttlResolution: 0, perf: { now } });
}
