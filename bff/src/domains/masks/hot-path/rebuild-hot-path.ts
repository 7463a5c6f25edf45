import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import { CLOSED_MARKER_TTL_MS, SILENT_LOGGER, type HotPathLogger } from './hot-path-settings';
import type { MaskHotPath, PersonState, RoundCounters, ShortSeqState } from './mask-hot-path';

/** Reads the sequence number back out of a stored short code (pickup-code/short-code.ts). */
export interface ShortCodeReader {
  seqOf(pharmacyId: string, pickupDate: string, code: string): number | null;
}

const DAY_MS = 86_400_000;

/**
 * End of the repeat period a redemption starts. The redeem service must call
 * `hotPath.redeemed(…, repeatUntilOf(redeemedAt, round.repeat_days))` so that a rebuild
 * (which uses the same formula in SQL) restores exactly what was there.
 */
export function repeatUntilOf(redeemedAt: number, repeatDays: number): number {
  return redeemedAt + repeatDays * DAY_MS;
}

export interface RebuildOptions {
  /** Rounds that closed before `now` get no counters; repeat periods ending before it are skipped. */
  now?: number;
  /** Persons per restore() call (the hold query pages by reservation id). */
  pageSize?: number;
  logger?: HotPathLogger;
  /** Restores the short-code sequences of pickup days still to come; without it they are left alone. */
  shortCodes?: ShortCodeReader;
}

export interface RebuildSummary {
  counters: number;
  holds: number;
  repeatPeriods: number;
  shortSeqs: number;
  /** Rounds closed early or cancelled whose closed marker was written again. */
  closedRounds: number;
}

/**
 * Recomputes the hot state from MySQL after Redis lost it, and fills it in with `restore`
 * (which writes only what is missing, so running it against a live store is harmless).
 * Persons first, counters last: bookings resume the moment a counter exists, and must meet the
 * restored holds. Drain the outbox consumer BEFORE calling this (entries still in Redis are
 * bookings MySQL does not have yet; `npm run admin -- rebuild-hot-store` should do both).
 */
export async function rebuildHotPath(db: Kysely<Database>, hotPath: MaskHotPath, options: RebuildOptions = {}): Promise<RebuildSummary> {
  const now = options.now ?? Date.now();
  const pageSize = options.pageSize ?? 5_000;
  const logger = options.logger ?? SILENT_LOGGER;
  const summary: RebuildSummary = { counters: 0, holds: 0, repeatPeriods: 0, shortSeqs: 0, closedRounds: 0 };

  for await (const page of activeHolds(db, pageSize)) {
    await hotPath.restore([], page);
    summary.holds += page.length;
  }
  const repeats = await repeatPeriods(db, now);
  for (let i = 0; i < repeats.length; i += pageSize) await hotPath.restore([], repeats.slice(i, i + pageSize));
  summary.repeatPeriods = repeats.length;

  if (options.shortCodes) {
    const seqs = await shortSeqStates(db, options.shortCodes, now);
    await hotPath.restoreShortSeqs(seqs);
    summary.shortSeqs = seqs.length;
  }

  // Before the counters: a counter restored without its round's marker would take bookings again.
  const closed = await closedRounds(db, now);
  for (const c of closed) await hotPath.closeRound(c.roundId, c.closedAt);
  summary.closedRounds = closed.length;

  const counters = await roundCounters(db, now, logger);
  await hotPath.restore(counters, []);
  summary.counters = counters.reduce((n, c) => n + Object.keys(c.remaining).length, 0);
  logger.info(summary, 'mask hot path rebuilt from the database');
  return summary;
}

/**
 * Per open round and pharmacy: quota + rolled_in − reservations holding a unit. A unit is held by
 * every reservation except a cancelled one that gave its unit back (unit_returned = 1).
 */
export async function roundCounters(db: Kysely<Database>, now: number, logger: HotPathLogger = SILENT_LOGGER): Promise<RoundCounters[]> {
  const quotas = await db
    .selectFrom('mask_quotas as q')
    .innerJoin('mask_rounds as r', 'r.id', 'q.round_id')
    .select(['q.round_id', 'q.pharmacy_id', 'q.quota', 'q.rolled_in'])
    .where('r.closes_at', '>', now)
    .execute();
  if (quotas.length === 0) return [];
  const roundIds = [...new Set(quotas.map((q) => q.round_id))];
  const held = await db
    .selectFrom('mask_reservations')
    .select(['round_id', 'pharmacy_id', (eb) => eb.fn.countAll().as('held')])
    .where('round_id', 'in', roundIds)
    .where((eb) =>
      eb.or([eb('status', 'in', ['reserved', 'redeemed', 'expired']), eb.and([eb('status', '=', 'cancelled'), eb('unit_returned', '=', 0)])]),
    )
    .groupBy(['round_id', 'pharmacy_id'])
    .execute();
  const heldBy = new Map(held.map((h) => [`${h.round_id}\u0000${h.pharmacy_id}`, Number(h.held)]));

  const byRound = new Map<string, RoundCounters>();
  for (const q of quotas) {
    const c = byRound.get(q.round_id) ?? { roundId: q.round_id, remaining: {} };
    byRound.set(q.round_id, c);
    const left = Number(q.quota) + Number(q.rolled_in) - (heldBy.get(`${q.round_id}\u0000${q.pharmacy_id}`) ?? 0);
    if (left < 0) logger.warn({ roundId: q.round_id, pharmacyId: q.pharmacy_id, remaining: left }, 'mask rebuild: more units held than quota; counter set to 0');
    c.remaining[q.pharmacy_id] = Math.max(0, left);
  }
  return [...byRound.values()];
}

/**
 * Rounds an administrator closed early or cancelled within the marker's life, with the instant
 * the hot store first refused them (the earlier of the two when both happened). Without the
 * marker a booking of such a round meets missing counters (503, "try again") instead of
 * ROUND_CLOSED, and a cancelled round whose counters were restored would take bookings.
 */
export async function closedRounds(db: Kysely<Database>, now: number): Promise<Array<{ roundId: string; closedAt: number }>> {
  const rows = await db
    .selectFrom('mask_rounds')
    .select(['id', 'closed_early_at', 'cancelled_at'])
    .where((eb) => eb.or([eb('closed_early_at', '>', now - CLOSED_MARKER_TTL_MS), eb('cancelled_at', '>', now - CLOSED_MARKER_TTL_MS)]))
    .execute();
  return rows.map((r) => {
    const instants = [r.closed_early_at, r.cancelled_at].filter((t): t is NonNullable<typeof t> => t !== null).map(Number);
    return { roundId: r.id, closedAt: Math.min(...instants) };
  });
}

/** Persons with an outstanding (status 'reserved') reservation, a page at a time by reservation id. */
export async function* activeHolds(db: Kysely<Database>, pageSize: number): AsyncGenerator<PersonState[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('mask_reservations')
      .select(['id', 'person_id'])
      .where('status', '=', 'reserved')
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({ personId: r.person_id, activeReservationId: r.id, repeatUntil: null }));
    after = rows[rows.length - 1].id;
  }
}

/** Persons still in a repeat period at `now`: latest redeemed_at + that round's repeat_days. */
export async function repeatPeriods(db: Kysely<Database>, now: number): Promise<PersonState[]> {
  const until = sql<number>`max(m.redeemed_at + r.repeat_days * ${DAY_MS})`;
  const rows = await db
    .selectFrom('mask_reservations as m')
    .innerJoin('mask_rounds as r', 'r.id', 'm.round_id')
    .select(['m.person_id', until.as('until')])
    .where('m.status', '=', 'redeemed')
    .where('m.redeemed_at', 'is not', null)
    .groupBy('m.person_id')
    .having(until, '>', now)
    .execute();
  return rows.map((r) => ({ personId: r.person_id, activeReservationId: null, repeatUntil: Number(r.until) }));
}

/**
 * The highest short-code number issued per pharmacy × pickup day, for days from yesterday (China
 * time) on: the codes are stored, the numbers are found by inverting the permutation. Before the
 * counters, so no booking runs while a sequence is missing (it would start again at 1).
 */
export async function shortSeqStates(db: Kysely<Database>, codes: ShortCodeReader, now: number): Promise<ShortSeqState[]> {
  const from = new Date(now + 8 * 3_600_000 - DAY_MS).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('mask_reservations')
    .select(['pharmacy_id', 'pickup_date', 'short_code'])
    .where('pickup_date', '>=', from)
    .where('short_code', 'is not', null)
    .execute();
  const highest = new Map<string, ShortSeqState>();
  for (const r of rows) {
    const seq = codes.seqOf(r.pharmacy_id, r.pickup_date, r.short_code as string);
    if (seq === null) continue;
    const key = `${r.pharmacy_id}\u0000${r.pickup_date}`;
    const known = highest.get(key);
    if (!known || seq > known.seq) highest.set(key, { pharmacyId: r.pharmacy_id, pickupDate: r.pickup_date, seq });
  }
  return [...highest.values()];
}
