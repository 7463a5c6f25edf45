import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../infra/db/database';
import type { MaskHotPath } from '../hot-path/mask-hot-path';
import { formatCsv } from './format-csv';
import { toOpsRound, type OpsRound } from './load-round';
import { pickRolloverTarget } from './rollover-target';

/**
 * The ledger: for every round × pharmacy,
 *
 *   (1) quota + rolled_in = reserved + unbooked_out + remaining
 *   (2) reserved = redeemed + expired + cancelled + outstanding
 *
 * where reserved counts reservations holding a unit (all but cancellations that gave theirs back),
 * cancelled counts only cancellations that kept their unit (round closed), and outstanding is
 * status reserved. remaining is the hot path's live counter when one exists; otherwise it is
 * derived as quota + rolled_in − reserved, which makes (1) true by construction — the row says
 * so (remainingSource 'derived') and only a negative remaining (oversold) is reported then.
 *
 *   (3) carry: each pharmacy's rolled_in in a round equals the units that expired (uncollected)
 *       plus those never booked (unbooked_out), at that pharmacy, in the rounds that rolled into
 *       it (the round each expiry recorded, else the target rule of findRolloverTarget applied at
 *       its expired_at). Without it units could vanish unnoticed.
 *
 * Plus row checks: an outstanding reservation holds active_person_id = person_id and nothing
 * else does; unit_returned only on cancellations; nothing outstanding after the round expired
 * and nothing expired before it.
 */
export interface LedgerRow {
  roundId: string;
  roundName: string;
  pickupDate: string;
  pharmacyId: string;
  quota: number;
  rolledIn: number;
  /** Units never booked, passed to the next round when this one expired. */
  unbookedOut: number;
  reserved: number;
  redeemed: number;
  expired: number;
  /** Cancelled with the unit kept (unit_returned = 0). */
  cancelled: number;
  /** Cancelled with the unit given back (unit_returned = 1): not in reserved; shown for context. */
  cancelledReturned: number;
  outstanding: number;
  remaining: number;
  remainingSource: 'hot-path' | 'derived';
}

export type LedgerRule = 'supply' | 'outcomes' | 'oversold' | 'carry' | 'row';

export interface LedgerViolation {
  rule: LedgerRule;
  roundId: string;
  pharmacyId: string | null;
  detail: string;
}

export interface LedgerResult {
  rows: LedgerRow[];
  violations: LedgerViolation[];
  notes: string[];
}

export interface LedgerOptions {
  /** To mark open rounds, whose counters run ahead of MySQL by the outbox lag. */
  now?: number;
  /** Only rows of rounds picked up on this date (carry checks still see every round). */
  pickupDate?: string;
}

interface Counts {
  quota: number;
  rolledIn: number;
  unbookedOut: number;
  byStatus: Record<string, number>;
  cancelledReturned: number;
  cancelledKept: number;
  held: number;
  inconsistent: number;
}

const STATUSES = ['reserved', 'redeemed', 'expired', 'cancelled'];
const key = (roundId: string, pharmacyId: string) => `${roundId}\u0000${pharmacyId}`;

function emptyCounts(): Counts {
  return { quota: 0, rolledIn: 0, unbookedOut: 0, byStatus: {}, cancelledReturned: 0, cancelledKept: 0, held: 0, inconsistent: 0 };
}

export async function checkLedger(db: Kysely<Database>, hotPath: MaskHotPath, options: LedgerOptions = {}): Promise<LedgerResult> {
  const rounds = (await db.selectFrom('mask_rounds').selectAll().orderBy('opens_at').orderBy('id').execute()).map(toOpsRound);
  const counts = await readCounts(db);
  const notes: string[] = [];
  const shown = rounds.filter((r) => options.pickupDate === undefined || r.pickupDate === options.pickupDate);
  const live = await liveRemaining(hotPath, shown, counts, notes);
  const rows: LedgerRow[] = [];
  const violations: LedgerViolation[] = [];
  for (const round of shown) {
    for (const pharmacyId of pharmaciesOf(round.id, counts)) {
      const c = counts.get(key(round.id, pharmacyId)) as Counts;
      const row = toRow(round, pharmacyId, c, live.get(key(round.id, pharmacyId)));
      rows.push(row);
      violations.push(...rowViolations(round, row, c, options.now));
    }
  }
  violations.push(...carryViolations(rounds, counts));
  if (rows.some((r) => r.remainingSource === 'derived')) notes.push('remaining marked "derived" = quota + rolled_in − reserved (no hot-path counter): identity (1) holds there by construction');
  return { rows, violations, notes };
}

async function readCounts(db: Kysely<Database>): Promise<Map<string, Counts>> {
  const counts = new Map<string, Counts>();
  const get = (r: string, p: string) => {
    const k = key(r, p);
    if (!counts.has(k)) counts.set(k, emptyCounts());
    return counts.get(k) as Counts;
  };
  for (const q of await db.selectFrom('mask_quotas').select(['round_id', 'pharmacy_id', 'quota', 'rolled_in', 'unbooked_out']).execute()) {
    Object.assign(get(q.round_id, q.pharmacy_id), { quota: Number(q.quota), rolledIn: Number(q.rolled_in), unbookedOut: Number(q.unbooked_out) });
  }
  const groups = await db
    .selectFrom('mask_reservations')
    .select(['round_id', 'pharmacy_id', 'status', 'unit_returned', sql<number>`count(*)`.as('n')])
    .groupBy(['round_id', 'pharmacy_id', 'status', 'unit_returned'])
    .execute();
  for (const g of groups) {
    const c = get(g.round_id, g.pharmacy_id);
    const n = Number(g.n);
    const returned = Number(g.unit_returned) === 1;
    c.byStatus[g.status] = (c.byStatus[g.status] ?? 0) + n;
    if (g.status === 'cancelled' && returned) c.cancelledReturned += n;
    else c.held += n;
    if (g.status === 'cancelled' && !returned) c.cancelledKept += n;
  }
  const inconsistent = await db
    .selectFrom('mask_reservations')
    .select(['round_id', 'pharmacy_id', sql<number>`count(*)`.as('n')])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'reserved'), eb.or([eb('active_person_id', 'is', null), eb('active_person_id', '<>', eb.ref('person_id'))])]),
        eb.and([eb('status', '<>', 'reserved'), eb('active_person_id', 'is not', null)]),
        eb.and([eb('status', '<>', 'cancelled'), eb('unit_returned', '<>', 0)]),
      ]),
    )
    .groupBy(['round_id', 'pharmacy_id'])
    .execute();
  for (const g of inconsistent) get(g.round_id, g.pharmacy_id).inconsistent = Number(g.n);
  return counts;
}

function pharmaciesOf(roundId: string, counts: Map<string, unknown>): string[] {
  const prefix = key(roundId, '');
  return [...counts.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
}

async function liveRemaining(hotPath: MaskHotPath, rounds: OpsRound[], counts: Map<string, Counts>, notes: string[]): Promise<Map<string, number>> {
  const live = new Map<string, number>();
  try {
    for (const round of rounds) {
      const ids = pharmaciesOf(round.id, counts);
      if (ids.length === 0) continue;
      for (const [pharmacyId, n] of Object.entries(await hotPath.remaining(round.id, ids))) live.set(key(round.id, pharmacyId), n);
    }
  } catch (err) {
    notes.push(`hot path unavailable (${(err as Error).message}): every remaining is derived`);
    live.clear();
  }
  return live;
}

function toRow(round: OpsRound, pharmacyId: string, c: Counts, live: number | undefined): LedgerRow {
  return {
    roundId: round.id,
    roundName: round.name,
    pickupDate: round.pickupDate,
    pharmacyId,
    quota: c.quota,
    rolledIn: c.rolledIn,
    unbookedOut: c.unbookedOut,
    reserved: c.held,
    redeemed: c.byStatus.redeemed ?? 0,
    expired: c.byStatus.expired ?? 0,
    cancelled: c.cancelledKept,
    cancelledReturned: c.cancelledReturned,
    outstanding: c.byStatus.reserved ?? 0,
    remaining: live ?? c.quota + c.rolledIn - c.unbookedOut - c.held,
    remainingSource: live === undefined ? 'derived' : 'hot-path',
  };
}

function rowViolations(round: OpsRound, row: LedgerRow, c: Counts, now: number | undefined): LedgerViolation[] {
  const out: LedgerViolation[] = [];
  const v = (rule: LedgerRule, detail: string) => out.push({ rule, roundId: row.roundId, pharmacyId: row.pharmacyId, detail });
  const supply = row.quota + row.rolledIn;
  const used = row.reserved + row.unbookedOut + row.remaining;
  if (supply !== used) {
    const open = now !== undefined && now >= round.opensAt && now < round.closesAt;
    v('supply', `quota ${row.quota} + rolled_in ${row.rolledIn} = ${supply}, but reserved ${row.reserved} + unbooked_out ${row.unbookedOut} + remaining ${row.remaining} = ${used}${open ? ' (round open: bookings still in the outbox count here)' : ''}`);
  }
  if (row.remaining < 0) v('oversold', `remaining ${row.remaining}: ${-row.remaining} more unit(s) reserved than supplied`);
  const outcomes = row.redeemed + row.expired + row.cancelled + row.outstanding;
  if (row.reserved !== outcomes) {
    const odd = Object.keys(c.byStatus).filter((s) => !STATUSES.includes(s));
    v('outcomes', `reserved ${row.reserved} ≠ redeemed ${row.redeemed} + expired ${row.expired} + cancelled ${row.cancelled} + outstanding ${row.outstanding} = ${outcomes}${odd.length ? ` (unknown status: ${odd.join(', ')})` : ''}`);
  }
  if (c.inconsistent > 0) v('row', `${c.inconsistent} reservation row(s) whose active_person_id or unit_returned contradicts their status`);
  if (round.expiredAt !== null && row.outstanding > 0) v('row', `${row.outstanding} reservation(s) still outstanding after the round expired`);
  if (round.expiredAt === null && row.expired > 0) v('row', `${row.expired} reservation(s) expired but the round was never expired`);
  return out;
}

/** (3): what each round should have received from the expiries of earlier rounds. */
function carryViolations(rounds: OpsRound[], counts: Map<string, Counts>): LedgerViolation[] {
  const expected = new Map<string, number>();
  const out: LedgerViolation[] = [];
  for (const round of rounds.filter((r) => r.expiredAt !== null)) {
    const recorded = round.expireOutcome?.rolledInto;
    const target = recorded !== undefined ? (rounds.find((r) => r.id === recorded) ?? null) : pickRolloverTarget(rounds, round, round.expiredAt as number);
    for (const pharmacyId of pharmaciesOf(round.id, counts)) {
      const c = counts.get(key(round.id, pharmacyId)) as Counts;
      const expired = (c.byStatus.expired ?? 0) + c.unbookedOut;
      if (expired === 0) continue;
      if (!target) {
        out.push({ rule: 'carry', roundId: round.id, pharmacyId, detail: `${expired} expired or unbooked unit(s) and no later round to have received them` });
        continue;
      }
      const k = key(target.id, pharmacyId);
      expected.set(k, (expected.get(k) ?? 0) + expired);
    }
  }
  for (const round of rounds) {
    const pharmacyIds = new Set([...pharmaciesOf(round.id, counts), ...pharmaciesOf(round.id, expected)]);
    for (const pharmacyId of [...pharmacyIds].sort()) {
      const k = key(round.id, pharmacyId);
      const got = counts.get(k)?.rolledIn ?? 0;
      const want = expected.get(k) ?? 0;
      if (got !== want) out.push({ rule: 'carry', roundId: round.id, pharmacyId, detail: `rolled_in ${got}, but earlier rounds passed ${want} unit(s) (uncollected + unbooked) into it` });
    }
  }
  return out;
}

const COLUMNS = ['round', 'pharmacy', 'quota', 'rolled_in', 'unbooked_out', 'reserved', 'redeemed', 'expired', 'cancelled', 'outstanding', 'remaining', 'source'] as const;

/** The ledger as an aligned text table, then the violations and notes. */
export function formatLedger(result: LedgerResult): string[] {
  const body = result.rows.map((r) => [r.roundId, r.pharmacyId, r.quota, r.rolledIn, r.unbookedOut, r.reserved, r.redeemed, r.expired, r.cancelled, r.outstanding, r.remaining, r.remainingSource].map(String));
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...body.map((row) => row[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 || i === 11 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const out = [line(COLUMNS), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
  out.push('');
  if (result.violations.length === 0) out.push(`ledger holds: ${result.rows.length} row(s), no violations`);
  else {
    out.push(`${result.violations.length} violation(s):`);
    for (const v of result.violations) out.push(`  [${v.rule}] round ${v.roundId}${v.pharmacyId ? ` pharmacy ${v.pharmacyId}` : ''}: ${v.detail}`);
  }
  for (const n of result.notes) out.push(`note: ${n}`);
  return out;
}

/**
 * The daily per-pharmacy report: one line per pharmacy of each round picked up on `date`
 * (YYYY-MM-DD, China time). remaining is live when the hot path is given and has the counter.
 */
export async function pharmacyReportCsv(db: Kysely<Database>, date: string, hotPath?: MaskHotPath): Promise<string> {
  const ledger = await checkLedger(db, hotPath ?? NO_HOT_PATH, { pickupDate: date });
  const names = new Map((await db.selectFrom('pharmacies').select(['id', 'name']).execute()).map((p) => [p.id, p.name]));
  const header = ['pharmacy_id', 'pharmacy_name', 'round_id', 'round_name', 'pickup_date', 'quota', 'rolled_in', 'unbooked_out', 'reserved', 'redeemed', 'expired', 'cancelled', 'outstanding', 'remaining', 'remaining_source'];
  const rows = ledger.rows.map((r) => [r.pharmacyId, names.get(r.pharmacyId) ?? '', r.roundId, r.roundName, r.pickupDate, r.quota, r.rolledIn, r.unbookedOut, r.reserved, r.redeemed, r.expired, r.cancelled, r.outstanding, r.remaining, r.remainingSource]);
  return formatCsv([header, ...rows], { neutralizeFormulas: true });
}

/** Stands in when the report is made without the hot path: every counter is "missing". */
const NO_HOT_PATH = { remaining: () => Promise.resolve({}) } as unknown as MaskHotPath;
