import { appointmentArrivalsKey } from '../../infra/hot-store/keys';
import { execReplies } from '../../infra/hot-store/exec-replies';
import { toHotStoreError } from '../../infra/hot-store/hot-store-errors';
import { loadLuaCommands, runLua } from '../../infra/hot-store/load-lua-commands';
import type { RedisClient } from '../../infra/redis/create-redis-client';
import { DAY_MS } from './appointments-settings';
import { APPOINTMENT_LUA_DIR } from './slots/redis-slot-counter';

/**
 * Answers "may this person have an appointment at this hall that day?" without MySQL, so that a
 * hall ticket taken by someone without one (nearly every ticket) costs no MySQL read.
 */
export interface ArrivalIndex {
  /** Before an appointment row is written (a failure here fails the write). */
  mark(hallId: string, date: string, personId: string): Promise<void>;
  /** false only when the person certainly has no appointment row at the hall that day. */
  mayHave(hallId: string, date: string, personId: string): Promise<boolean>;
}

/** The persons with appointment rows at a hall on a day, whatever their status (MySQL). */
export type PersonsOfHallDay = (hallId: string, date: string) => Promise<string[]>;

/**
 * Longer than any booking step takes (BookingRules holds its person-day guard 10 s at most): a
 * booking that marked an index Redis then lost has committed its row by the end of this.
 */
export const ARRIVAL_SETTLE_MS = 15_000;
const READY = 'ready';
const SETTLE = 'settle:';

/** Kept a day past the hall-day (China time), so the key outlives every arrival of that day. */
function expiresAt(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`) + 2 * DAY_MS;
}

/**
 * The index on Redis: a hash per hall-day (keys.ts appointmentArrivalsKey) of the persons marked,
 * and "*" = `ready` once it holds every person MySQL has a row for. Every appointment row is
 * marked before it is written (SqlAppointmentStore.insert), so a person missing from a ready
 * index has no row, on any BFF process. A missing hash (never used, expired, or lost by Redis)
 * is rebuilt: the first reader marks it `settle:<until>`; until then every reader goes to MySQL
 * (a booking whose mark Redis lost may still be committing); after it one reader adds MySQL's
 * persons and declares it ready, unless the hash was lost again meanwhile (complete-arrival-index.lua).
 */
export class RedisArrivalIndex implements ArrivalIndex {
  constructor(
    private readonly redis: RedisClient,
    private readonly personsOf: PersonsOfHallDay,
    private readonly now: () => number,
    private readonly settleMs = ARRIVAL_SETTLE_MS,
  ) {
    loadLuaCommands(redis, APPOINTMENT_LUA_DIR);
  }

  async mark(hallId: string, date: string, personId: string): Promise<void> {
    const key = appointmentArrivalsKey(hallId, date);
    await execReplies(this.redis.multi().hset(key, personId, '1').pexpireat(key, expiresAt(date)));
  }

  async mayHave(hallId: string, date: string, personId: string): Promise<boolean> {
    const key = appointmentArrivalsKey(hallId, date);
    const [flag, marked] = await this.redis.hmget(key, '*', personId).catch((err: unknown) => { throw toHotStoreError(err); });
    if (marked !== null) return true;
    if (flag === READY) return false;
    const now = this.now();
    if (flag === null) {
      await execReplies(this.redis.multi().hsetnx(key, '*', `${SETTLE}${now + this.settleMs}`).pexpireat(key, expiresAt(date)));
      return true;
    }
    if (!flag.startsWith(SETTLE) || now < Number(flag.slice(SETTLE.length))) return true;
    const persons = await this.personsOf(hallId, date);
    await runLua(this.redis, 'gpCompleteArrivalIndex', [key], [flag, expiresAt(date), ...persons]).catch((err: unknown) => { throw toHotStoreError(err); });
    return persons.includes(personId);
  }
}
