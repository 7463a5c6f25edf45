import { AppError } from '../../core/app-error';

/**
 * Domain failures a Lua script reports by returning a negative integer instead of its result.
 * One enum for every script folder, so a code means the same thing everywhere; each domain owns a
 * range and adds its codes there (and their mapping in `scriptError`), never reusing a number.
 *
 * Only scripts whose normal result is never negative may use this convention (a counter that can
 * go below zero returns its value as is and must not).
 */
export enum ScriptCode {
  // hot-store, -1 … -99
  /** A capped counter or quota would pass its cap. */
  LIMIT_REACHED = -1,
  /** A key holds something the script cannot work with: two features share a key (a bug). */
  WRONG_KIND = -2,
  // mask quotas, -100 … -199 (SOLD_OUT, ALREADY_BOOKED, OUTSIDE_BOOKING_HOURS …)
  // queue numbers, -200 … -299
}

const KNOWN = new Set<number>(Object.values(ScriptCode).filter((v): v is number => typeof v === 'number'));

export function isScriptCode(value: unknown): value is ScriptCode {
  return typeof value === 'number' && KNOWN.has(value);
}

/** The AppError a script code stands for: the one place codes meet HTTP statuses. */
export function scriptError(code: number): AppError {
  const details = { scriptCode: code };
  switch (code) {
    case ScriptCode.LIMIT_REACHED:
      return new AppError(429, 'RATE_LIMITED', 'Limit reached', { details });
    case ScriptCode.WRONG_KIND:
      return new AppError(500, 'INTERNAL', 'Hot-store key holds a value of another kind', { details });
    default:
      return new AppError(500, 'INTERNAL', `Lua script returned unknown code ${code}`, { details });
  }
}

/**
 * Passes a script's non-negative result through and throws the mapped AppError for a negative
 * one. For scripts returning a table, pass the element that carries the code.
 */
export function checkScriptReply(reply: number): number {
  if (!Number.isInteger(reply)) throw new AppError(500, 'INTERNAL', `Lua script returned ${String(reply)}`);
  if (reply < 0) throw scriptError(reply);
  return reply;
}
