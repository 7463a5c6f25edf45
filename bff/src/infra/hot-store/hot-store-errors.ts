import { ReplyError } from 'ioredis';
import { AppError, isAppError } from '../../core/app-error';

/** Server replies that mean "not now" (failover, loading, cluster reconfiguring), not "wrong". */
const UNAVAILABLE_REPLIES = /^(CLUSTERDOWN|TRYAGAIN|LOADING|MASTERDOWN|READONLY|BUSY)\b/;

/**
 * Client-side refusals that are bugs, not outages: ioredis rejects a cross-slot command in a
 * (auto-)pipeline itself, before any server could say CROSSSLOT.
 */
const CLIENT_BUGS = /^All (the )?keys in (a|the) pipeline/;

export function hotStoreClosedError(): AppError {
  return new AppError(503, 'STORE_UNAVAILABLE', 'Hot store is closed');
}

/**
 * One mapping for every hot-store failure: AppErrors (script codes) pass through; a misuse caught
 * on our side (TypeError/RangeError: unloaded script, keys on two slots) or Redis refusing a
 * command (WRONGTYPE, not an integer, CROSSSLOT …) is a bug (500); everything else — no
 * connection, timeouts, failover — is an outage the caller answers with 503.
 */
export function toHotStoreError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof TypeError || err instanceof RangeError) {
    return new AppError(500, 'INTERNAL', `Hot-store misuse: ${message}`, { cause: err });
  }
  const serverRefused = err instanceof ReplyError && !UNAVAILABLE_REPLIES.test(message);
  if (serverRefused || CLIENT_BUGS.test(message)) {
    return new AppError(500, 'INTERNAL', `Hot-store command failed: ${message}`, { cause: err });
  }
  return new AppError(503, 'STORE_UNAVAILABLE', `Hot store unavailable: ${message}`, { cause: err });
}
