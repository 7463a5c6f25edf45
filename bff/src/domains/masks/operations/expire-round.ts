import type { Kysely } from 'kysely';
import { AppError, isAppError } from '../../../core/app-error';
import type { Database } from '../../../infra/db/database';
import type { AuditLog } from '../../audit/audit-log';
import type { MaskHotPath } from '../hot-path/mask-hot-path';
import { addDays, chinaDateOf } from '../../../core/china-date';
import { chunked } from './chunked';
import { cancelOutstanding } from '../admin/cancel-round-rows';
import { loadRound, type OpsRound, type StoredExpiry } from './load-round';
import { heldUnitsOf } from '../rounds/sql-quota-store';
import { findRolloverTarget } from './rollover-target';

export interface ExpiryDeps {
  db: Kysely<Database>;
  hotPath: MaskHotPath;
  audit: AuditLog;
  /**
   * Days a pickup code works, counting the pickup day (masks.pickupCodeTtlDays; default 1 = the
   * pickup day only). Expiring earlier would void codes the counter still accepts.
   */
  pickupDays?: number;
}

export interface RolledUnits {
  pharmacyId: string;
  /** uncollected + unbooked. */
  units: number;
  /** Reservations that expired unredeemed. */
  uncollected: number;
  /** Units never booked (quota + rolled_in − units held), e.g. an under-subscribed lottery. */
  unbooked: number;
}

export interface ExpiryOutcome {
  roundId: string;
  /** True when an earlier call expired the round; this one changed nothing in MySQL. */
  alreadyExpired: boolean;
  expiredAt: number;
  /** Reservations this call moved reserved → expired. */
  expired: number;
  /** The round the uncollected units went to (null when there were none). */
  rolledInto: string | null;
  rolled: RolledUnits[];
  /** Hot-path sync after the commit (holds dropped, live counters bumped). */
  hotPath: { synced: boolean; error?: string };
}

export interface DueExpiriesOutcome {
  expired: ExpiryOutcome[];
  /** Rounds due but refused for now (no round to roll into yet, lottery not drawn). */
  waiting: Array<{ roundId: string; reason: string }>;
}

interface ExpiredRow {
  id: string;
  personId: string;
  pharmacyId: string;
}

const HOT_PATH_PARALLEL = 50;

/** The last day codes of the round work, in China time. */
function lastPickupDay(round: Pick<OpsRound, 'pickupDate'>, pickupDays: number): string {
  return addDays(round.pickupDate, pickupDays - 1);
}

/**
 * A cancelled round is expired (its units rolled on) once the outbox has surely written the
 * bookings the hot store took just before the close marker; those are cancelled then too.
 */
export const CANCEL_SETTLE_MS = 60_000;

export function expiryDue(round: Pick<OpsRound, 'pickupDate'> & Partial<Pick<OpsRound, 'cancelledAt'>>, now: number, pickupDays = 1): boolean {
  if (round.cancelledAt != null && now >= round.cancelledAt + CANCEL_SETTLE_MS) return true;
  return chinaDateOf(now) > lastPickupDay(round, pickupDays);
}

/**
 * Ends a round's pickup: still-reserved reservations become expired (their holders may book
 * again) and each pharmacy's expired units are added to its rolled_in in the next round, all in
 * one transaction claimed by mask_rounds.expired_at, so a second call changes nothing.
 *
 * A round with uncollected units waits (409) until a round exists to roll them into: expiring
 * without one would lose them from the ledger, and with no round to book, holders lose nothing
 * by waiting. runDueExpiries retries it on every run.
 */
export async function expireRound(deps: ExpiryDeps, roundId: string, now: number, actor: string): Promise<ExpiryOutcome> {
  const round = await loadRound(deps.db, roundId);
  if (round.expiredAt !== null) return resyncExpired(deps, round);
  const pickupDays = deps.pickupDays ?? 1;
  if (!expiryDue(round, now, pickupDays)) {
    if (round.cancelledAt != null) throw new AppError(409, 'CONFLICT', `Round ${round.id} was cancelled; its units roll on from ${new Date(round.cancelledAt + CANCEL_SETTLE_MS).toISOString()}, once late bookings are written`);
    throw new AppError(409, 'CONFLICT', `Round ${round.id} can be collected until the end of ${lastPickupDay(round, pickupDays)} (China time)`);
  }
  if (round.mode === 'lottery' && round.drawnAt === null && round.cancelledAt == null) throw new AppError(409, 'CONFLICT', `Round ${round.id} is a lottery that has not been drawn`);
  const committed = await expireInTransaction(deps, round, now, actor);
  if (committed === null) return resyncExpired(deps, await loadRound(deps.db, roundId));
  const hotPath = await syncHotPath(deps.hotPath, round.id, committed);
  return { roundId: round.id, alreadyExpired: false, expiredAt: now, expired: committed.rows.length, rolledInto: committed.rolledInto, rolled: committed.rolled, hotPath };
}

/** For a scheduler: expires every round whose pickup is over; refusals are reported, not thrown. */
export async function runDueExpiries(deps: ExpiryDeps, now: number, actor = 'system:expiry'): Promise<DueExpiriesOutcome> {
  const cutoff = addDays(chinaDateOf(now), 1 - (deps.pickupDays ?? 1));
  const due = await deps.db
    .selectFrom('mask_rounds')
    .select('id')
    .where('expired_at', 'is', null)
    .where((eb) => eb.or([eb('pickup_date', '<', cutoff), eb('cancelled_at', '<=', now - CANCEL_SETTLE_MS)]))
    .orderBy('opens_at')
    .orderBy('id')
    .execute();
  const outcome: DueExpiriesOutcome = { expired: [], waiting: [] };
  for (const { id } of due) {
    try {
      outcome.expired.push(await expireRound(deps, id, now, actor));
    } catch (err) {
      if (!isAppError(err) || err.status !== 409) throw err;
      outcome.waiting.push({ roundId: id, reason: err.message });
    }
  }
  return outcome;
}

async function expireInTransaction(deps: ExpiryDeps, round: OpsRound, now: number, actor: string) {
  return deps.db.transaction().execute(async (trx) => {
    const claim = await trx.updateTable('mask_rounds').set({ expired_at: now }).where('id', '=', round.id).where('expired_at', 'is', null).executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return null;
    // A cancelled round's late bookings (written after the cancel) are cancelled, unit returned.
    const released = round.cancelledAt != null ? await cancelOutstanding(trx, round.id, now) : [];
    // Guarded by status: a redemption committed meanwhile keeps its row, and is not counted below.
    await trx
      .updateTable('mask_reservations')
      .set({ status: 'expired', active_person_id: null, expired_at: now })
      .where('round_id', '=', round.id)
      .where('status', '=', 'reserved')
      .execute();
    const rows: ExpiredRow[] = (
      await trx.selectFrom('mask_reservations').select(['id', 'person_id', 'pharmacy_id']).where('round_id', '=', round.id).where('status', '=', 'expired').where('expired_at', '=', now).execute()
    ).map((r) => ({ id: r.id, personId: r.person_id, pharmacyId: r.pharmacy_id }));
    const rolled = await rolledUnits(trx, round.id, rows);
    const units = rolled.reduce((n, r) => n + r.units, 0);
    const target = units === 0 ? null : await findRolloverTarget(trx, round, now);
    if (units > 0 && target === null) {
      throw new AppError(409, 'CONFLICT', `Round ${round.id} has ${units} unit(s) left (uncollected or never booked) and no later round to roll them into; create the next round first`);
    }
    await recordUnbooked(trx, round.id, rolled);
    if (target) await addRolledIn(trx, target.id, rolled);
    const outcome: StoredExpiry = { rolledInto: target?.id ?? null, rolled };
    await trx.updateTable('mask_rounds').set({ expire_outcome: JSON.stringify(outcome) }).where('id', '=', round.id).execute();
    await deps.audit.record(
      { actor, action: 'mask.round.expire', targetType: 'mask_round', targetId: round.id, details: { expired: rows.length, rolledInto: target?.id ?? null, units, unbooked: units - rows.length, pharmacies: rolled.length } },
      trx,
    );
    return { rows, rolled, rolledInto: target?.id ?? null, released };
  });
}

/** Per pharmacy: its expired reservations plus the units nobody holds (quota + rolled_in − held). */
async function rolledUnits(trx: Kysely<Database>, roundId: string, rows: ExpiredRow[]): Promise<RolledUnits[]> {
  const uncollected = new Map<string, number>();
  for (const r of rows) uncollected.set(r.pharmacyId, (uncollected.get(r.pharmacyId) ?? 0) + 1);
  const quotas = await trx.selectFrom('mask_quotas').select(['pharmacy_id', 'quota', 'rolled_in', 'unbooked_out']).where('round_id', '=', roundId).execute();
  const held = await heldUnitsOf(trx, roundId);
  const out: RolledUnits[] = [];
  const ids = [...new Set([...quotas.map((q) => q.pharmacy_id), ...uncollected.keys()])].sort();
  for (const pharmacyId of ids) {
    const q = quotas.find((x) => x.pharmacy_id === pharmacyId);
    const supply = q ? Number(q.quota) + Number(q.rolled_in) - Number(q.unbooked_out) : 0;
    const unbooked = Math.max(0, supply - (held[pharmacyId] ?? 0));
    const expired = uncollected.get(pharmacyId) ?? 0;
    if (expired + unbooked > 0) out.push({ pharmacyId, units: expired + unbooked, uncollected: expired, unbooked });
  }
  return out;
}

async function recordUnbooked(trx: Kysely<Database>, roundId: string, rolled: RolledUnits[]): Promise<void> {
  for (const r of rolled.filter((x) => x.unbooked > 0)) {
    await trx.updateTable('mask_quotas').set((eb) => ({ unbooked_out: eb('unbooked_out', '+', r.unbooked) })).where('round_id', '=', roundId).where('pharmacy_id', '=', r.pharmacyId).execute();
  }
}

async function addRolledIn(trx: Kysely<Database>, targetRoundId: string, rolled: RolledUnits[]): Promise<void> {
  for (const { pharmacyId, units } of rolled) {
    const res = await trx
      .updateTable('mask_quotas')
      .set((eb) => ({ rolled_in: eb('rolled_in', '+', units) }))
      .where('round_id', '=', targetRoundId)
      .where('pharmacy_id', '=', pharmacyId)
      .executeTakeFirst();
    // A pharmacy without a quota next round still gets its units: a row with quota 0.
    if (Number(res.numUpdatedRows) === 0) await trx.insertInto('mask_quotas').values({ round_id: targetRoundId, pharmacy_id: pharmacyId, quota: 0, rolled_in: units }).execute();
  }
}

/**
 * After the commit: holds are dropped (idempotent, only if still this reservation) and live
 * counters of the target round are bumped with an atomic add, so a booking taking a unit at the
 * same moment is never overwritten. A round without counters picks the units up from MySQL
 * (rolled_in) when its counters are created or rebuilt.
 */
async function syncHotPath(
  hotPath: MaskHotPath,
  roundId: string,
  c: { rows: ExpiredRow[]; rolledInto: string | null; rolled: RolledUnits[]; released: Array<{ id: string; personId: string; pharmacyId: string }> },
): Promise<{ synced: boolean; error?: string }> {
  try {
    await dropHolds(hotPath, c.rows);
    for (const r of c.released) await hotPath.release(r.personId, r.id, roundId, r.pharmacyId, true);
    if (c.rolledInto) {
      for (const { pharmacyId, units, unbooked } of c.rolled) {
        await hotPath.adjustRemaining(c.rolledInto, pharmacyId, units);
        // The units left this round: its counter (if any) says so, as the ledger's identity expects.
        if (unbooked > 0) await hotPath.adjustRemaining(roundId, pharmacyId, -unbooked);
      }
    }
    return { synced: true };
  } catch (err) {
    return { synced: false, error: (err as Error).message };
  }
}

async function dropHolds(hotPath: MaskHotPath, rows: ExpiredRow[]): Promise<void> {
  for (const batch of chunked(rows, HOT_PATH_PARALLEL)) await Promise.all(batch.map((r) => hotPath.expired(r.personId, r.id)));
}

/** A repeated call: MySQL is left alone, the (idempotent) hold drops are sent again in case a crash lost them. */
async function resyncExpired(deps: ExpiryDeps, round: OpsRound): Promise<ExpiryOutcome> {
  const expiredAt = round.expiredAt as number;
  const rows = await deps.db.selectFrom('mask_reservations').select(['id', 'person_id', 'pharmacy_id']).where('round_id', '=', round.id).where('status', '=', 'expired').where('expired_at', '=', expiredAt).execute();
  let hotPath: ExpiryOutcome['hotPath'] = { synced: true };
  try {
    await dropHolds(deps.hotPath, rows.map((r) => ({ id: r.id, personId: r.person_id, pharmacyId: r.pharmacy_id })));
  } catch (err) {
    hotPath = { synced: false, error: (err as Error).message };
  }
  // The first call's answer: a client retrying after a lost answer learns where the units went.
  const first = round.expireOutcome ?? { rolledInto: null, rolled: [] };
  return { roundId: round.id, alreadyExpired: true, expiredAt, expired: 0, rolledInto: first.rolledInto, rolled: first.rolled as RolledUnits[], hotPath };
}
