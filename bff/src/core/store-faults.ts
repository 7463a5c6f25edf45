import { AppError } from './app-error';

/**
 * Seconds a client is asked to wait when a store is down. Not 1: with every page of every phone
 * retrying, an outage must not be met by a wave of retries each second.
 */
export const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The one place that knows what a store being down looks like, for every route (Koa's error
 * middleware and the fast lane both answer through toAppError): the drivers' own errors are
 * recognised by shape (code, name, flags), so core needs none of them. Anything not listed stays
 * a 500: a broken query is a bug, not an outage.
 */

/** Socket-level failures, from mysql2's connect or a dropped connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** mysql2 / MariaDB: connection lost or refused, server going away, too busy, failing over. */
const MYSQL_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_SHUTDOWN',
  'ER_NORMAL_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'ER_OPTION_PREVENTS_STATEMENT',
  'ER_QUERY_INTERRUPTED',
  'ER_CONNECTION_KILLED',
]);

/** The embedded SQLite file, still locked by another writer after busy_timeout. */
const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

/**
 * Redis replies after which the command did NOT run where it was sent: the slot moved (MOVED, ASK),
 * the cluster is reconfiguring or a replica is being promoted (TRYAGAIN, CLUSTERDOWN, MASTERDOWN,
 * READONLY: a write reached a demoted master), the server is loading its AOF (LOADING) or is
 * stuck in a script (BUSY), or a restarted node has an empty script cache (NOSCRIPT). Sending the
 * same command again, after a slot-map refresh, is safe for every command, idempotent or not.
 * `\b` keeps BUSYGROUP / BUSYKEY (real refusals) out.
 */
const REDIS_NOT_RUN_REPLIES = /^(MOVED|ASK|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY|LOADING|BUSY|NOSCRIPT)\b/;

/** ioredis refusing before anything was written to a socket (no offline queue, no slot map yet). */
const REDIS_NOT_SENT = /^(Stream isn't writeable|Cluster isn't ready|None of startup nodes is available|Failed to refresh slots cache)/;

/**
 * ioredis failures after which the command MAY have run: the connection dropped with it in flight
 * (ioredis says "Connection is closed." both for that and for a node it knows is down), it timed
 * out, or ioredis gave up following redirections / reconnecting. Only an idempotent call may be
 * sent again; anything else is a 503 its client retries with the same Idempotency-Key.
 */
const REDIS_MAYBE_RUN = /^(Connection is closed|Command timed out|Too many Cluster redirections|Cluster is ended|Command aborted due to connection close)/;
// By name only ioredis' own classes: a fetch's AbortError (a login provider's timeout) is not Redis.
const REDIS_MAYBE_RUN_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);

/**
 * What a Redis failure means, the one classification every Redis caller uses (the hot store's
 * error mapping, runLua's retry, the outbox consumers, toAppError):
 * - 'not-run': the command did not execute; send it again (after a slot-map refresh on MOVED)
 * - 'maybe-run': the store is unreachable or failing over and the command may have executed;
 *   only an idempotent call may be repeated, anything else answers 503 STORE_UNAVAILABLE
 * - null: not an outage (WRONGTYPE, a script error, CROSSSLOT …): a bug, 500.
 */
export type RedisFaultKind = 'not-run' | 'maybe-run';

export function redisFaultKind(err: unknown): RedisFaultKind | null {
  if (err === null || typeof err !== 'object') return null;
  const e = err as ErrorLike;
  const message = typeof e.message === 'string' ? e.message : '';
  if (REDIS_NOT_RUN_REPLIES.test(message) || REDIS_NOT_SENT.test(message)) return 'not-run';
  if (REDIS_MAYBE_RUN.test(message)) return 'maybe-run';
  if (typeof e.name === 'string' && REDIS_MAYBE_RUN_NAMES.has(e.name)) return 'maybe-run';
  return null;
}

/** mysql2 pool and Kysely refusals that carry no code (pool closing during shutdown, queue full). */
const POOL_MESSAGES = /^(Pool is closed|No connections available|Queue limit reached|Can't add new command when connection is in closed state|driver has already been destroyed)/;

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  fatal?: unknown;
  cause?: unknown;
}

function isStoreDown(err: ErrorLike): boolean {
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : '';
  // mysql2 marks every error that leaves the connection unusable (handshake, socket, protocol) fatal.
  if (err.fatal === true) return true;
  if (NETWORK_CODES.has(code) || MYSQL_CODES.has(code) || SQLITE_CODES.has(code)) return true;
  if (redisFaultKind(err) !== null) return true;
  return POOL_MESSAGES.test(message);
}

/** Whether `err`, or what it wraps (a few `cause`s deep), says a store is unreachable. */
export function isStoreUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    if (isStoreDown(current)) return true;
    current = (current as ErrorLike).cause;
  }
  return false;
}

/** 503 STORE_UNAVAILABLE with `Retry-After`; says nothing of the driver's message (hosts, users). */
export function storeUnavailable(cause: unknown, retryAfterSeconds = STORE_RETRY_AFTER_SECONDS): AppError {
  return new AppError(503, 'STORE_UNAVAILABLE', 'The service is busy, please retry shortly', {
    expose: true,
    cause,
    headers: { 'Retry-After': String(retryAfterSeconds) },
    details: { retryAfterSeconds },
  });
}

/** `err` as a 503 when a store is down, else null. */
export function storeFault(err: unknown): AppError | null {
  return isStoreUnavailable(err) ? storeUnavailable(err) : null;
}
