import { Cluster } from 'ioredis';
import { toHotStoreError } from '../../../infra/hot-store/hot-store-errors';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import {
  DEFAULT_TIMINGS,
  SILENT_LOGGER,
  checkRemaining,
  mapBounded,
  type HotPathLogger,
  type HotPathTimings,
} from './hot-path-settings';
import type { BookOutcome, HotReservation, MaskHotPath, PersonState, RoundCounters, SessionGate } from './mask-hot-path';
import { allShardKeys, pharmacyKeys, personKeys, type PersonKeys } from './mask-keys';

/** A closed round's markers outlive its pickup and expiry; then nobody books it anyway (its round is not current). */
const CLOSED_MARKER_TTL_MS = 30 * 86_400_000;
import { MaskScriptCode, maskScriptError } from './mask-script-codes';
import { MaskScripts, idempotencyArgs, type IdempotencyArgs, type ScriptTable } from './mask-scripts';
import { checkReservation, decodeReservation, encodeReservation, requestFingerprint } from './reservation-codec';
import { SoldOutCache } from './sold-out-cache';

export type BookingStrategy = 'single' | 'saga';

export interface RedisMaskHotPathOptions extends Partial<HotPathTimings> {
  /** Default: 'single' on standalone Redis, 'saga' on a Cluster (where 'single' is refused). */
  strategy?: BookingStrategy;
  logger?: HotPathLogger;
  /** Writes in flight during restore(). */
  restoreConcurrency?: number;
  /** Saga only: how long a pharmacy seen sold out is refused after one person check; 0 = off. */
  soldOutCacheMs?: number;
}

const IN_PROGRESS = Symbol('in-progress');
const GONE = Symbol('gone');
// Script replies are plain numbers; these are the codes they are compared with.
const IN_PROGRESS_REPLY: number = MaskScriptCode.IN_PROGRESS;
const SOLD_OUT_REPLY: number = MaskScriptCode.SOLD_OUT;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * MaskHotPath on Redis. Standalone: book-single.lua, the whole decision in one atomic round trip.
 * Cluster: the person-hold saga (hold-person → reserve-unit → confirm-hold, compensated by
 * release-hold), because a person and a pharmacy live on different slots. Either way a booking
 * resolves only once its outbox entry exists; the OutboxConsumer makes it a MySQL row.
 * Takes a client made by createRedisClient; does not own it.
 */
export class RedisMaskHotPath implements MaskHotPath {
  readonly strategy: BookingStrategy;
  private readonly scripts: MaskScripts;
  private readonly t: HotPathTimings;
  private readonly logger: HotPathLogger;
  private readonly restoreConcurrency: number;
  private readonly soldOut: SoldOutCache;

  constructor(
    private readonly client: RedisClient,
    options: RedisMaskHotPathOptions = {},
  ) {
    const cluster = client instanceof Cluster;
    this.strategy = options.strategy ?? (cluster ? 'saga' : 'single');
    if (cluster && this.strategy === 'single') throw new TypeError('a Redis Cluster cannot run the single-script booking');
    this.t = { ...DEFAULT_TIMINGS, ...pickTimings(options) };
    this.logger = options.logger ?? SILENT_LOGGER;
    this.restoreConcurrency = options.restoreConcurrency ?? 256;
    this.soldOut = new SoldOutCache(this.strategy === 'saga' ? (options.soldOutCacheMs ?? 1_000) : 0);
    this.scripts = new MaskScripts(client);
  }

  /** Standalone only: book-single.lua checks the session and rate limits in the same step. */
  get gatesSessions(): boolean {
    return this.strategy === 'single';
  }

  async book(res: HotReservation, now: number, gate?: SessionGate): Promise<BookOutcome> {
    checkReservationOr500(res);
    if (this.strategy === 'single') return this.bookSingle(res, now, gate);
    if (gate) throw new TypeError('the saga takes no SessionGate (authenticate first)');
    return this.bookSaga(res, now);
  }

  private async bookSingle(res: HotReservation, now: number, gate: SessionGate | undefined): Promise<BookOutcome> {
    const person = personKeys(res.personId);
    const pharmacy = pharmacyKeys(res.roundId, res.pharmacyId);
    const idem = idempotencyArgs(person, res.accountId, res.idempotencyKey, requestFingerprint(res));
    const reply = await run(() =>
      this.scripts.bookSingle(
        { hold: person.hold, repeatUntil: person.repeatUntil, idempotency: idem.key, remaining: pharmacy.remaining, outbox: pharmacy.outbox, closed: pharmacy.closed },
        { reservationId: res.reservationId, now, fingerprint: idem.fingerprint, json: encodeReservation(res), idempotencyTtlMs: this.t.idempotencyTtlMs },
        gate,
      ),
    );
    return outcomeOf(res, reply);
  }

  private async bookSaga(res: HotReservation, now: number): Promise<BookOutcome> {
    const deadline = Date.now() + this.t.inProgressWaitMs;
    for (;;) {
      const outcome = await this.trySaga(res, now);
      if (outcome !== IN_PROGRESS) return outcome;
      const earlier = await this.awaitEarlier(res, deadline);
      if (earlier !== GONE) return earlier;
      // The earlier attempt was refused and compensated: decide this one afresh.
    }
  }

  private async trySaga(res: HotReservation, now: number): Promise<BookOutcome | typeof IN_PROGRESS> {
    const person = personKeys(res.personId);
    const idem = idempotencyArgs(person, res.accountId, res.idempotencyKey, requestFingerprint(res));
    if (this.soldOut.has(res.roundId, res.pharmacyId)) return this.refuseSoldOut(res, person, idem, now);
    const json = encodeReservation(res);
    let held: ScriptTable;
    try {
      held = await this.scripts.holdPerson(person, idem, { reservationId: res.reservationId, now, json, pendingTtlMs: this.t.pendingHoldTtlMs });
    } catch (err) {
      // Nothing is reserved yet, so undoing a hold that may have been set is always safe.
      await this.compensate(person, idem, res.reservationId);
      throw toHotStoreError(err);
    }
    if (held[0] === IN_PROGRESS_REPLY) return IN_PROGRESS;
    if (held[0] !== 0) return outcomeOf(res, held);

    const pharmacy = pharmacyKeys(res.roundId, res.pharmacyId);
    // No compensation when this throws: the unit may be taken and in the outbox (a timeout after
    // the server ran it). The pending hold then stays; the consumer confirms it if the entry
    // exists, else it expires — a retry with the same key waits for that and replays.
    const reserved = await run(() => this.scripts.reserveUnit(pharmacy, json));
    if (reserved[0] < 0) {
      if (reserved[0] === SOLD_OUT_REPLY) this.soldOut.mark(res.roundId, res.pharmacyId);
      await this.compensate(person, idem, res.reservationId);
      throw maskScriptError(reserved[0], Number(reserved[1]));
    }
    const remaining = Number(reserved[1]);
    if (remaining === 0) this.soldOut.mark(res.roundId, res.pharmacyId);
    try {
      const mine = await this.scripts.confirmHold(person, idem, {
        reservationId: res.reservationId,
        json,
        remaining,
        idempotencyTtlMs: this.t.idempotencyTtlMs,
      });
      if (!mine) this.logger.warn({ reservationId: res.reservationId }, 'mask booking: person hold taken by another reservation; MySQL decides');
    } catch (err) {
      // The booking stands (it is in the outbox); the consumer confirms the hold.
      this.logger.warn({ err, reservationId: res.reservationId }, 'mask booking: confirm-hold failed; consumer will confirm');
    }
    return { reservation: res, replay: false, remaining };
  }

  /** Fast refusal: the person-side answers still win (replay first), else SOLD_OUT. */
  private async refuseSoldOut(
    res: HotReservation,
    person: PersonKeys,
    idem: IdempotencyArgs,
    now: number,
  ): Promise<BookOutcome | typeof IN_PROGRESS> {
    const checked = await run(() => this.scripts.checkPerson(person, idem, now));
    if (checked[0] === IN_PROGRESS_REPLY) return IN_PROGRESS;
    if (checked[0] !== 0) return outcomeOf(res, checked);
    throw maskScriptError(MaskScriptCode.SOLD_OUT);
  }

  private async compensate(person: PersonKeys, idem: IdempotencyArgs, reservationId: string): Promise<void> {
    try {
      await this.scripts.releaseHold(person, idem, reservationId);
    } catch (err) {
      this.logger.warn({ err, reservationId }, 'mask booking: release-hold failed; the pending hold expires by itself');
    }
  }

  /** Polls the idempotency record an earlier in-flight attempt holds until it is decided. */
  private async awaitEarlier(res: HotReservation, deadline: number): Promise<BookOutcome | typeof GONE> {
    const key = personKeys(res.personId).idempotency(res.accountId, res.idempotencyKey as string);
    for (;;) {
      const [st, json, rem] = await run(() => this.client.hmget(key, 'st', 'res', 'rem'));
      if (st === null) return GONE;
      if (st === 'c' && json !== null) return { reservation: decodeReservation(json), replay: true, remaining: Number(rem) };
      if (Date.now() >= deadline) throw maskScriptError(MaskScriptCode.IN_PROGRESS);
      await sleep(this.t.inProgressPollMs);
    }
  }

  async remaining(roundId: string, pharmacyIds: string[]): Promise<Record<string, number>> {
    const values = await run(() => Promise.all(pharmacyIds.map((p) => this.client.get(pharmacyKeys(roundId, p).remaining))));
    const out: Record<string, number> = {};
    pharmacyIds.forEach((p, i) => {
      if (values[i] !== null) out[p] = Number(values[i]);
    });
    return out;
  }

  async setRemaining(roundId: string, pharmacyId: string, remaining: number): Promise<void> {
    checkRemaining(remaining);
    await run(() => this.client.set(pharmacyKeys(roundId, pharmacyId).remaining, remaining));
    this.soldOut.clear(roundId, pharmacyId);
  }

  /** One marker per shard (SET NX keeps the first instant), all written before this resolves. */
  async closeRound(roundId: string, closedAt: number): Promise<void> {
    if (!Number.isSafeInteger(closedAt)) throw new RangeError('closedAt must be epoch ms');
    await run(() => Promise.all(allShardKeys().map((s) => this.client.set(s.closed(roundId), closedAt, 'PX', CLOSED_MARKER_TTL_MS, 'NX'))));
  }

  async release(personId: string, reservationId: string, roundId: string, pharmacyId: string, returnUnit: boolean): Promise<void> {
    await run(() => this.scripts.dropHold(personKeys(personId), reservationId, this.t.tombstoneTtlMs));
    if (!returnUnit) return;
    const left = await this.adjustRemaining(roundId, pharmacyId, 1);
    if (left === null) this.logger.warn({ reservationId, roundId, pharmacyId }, 'mask cancel: counter missing, unit left to the rebuild');
  }

  async adjustRemaining(roundId: string, pharmacyId: string, delta: number): Promise<number | null> {
    if (!Number.isSafeInteger(delta)) throw new RangeError(`delta must be an integer, got ${delta}`);
    const left = await run(() => this.scripts.adjustRemaining(pharmacyKeys(roundId, pharmacyId).remaining, delta));
    if (delta > 0) this.soldOut.clear(roundId, pharmacyId);
    return left;
  }

  async redeemed(personId: string, reservationId: string, repeatUntil: number): Promise<void> {
    if (!Number.isSafeInteger(repeatUntil)) throw new RangeError('repeatUntil must be epoch ms');
    await run(() => this.scripts.redeemed(personKeys(personId), reservationId, this.t.tombstoneTtlMs, repeatUntil));
  }

  async expired(personId: string, reservationId: string): Promise<void> {
    await run(() => this.scripts.dropHold(personKeys(personId), reservationId, this.t.tombstoneTtlMs));
  }

  async restore(counters: RoundCounters[], persons: PersonState[]): Promise<void> {
    // Persons first: once a counter exists bookings run, and must meet the restored holds.
    await run(() =>
      mapBounded(persons, this.restoreConcurrency, (p) => this.scripts.restorePerson(personKeys(p.personId), p.activeReservationId, p.repeatUntil)),
    );
    const sets = counters.flatMap((c) => Object.entries(c.remaining).map(([pharmacyId, n]) => ({ roundId: c.roundId, pharmacyId, n })));
    for (const s of sets) {
      checkRemaining(s.n);
      this.soldOut.clear(s.roundId, s.pharmacyId);
    }
    await run(() =>
      mapBounded(sets, this.restoreConcurrency, (s) => this.client.set(pharmacyKeys(s.roundId, s.pharmacyId).remaining, s.n, 'NX')),
    );
  }

  async hasCounters(roundId: string, pharmacyId: string): Promise<boolean> {
    return (await run(() => this.client.exists(pharmacyKeys(roundId, pharmacyId).remaining))) === 1;
  }

  async personState(personId: string, now: number): Promise<PersonState> {
    const k = personKeys(personId);
    const [hold, until] = await run(() => Promise.all([this.client.get(k.hold), this.client.get(k.repeatUntil)]));
    return personStateOf(personId, hold, until === null ? null : Number(until), now);
  }
}

function pickTimings(o: Partial<HotPathTimings>): Partial<HotPathTimings> {
  const out: Partial<HotPathTimings> = {};
  for (const k of Object.keys(DEFAULT_TIMINGS) as (keyof HotPathTimings)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

function checkReservationOr500(res: HotReservation): void {
  try {
    checkReservation(res);
  } catch (err) {
    throw toHotStoreError(err);
  }
}

/** Every Redis failure as an AppError: 503 for outages, 500 for bugs; script codes pass through. */
async function run<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (err) {
    throw toHotStoreError(err);
  }
}

/** A script's `{status, …}` as the booking's outcome (or its AppError). */
export function outcomeOf(res: HotReservation, reply: ScriptTable): BookOutcome {
  const [status, a, b, c] = reply;
  if (status === 0) return { reservation: res, replay: false, remaining: Number(a), ...sessionOf(b) };
  if (status === 1) return { reservation: decodeReservation(String(a)), replay: true, remaining: Number(b), ...sessionOf(c) };
  throw maskScriptError(status, a === undefined || a === null ? undefined : Number(a));
}

/** The session JSON a gated book-single.lua returns ('' or absent without a gate). */
function sessionOf(value: string | number | null | undefined): { session?: string } {
  return typeof value === 'string' && value !== '' ? { session: value } : {};
}

/** Hold value (pending:/active:/done:<id>) and repeat-until as a PersonState. */
export function personStateOf(personId: string, hold: string | null, repeatUntil: number | null, now: number): PersonState {
  const m = hold === null ? null : /^(pending|active):(.+)$/.exec(hold);
  return {
    personId,
    activeReservationId: m ? m[2] : null,
    repeatUntil: repeatUntil !== null && repeatUntil > now ? repeatUntil : null,
  };
}
