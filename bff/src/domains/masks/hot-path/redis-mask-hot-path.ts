import { Cluster } from 'ioredis';
import { toHotStoreError } from '../../../infra/hot-store/hot-store-errors';
import type { RedisClient } from '../../../infra/redis/create-redis-client';
import type { ReplicaAck } from '../../../infra/redis/replica-ack';
import {
  CLOSED_MARKER_TTL_MS,
  DEFAULT_TIMINGS,
  SILENT_LOGGER,
  checkRemaining,
  mapBounded,
  type HotPathLogger,
  type HotPathTimings,
} from './hot-path-settings';
import type { BookOutcome, HotReservation, MaskHotPath, PersonState, RoundCounters, SessionGate, ShortSeqState } from './mask-hot-path';
import { MaskBookingSaga, outcomeOf, type SagaStepHook } from './mask-booking-saga';
import { allShardKeys, pharmacyKeys, personKeys, shortSeqExpiresAt, shortSeqKey } from './mask-keys';
import { MaskScripts, idempotencyArgs } from './mask-scripts';
import { plainCommand, type PlainCommand } from './plain-commands';
import { checkReservation, encodeReservation, requestFingerprint } from './reservation-codec';
import { SoldOutCache } from '../sold-out-cache';

/** A closed round's markers outlive its pickup and expiry; then nobody books it anyway (its round is not current). */

export type BookingStrategy = 'single' | 'saga';

export interface RedisMaskHotPathOptions extends Partial<HotPathTimings> {
  /** Default: 'single' on standalone Redis, 'saga' on a Cluster (where 'single' is refused). */
  strategy?: BookingStrategy;
  logger?: HotPathLogger;
  /** Writes in flight during restore(). */
  restoreConcurrency?: number;
  /** Saga only: how long a pharmacy seen sold out is refused after one person check; 0 = off. */
  soldOutCacheMs?: number;
  /** Answer a booking (and its replays) only once its outbox entry is on the configured replicas. */
  replicaAck?: ReplicaAck | null;
  /** Saga only, tests: fault injection around every saga call (see SagaStepHook). */
  stepHook?: SagaStepHook;
}


export { outcomeOf };

/**
 * MaskHotPath on Redis. Standalone: book-single.lua, the whole decision in one atomic round trip.
 * Cluster: the person-hold saga (hold-person → reserve-unit → confirm-hold, compensated by
 * release-hold / fence-unit, see MaskBookingSaga), because a person and a pharmacy live on different slots. Either way a booking
 * resolves only once its outbox entry exists; the outbox's consumer (mask-outbox.ts) makes it a MySQL row.
 * Takes a client made by createRedisClient; does not own it.
 */
export class RedisMaskHotPath implements MaskHotPath {
  readonly strategy: BookingStrategy;
  private readonly scripts: MaskScripts;
  private readonly t: HotPathTimings;
  private readonly logger: HotPathLogger;
  private readonly restoreConcurrency: number;
  private readonly soldOut: SoldOutCache;
  private readonly saga: MaskBookingSaga;
  private readonly replicaAck: ReplicaAck | null;

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
    this.replicaAck = options.replicaAck ?? null;
    this.saga = new MaskBookingSaga({
      scripts: this.scripts,
      timings: this.t,
      logger: this.logger,
      soldOut: this.soldOut,
      stepHook: options.stepHook,
      acknowledge: (outbox) => this.acknowledge(outbox),
    });
  }

  /** Standalone only: book-single.lua checks the session and rate limits in the same step. */
  get gatesSessions(): boolean {
    return this.strategy === 'single';
  }

  async book(res: HotReservation, now: number, gate?: SessionGate): Promise<BookOutcome> {
    checkReservationOr500(res);
    if (this.strategy === 'single') return this.bookSingle(res, now, gate);
    if (gate) throw new TypeError('the saga takes no SessionGate (authenticate first)');
    return this.saga.book(res, now);
  }

  private async bookSingle(res: HotReservation, now: number, gate: SessionGate | undefined): Promise<BookOutcome> {
    const person = personKeys(res.personId);
    const pharmacy = pharmacyKeys(res.roundId, res.pharmacyId);
    const idem = idempotencyArgs(person, res.accountId, res.idempotencyKey, requestFingerprint(res));
    const reply = await run(() =>
      this.scripts.bookSingle(
        { hold: person.hold, repeatUntil: person.repeatUntil, idempotency: idem.key, remaining: pharmacy.remaining, outbox: pharmacy.outbox, shortSeq: shortSeqKey(res.pharmacyId, res.pickupDate), closed: pharmacy.closed },
        {
          reservationId: res.reservationId,
          now,
          fingerprint: idem.fingerprint,
          json: encodeReservation(res),
          idempotencyTtlMs: this.t.idempotencyTtlMs,
          // Redis' clock, not the booking's `now` (tests run the app on another clock).
          shortSeqExpiresAt: shortSeqExpiresAt(res.pickupDate, Date.now()),
        },
        gate,
      ),
    );
    const outcome = outcomeOf(res, reply);
    await this.acknowledge(pharmacy.outbox);
    return outcome;
  }

  private async acknowledge(outbox: string): Promise<void> {
    if (this.replicaAck) await this.replicaAck.acknowledge(outbox);
  }

  async remaining(roundId: string, pharmacyIds: string[]): Promise<Record<string, number>> {
    const values = await Promise.all(pharmacyIds.map((p) => this.plain('GET', () => this.client.get(pharmacyKeys(roundId, p).remaining))));
    const out: Record<string, number> = {};
    pharmacyIds.forEach((p, i) => {
      if (values[i] !== null) out[p] = Number(values[i]);
    });
    return out;
  }

  async setRemaining(roundId: string, pharmacyId: string, remaining: number): Promise<void> {
    checkRemaining(remaining);
    await this.plain('SET', () => this.client.set(pharmacyKeys(roundId, pharmacyId).remaining, remaining));
    this.soldOut.clear(roundId, pharmacyId);
  }

  /** One marker per shard (SET NX keeps the first instant), all written before this resolves. */
  async closeRound(roundId: string, closedAt: number): Promise<void> {
    if (!Number.isSafeInteger(closedAt)) throw new RangeError('closedAt must be epoch ms');
    await Promise.all(allShardKeys().map((s) => this.plain('SET NX, reply unused', () => this.client.set(s.closed(roundId), closedAt, 'PX', CLOSED_MARKER_TTL_MS, 'NX'))));
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
    await mapBounded(sets, this.restoreConcurrency, (s) =>
      this.plain('SET NX, reply unused', () => this.client.set(pharmacyKeys(s.roundId, s.pharmacyId).remaining, s.n, 'NX')),
    );
  }

  async restoreShortSeqs(seqs: ShortSeqState[]): Promise<void> {
    const now = Date.now();
    // NX: a live sequence is ahead of MySQL by the outbox lag; only a lost one is put back.
    await mapBounded(seqs, this.restoreConcurrency, (s) =>
      this.plain('SET NX, reply unused', () => this.client.set(shortSeqKey(s.pharmacyId, s.pickupDate), s.seq, 'PXAT', shortSeqExpiresAt(s.pickupDate, now), 'NX')),
    );
  }

  async takeShortSeqs(pharmacyId: string, pickupDate: string, count: number): Promise<number> {
    const key = shortSeqKey(pharmacyId, pickupDate);
    const last = await this.plain('INCRBY', () => this.client.incrby(key, count));
    // NX: only a sequence this call started gets its expiry (the booking scripts set it on their first number).
    await this.plain('PEXPIREAT NX', () => this.client.call('PEXPIREAT', key, shortSeqExpiresAt(pickupDate, Date.now()), 'NX'));
    return last - count + 1;
  }

  async hasCounters(roundId: string, pharmacyId: string): Promise<boolean> {
    return (await this.plain('EXISTS', () => this.client.exists(pharmacyKeys(roundId, pharmacyId).remaining))) === 1;
  }

  async personState(personId: string, now: number): Promise<PersonState> {
    const k = personKeys(personId);
    const [hold, until] = await Promise.all([this.plain('GET', () => this.client.get(k.hold)), this.plain('GET', () => this.client.get(k.repeatUntil))]);
    return personStateOf(personId, hold, until === null ? null : Number(until), now);
  }

  /** A plain command, repeated through cluster transitions as far as it is idempotent (plain-commands.ts). */
  private plain<T>(command: PlainCommand, call: () => Promise<T>): Promise<T> {
    return plainCommand(this.client, command, call);
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

/**
 * Every Redis failure of a script call as an AppError: 503 for outages, 500 for bugs; script codes
 * pass through. (runLua already rode out the transitions; plain commands go through plain().)
 */
async function run<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (err) {
    throw toHotStoreError(err);
  }
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
