import { AppError } from '../../core/app-error';
import { rateLimited, unauthenticated } from '../../core/common-errors';

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
  // mask quotas, -100 … -199 (the scripts return {code, data}; REPEAT_PERIOD's data is epoch ms)
  SOLD_OUT = -100,
  /** The person holds a pending or active reservation. */
  ALREADY_RESERVED = -101,
  /** The person redeemed recently; data: epoch ms from which they may book again. */
  REPEAT_PERIOD = -102,
  /** The pharmacy's counter is missing (Redis lost it): never book against it. */
  COUNTERS_MISSING = -103,
  /** The Idempotency-Key was used for a different request (other pharmacy/round/person). */
  IDEMPOTENCY_CONFLICT = -104,
  /** An earlier request with this Idempotency-Key is still being decided (Cluster saga). */
  IN_PROGRESS = -105,
  /** Booking with a session gate: the session is gone (expired, revoked) or names another person. */
  UNAUTHENTICATED = -106,
  /** Booking with a session gate: a rate limit is over; data: ms until its window resets. */
  RATE_LIMITED = -107,
  /**
   * Cluster saga, internal: the person's pending hold belongs to another attempt whose lease
   * lapsed; data: that reservation id and its shard (the hot path fences its unit and retries).
   */
  HOLD_LAPSED = -108,
  /** Cluster saga: this attempt's unit was fenced because another attempt took the person's hold over. */
  UNIT_FENCED = -109,
  // mask rounds, -130 … -139
  /** The round was closed early or cancelled by an administrator; data: epoch ms it closed. */
  ROUND_CLOSED = -130,
  // queue numbers, -200 … -299
  /** The person already holds a live ticket for this service today. */
  ALREADY_QUEUED = -200,
  /** The Idempotency-Key was used for a different ticket request. */
  TICKET_IDEMPOTENCY_CONFLICT = -201,
  /** The ticket is not in a state this step starts from. */
  TICKET_STATE = -202,
  /** call-next: the queue changed since it was read; read again and retry. */
  QUEUE_MOVED = -203,
  /** The step names another window than the one that called the ticket. */
  WRONG_WINDOW = -204,
  /** The ticket does not exist (expired with its day, or never). */
  TICKET_MISSING = -205,
  /** The hall queue's shard has no ready mark: Redis lost it and the day is not rebuilt from MySQL yet. */
  HALL_NOT_READY = -206,
  // appointment slots, -300 … -399
  /** The slot holds as many as its capacity. */
  SLOT_FULL = -300,
  /** The person already holds a place in this slot. */
  SLOT_HELD = -301,
  /** The slot's counters are not in Redis (expired, flushed): load them from MySQL and retry. */
  SLOT_NOT_LOADED = -302,
  // venue check-ins, -400 … -499
  /** The person reached the daily check-in cap; data: check-ins today. */
  CHECKIN_LIMIT = -400,
}

const KNOWN = new Set<number>(Object.values(ScriptCode).filter((v): v is number => typeof v === 'number'));

export function isScriptCode(value: unknown): value is ScriptCode {
  return typeof value === 'number' && KNOWN.has(value);
}

/** The AppError a script code stands for: the one place codes meet HTTP statuses. */
export function scriptError(code: number, data?: number): AppError {
  const details = { scriptCode: code };
  // A script reply is a plain number; reading it as a ScriptCode is what this switch decides.
  switch (code as ScriptCode) {
    case ScriptCode.CHECKIN_LIMIT:
      return new AppError(429, 'CHECKIN_LIMIT', 'This person reached the daily check-in limit', { details: { today: Number(data) } });
    case ScriptCode.SOLD_OUT:
      return new AppError(409, 'SOLD_OUT', 'This pharmacy has no masks left in this round');
    case ScriptCode.ALREADY_RESERVED:
    case ScriptCode.HOLD_LAPSED:
    case ScriptCode.UNIT_FENCED:
      return new AppError(409, 'ALREADY_RESERVED', 'This person already holds a reservation');
    case ScriptCode.REPEAT_PERIOD: {
      const availableFrom = new Date(Number(data)).toISOString();
      return new AppError(409, 'REPEAT_PERIOD', `This person may book again from ${availableFrom}`, { details: { availableFrom } });
    }
    case ScriptCode.ROUND_CLOSED:
      return new AppError(409, 'ROUND_NOT_OPEN', 'No booking round is open now', { details: { closedAt: new Date(Number(data)).toISOString(), nextOpensAt: null } });
    case ScriptCode.COUNTERS_MISSING:
      return new AppError(503, 'STORE_UNAVAILABLE', 'Booking counters are not loaded (hot store being rebuilt)', { details });
    case ScriptCode.IDEMPOTENCY_CONFLICT:
      return new AppError(409, 'IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different booking');
    case ScriptCode.IN_PROGRESS:
      return new AppError(409, 'IDEMPOTENCY_CONFLICT', 'A booking with this Idempotency-Key is still in progress; retry shortly', {
        details: { inProgress: true },
      });
    case ScriptCode.UNAUTHENTICATED:
      return unauthenticated();
    case ScriptCode.RATE_LIMITED:
      return rateLimited(Number(data));
    case ScriptCode.SLOT_FULL:
      return new AppError(409, 'SLOT_FULL', 'This slot is fully booked');
    case ScriptCode.SLOT_HELD:
      return new AppError(409, 'ALREADY_BOOKED', 'This person already holds a place in this slot');
    case ScriptCode.SLOT_NOT_LOADED:
      return new AppError(503, 'STORE_UNAVAILABLE', 'Slot counters are not loaded', { details });
    case ScriptCode.LIMIT_REACHED:
      return new AppError(429, 'RATE_LIMITED', 'Limit reached', { details });
    case ScriptCode.ALREADY_QUEUED:
      return new AppError(409, 'ALREADY_QUEUED', 'This person already holds a ticket for this service today');
    case ScriptCode.TICKET_IDEMPOTENCY_CONFLICT:
      return new AppError(409, 'IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different ticket');
    case ScriptCode.TICKET_STATE:
      return new AppError(409, 'TICKET_STATE', 'The ticket is not in a state that allows this step');
    case ScriptCode.QUEUE_MOVED:
      return new AppError(503, 'STORE_UNAVAILABLE', 'The queue kept changing; try again', { details });
    case ScriptCode.WRONG_WINDOW:
      return new AppError(409, 'TICKET_STATE', 'Another window called this ticket');
    case ScriptCode.TICKET_MISSING:
      return new AppError(404, 'TICKET_NOT_FOUND', 'No such ticket');
    case ScriptCode.HALL_NOT_READY:
      return new AppError(503, 'STORE_UNAVAILABLE', 'The hall queue is being rebuilt; try again shortly', { details });
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
