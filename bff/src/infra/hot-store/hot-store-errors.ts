import { ReplyError } from 'ioredis';
import { AppError, isAppError } from '../../core/app-error';
import { redisFaultKind } from '../../core/store-faults';

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
 * on our side (TypeError/RangeError: unloaded script, keys on two slots) is a bug (500); every
 * reply Redis refused that core/store-faults' redisFaultKind does not list as a transition
 * (WRONGTYPE, not an integer, CROSSSLOT, a Lua error …) is a bug (500); everything else — no
 * connection, timeouts, failover, MOVED/ASK/NOSCRIPT left after runLua's retries — is a 503.
 */
export function toHotStoreError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof TypeError || err instanceof RangeError) {
    return new AppError(500, 'INTERNAL', `Hot-store misuse: ${message}`, { cause: err });
  }
  const serverRefused = err instanceof ReplyError && redisFaultKind(err) === null;
  if (serverRefused || CLIENT_BUGS.test(message)) {
    return new AppError(500, 'INTERNAL', `Hot-store command failed: ${message}`, { cause: err });
  }
  return new AppError(503, 'STORE_UNAVAILABLE', `Hot store unavailable: ${message}`, { cause: err });
}
