import { AppError } from '../../../core/app-error';
import type { MaskHotPath } from '../hot-path/mask-hot-path';
import type { PharmacyListItem, PharmacyListQuery, PharmacyListResponse, StockResponse } from '../shared/mask-contract';
import { RefreshingValue } from '../shared/refreshing-value';
import type { QuotaStore } from '../rounds/quota-store';
import type { RoundService } from '../rounds/round-service';
import { byDistanceFrom } from './distance';
import type { PharmacyRecord, PharmacyStore } from './pharmacy-store';

export interface StockEntry extends PharmacyRecord {
  /** quota + rolled in; 0 when the pharmacy is not in the current round. */
  quota: number;
  remaining: number;
  inRound: boolean;
}

export interface BookablePharmacy {
  entry: StockEntry;
  /** Known to have no quota in this round (the hot path need not be asked). */
  outOfRound: boolean;
}

/**
 * The pharmacy or 404. Out of round only when the snapshot is of this round and has no quota for
 * it; a snapshot of another round (taken just before opening) knows nothing, and the hot path decides.
 */
function bookable(snap: StockSnapshot, roundId: string, pharmacyId: string): BookablePharmacy {
  const entry = snap.byId.get(pharmacyId);
  if (!entry) throw new AppError(404, 'PHARMACY_NOT_FOUND', 'No such pharmacy');
  return { entry, outOfRound: snap.roundId === roundId && !entry.inRound };
}

export interface StockSnapshot {
  roundId: string | null;
  /** The round's quantityPerPerson: masks per booking; null without a round. */
  unitsPerBooking: number | null;
  generatedAt: number;
  entries: StockEntry[];
  byId: Map<string, StockEntry>;
}

/**
 * Pharmacies with their live counts, served from one snapshot rebuilt at most every `refreshMs`:
 * a million people refreshing the list cost one MySQL read and one Redis read per process per
 * interval. Remaining counts come from the hot path; where a counter is missing (Redis lost) the
 * MySQL-derived figure is shown instead.
 */
export class PharmacyService {
  private readonly cache: RefreshingValue<StockSnapshot>;

  constructor(
    private readonly pharmacies: PharmacyStore,
    private readonly quotas: QuotaStore,
    private readonly rounds: RoundService,
    private readonly hotPath: MaskHotPath,
    private readonly now: () => number,
    refreshMs = 5000,
    onError: (err: unknown) => void = () => undefined,
  ) {
    this.cache = new RefreshingValue(() => this.build(), refreshMs, now, onError);
  }

  snapshot(): Promise<StockSnapshot> {
    return this.cache.get();
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  /** From the snapshot only: an unknown id costs no database read, even in a surge of bad ids. */
  async find(id: string): Promise<StockEntry | null> {
    return (await this.snapshot()).byId.get(id) ?? null;
  }

  /**
   * What booking needs to know of a pharmacy (it exists, it is in the round), without awaiting
   * while the snapshot is fresh: the booking path asks for every request.
   */
  forBooking(roundId: string, pharmacyId: string): BookablePharmacy | Promise<BookablePharmacy> {
    const snap = this.cache.peek();
    return snap ? bookable(snap, roundId, pharmacyId) : this.snapshot().then((s) => bookable(s, roundId, pharmacyId));
  }

  async list(q: PharmacyListQuery): Promise<PharmacyListResponse> {
    const snap = await this.snapshot();
    const inDistrict = q.district ? snap.entries.filter((e) => e.district === q.district) : snap.entries;
    if (q.lat !== undefined && q.lng !== undefined) {
      const offset = decodeOffset(q.cursor);
      const sorted = byDistanceFrom({ lat: q.lat, lng: q.lng }, inDistrict);
      const page = sorted.slice(offset, offset + q.limit);
      return { items: page.map((e) => toItem(e, e.distanceM)), nextCursor: offset + q.limit < sorted.length ? `o${offset + q.limit}` : null };
    }
    const after = decodeAfterId(q.cursor);
    const rest = after === null ? inDistrict : inDistrict.filter((e) => e.id > after);
    const page = rest.slice(0, q.limit);
    return { items: page.map((e) => toItem(e)), nextCursor: rest.length > q.limit ? `k${Buffer.from(page[page.length - 1].id).toString('base64url')}` : null };
  }

  async stock(): Promise<StockResponse> {
    const snap = await this.snapshot();
    return {
      roundId: snap.roundId,
      generatedAt: new Date(snap.generatedAt).toISOString(),
      unitsPerBooking: snap.unitsPerBooking,
      items: snap.entries.filter((e) => e.inRound).map((e) => ({ pharmacyId: e.id, name: e.name, district: e.district, remaining: e.remaining, quota: e.quota })),
    };
  }

  private async build(): Promise<StockSnapshot> {
    const generatedAt = this.now();
    const [round, pharmacies] = await Promise.all([this.rounds.current(), this.pharmacies.listAll()]);
    const quotas = round ? await this.quotas.forRound(round.id) : [];
    const remaining = round ? await this.remainingOf(round.id, quotas.map((q) => q.pharmacyId)) : {};
    const quotaOf = new Map(quotas.map((q) => [q.pharmacyId, q.quota + q.rolledIn]));
    // Sorted here, not by SQL: the id cursor compares in JS, and MySQL collations sort differently.
    pharmacies.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const entries = pharmacies.map((p) => ({ ...p, quota: quotaOf.get(p.id) ?? 0, remaining: remaining[p.id] ?? 0, inRound: quotaOf.has(p.id) }));
    return { roundId: round?.id ?? null, unitsPerBooking: round?.quantityPerPerson ?? null, generatedAt, entries, byId: new Map(entries.map((e) => [e.id, e])) };
  }

  private async remainingOf(roundId: string, pharmacyIds: string[]): Promise<Record<string, number>> {
    if (pharmacyIds.length === 0) return {};
    const live = await this.hotPath.remaining(roundId, pharmacyIds).catch((): Record<string, number> => ({}));
    if (pharmacyIds.every((id) => live[id] !== undefined)) return live;
    const [quotas, held] = await Promise.all([this.quotas.forRound(roundId), this.quotas.heldUnits(roundId)]);
    const derived = Object.fromEntries(quotas.map((q) => [q.pharmacyId, Math.max(0, q.quota + q.rolledIn - (held[q.pharmacyId] ?? 0))]));
    return { ...derived, ...live };
  }
}

function toItem(e: StockEntry, distanceM?: number): PharmacyListItem {
  const item: PharmacyListItem = {
    id: e.id,
    name: e.name,
    address: e.address,
    district: e.district,
    lat: e.lat,
    lng: e.lng,
    phone: e.phone,
    openingHours: e.openingHours,
    quota: e.quota,
    remaining: e.remaining,
  };
  if (distanceM !== undefined) item.distanceM = distanceM;
  return item;
}

function badCursor(): AppError {
  return new AppError(400, 'VALIDATION_FAILED', 'Invalid query', { details: [{ path: 'cursor', message: '页码已失效，请回到第一页重新加载' }] });
}

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^o(\d{1,6})$/.exec(cursor);
  if (!m) throw badCursor();
  return Number(m[1]);
}

function decodeAfterId(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  if (!/^k[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  return Buffer.from(cursor.slice(1), 'base64url').toString();
}
