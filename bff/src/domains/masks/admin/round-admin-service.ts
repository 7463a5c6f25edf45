import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/app-error';
import type { AuditLog } from '../../audit/audit-log';
import type { MaskHotPath } from '../hot-path/mask-hot-path';
import type { PharmacyService } from '../pharmacies/pharmacy-service';
import type { PharmacyStore } from '../pharmacies/pharmacy-store';
import type { SoldOutCache } from '../sold-out-cache';
import type { QuotaRecord, QuotaStore } from '../rounds/quota-store';
import type { RoundService } from '../rounds/round-service';
import { toMaskRound } from '../rounds/round-status';
import type { RoundRecord, RoundStore } from '../rounds/round-store';
import { addDays, chinaDateOf } from '../../../core/china-date';
import { asStoreUnavailable } from '../shared/store-unavailable';
import type { AdminPageQuery, CreateRoundRequest, MaskRound, QuotaItem, RoundListResponse, SetQuotasRequest } from '../shared/mask-contract';
import { pageInfoOf, pageWindowOf } from './admin-page';
import type { Operator } from './pharmacy-admin-service';

export interface RoundDefaults {
  defaultQuantityPerPerson: number;
  defaultRepeatDays: number;
}

/** Rounds and their quotas; every write is audited, quota changes reach the live counters at once. */
export class RoundAdminService {
  constructor(
    private readonly rounds: RoundStore,
    private readonly quotas: QuotaStore,
    private readonly pharmacyStore: PharmacyStore,
    private readonly hotPath: MaskHotPath,
    private readonly roundService: RoundService,
    private readonly pharmacies: PharmacyService,
    private readonly soldOut: SoldOutCache,
    private readonly audit: AuditLog,
    private readonly defaults: RoundDefaults,
    private readonly now: () => number,
  ) {}

  /** Newest first: one page, or (unpaged, as before) the latest 100. */
  async list(q: AdminPageQuery = {}): Promise<RoundListResponse> {
    const window = pageWindowOf(q);
    if (!window) {
      const latest = (await this.rounds.list(100)).map((r) => toMaskRound(r, this.now()));
      return { items: latest, ...pageInfoOf(null, latest.length) };
    }
    const { items, total } = await this.rounds.page(window.offset, window.pageSize);
    return { items: items.map((r) => toMaskRound(r, this.now())), ...pageInfoOf(window, total) };
  }

  async create(op: Operator, req: CreateRoundRequest): Promise<MaskRound> {
    const round = this.withDefaults(req);
    if (round.pickupDate < chinaDateOf(round.closesAt - 1)) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Invalid request body', { details: [{ path: 'pickupDate', message: '取货日期不能早于预约结束日期' }] });
    }
    // One open round at a time: a booking never has to choose between two.
    const clash = await this.rounds.overlapping(round.opensAt, round.closesAt);
    if (clash.length > 0) throw new AppError(409, 'CONFLICT', 'The booking window overlaps another round', { details: { roundIds: clash.map((r) => r.id) } });
    await this.rounds.insert(round);
    await this.audit.record({ actor: op.accountId, action: 'mask.round.create', targetType: 'mask_round', targetId: round.id, requestId: op.requestId, details: { name: round.name, mode: round.mode, pickupDate: round.pickupDate } });
    this.roundService.invalidate();
    this.pharmacies.invalidate();
    return toMaskRound(round, this.now());
  }

  /**
   * Writes mask_quotas, then the live counters. While the round runs, bookings land between any
   * read and write, so a counter that exists is moved by the quota's change rather than
   * recomputed; only a missing counter is derived from MySQL (quota + rolled in − units held).
   */
  async setQuotas(op: Operator, roundId: string, req: SetQuotasRequest): Promise<{ roundId: string; items: QuotaItem[] }> {
    if (!(await this.rounds.findById(roundId))) throw new AppError(404, 'ROUND_NOT_FOUND', 'No such round');
    await this.assertPharmaciesExist(req.items.map((i) => i.pharmacyId));
    const before = new Map((await this.quotas.forRound(roundId)).map((q) => [q.pharmacyId, q]));
    await this.quotas.setQuotas(roundId, req.items, (trx) =>
      this.audit.record({ actor: op.accountId, action: 'mask.round.quotas', targetType: 'mask_round', targetId: roundId, requestId: op.requestId, details: { items: req.items } }, trx),
    );
    const after = new Map((await this.quotas.forRound(roundId)).map((q) => [q.pharmacyId, q]));
    const ids = req.items.map((i) => i.pharmacyId);
    const held = await this.quotas.heldUnits(roundId);
    const items: QuotaItem[] = [];
    for (const id of ids) {
      const q = after.get(id) as QuotaRecord;
      const remaining = await this.moveCounter(roundId, q, before.get(id), held[id] ?? 0).catch((err: unknown) => Promise.reject(asStoreUnavailable(err)));
      this.soldOut.clear(roundId, id);
      items.push({ pharmacyId: id, quota: q.quota, rolledIn: q.rolledIn, reserved: held[id] ?? 0, remaining });
    }
    this.pharmacies.invalidate();
    return { roundId, items };
  }

  /**
   * A live counter is moved by the quota's change in one atomic step (a read-then-set would erase
   * the bookings that landed in between); only a missing counter is derived from MySQL.
   */
  private async moveCounter(roundId: string, q: QuotaRecord, before: QuotaRecord | undefined, held: number): Promise<number> {
    const total = q.quota + q.rolledIn;
    if (before) {
      const moved = await this.hotPath.adjustRemaining(roundId, q.pharmacyId, total - (before.quota + before.rolledIn));
      if (moved !== null) return moved;
    }
    const remaining = Math.max(0, total - held);
    await this.hotPath.setRemaining(roundId, q.pharmacyId, remaining);
    return remaining;
  }

  private withDefaults(req: CreateRoundRequest): RoundRecord {
    const opensAt = Date.parse(req.opensAt);
    return {
      id: randomUUID(),
      name: req.name,
      opensAt,
      closesAt: Date.parse(req.closesAt),
      pickupDate: req.pickupDate ?? addDays(chinaDateOf(opensAt), 1),
      quantityPerPerson: req.quantityPerPerson ?? this.defaults.defaultQuantityPerPerson,
      mode: req.mode ?? 'first_come',
      repeatDays: req.repeatDays ?? this.defaults.defaultRepeatDays,
      createdAt: this.now(),
    };
  }

  private async assertPharmaciesExist(ids: string[]): Promise<void> {
    const known = new Set((await this.pharmacyStore.listAll()).map((p) => p.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw new AppError(404, 'PHARMACY_NOT_FOUND', 'Unknown pharmacies', { details: { pharmacyIds: missing } });
  }
}
