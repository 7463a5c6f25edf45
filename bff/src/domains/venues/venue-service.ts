import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { RegisterVenueRequest, venueScanUrl, type RoleGrant, type VenueCountsResponse, type VenuePoster, type VenueResponse } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import { chinaDateOf, chinaMidnight } from '../../core/china-date';
import type { LRUCache } from 'lru-cache';
import { ttlCache } from '../../core/ttl-cache';
import type { Database } from '../../infra/db/database';
import type { AuditLog } from '../audit/audit-log';
import { VerifiedPosterCache, type PosterCodes } from './poster/poster-codes';
import { SqlVenueStore, type StoredVenue } from './store/venue-store';
import { assertManages, isAdmin, scopedVenueIds, venueNotFound } from './venue-access';

const HOUR_MS = 3_600_000;
const NOW_WINDOW_MINUTES = 60;

export const POSTER_INSTRUCTIONS = [
  '请使用微信、支付宝或政务通扫描上方二维码登记',
  '可同时为家人登记（在政务通中添加家庭成员）',
  '进入时请向工作人员出示登记结果页面',
  '登记信息仅用于疫情防控，保存14天后自动删除',
];

export interface Operator {
  actor: string;
  grants: readonly RoleGrant[];
  requestId: string | null;
}

export interface VenueServiceOptions {
  publicHost: string;
  retentionDays: number;
}

/** Venues: registration (manager or admin), posters, counts; the check-in path's venue look-up. */
export class VenueService {
  readonly posters: VerifiedPosterCache;
  private readonly byId: LRUCache<string, StoredVenue>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly store: SqlVenueStore,
    private readonly codes: PosterCodes,
    private readonly audit: AuditLog,
    private readonly options: VenueServiceOptions,
    private readonly now: () => number,
  ) {
    this.posters = new VerifiedPosterCache(codes);
    this.byId = ttlCache(60_000, 100_000, now);
  }

  async register(op: Operator, req: RegisterVenueRequest): Promise<VenueResponse> {
    const venue = this.newVenue(req, op.actor);
    await this.db.transaction().execute(async (trx) => {
      await this.store.insert([venue], trx);
      await this.audit.record({ actor: op.actor, action: 'venues.register', targetType: 'venue', targetId: venue.id, requestId: op.requestId, details: { district: venue.district, type: venue.type } }, trx);
    });
    return { venue: publicVenue(venue), poster: this.posterOf(venue) };
  }

  /** All rows or none (the admin CLI's import); returns how many were created. */
  async importAll(actor: string, rows: readonly RegisterVenueRequest[]): Promise<number> {
    const venues = rows.map((r) => this.newVenue(r, null));
    await this.db.transaction().execute(async (trx) => {
      await this.store.insert(venues, trx);
      await this.audit.record({ actor, action: 'venues.import', targetType: 'venue', targetId: '*', details: { count: venues.length } }, trx);
    });
    return venues.length;
  }

  async list(op: Operator): Promise<StoredVenue[]> {
    return isAdmin(op.grants) ? this.store.listAll() : this.store.listFor(op.actor, scopedVenueIds(op.grants));
  }

  async poster(op: Operator, venueId: string): Promise<VenueResponse> {
    const venue = assertManages(op.actor, op.grants, await this.store.findById(venueId));
    return { venue: publicVenue(venue), poster: this.posterOf(venue) };
  }

  /** Counts only: when, never who. */
  async counts(op: Operator, venueId: string, date?: string): Promise<VenueCountsResponse> {
    assertManages(op.actor, op.grants, await this.store.findById(venueId));
    const now = this.now();
    const day = date ?? chinaDateOf(now);
    const from = chinaMidnight(day);
    if (!Number.isFinite(from)) throw new AppError(400, 'VALIDATION_FAILED', 'Not a real date');
    const nowFrom = now - NOW_WINDOW_MINUTES * 60_000;
    const times = await this.store.checkinTimes(venueId, Math.min(from, nowFrom), Math.max(from + 24 * HOUR_MS, now + 1));
    const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0 }));
    let today = 0;
    let current = 0;
    for (const t of times) {
      if (t >= from && t < from + 24 * HOUR_MS) {
        today += 1;
        byHour[Math.floor((t - from) / HOUR_MS)].count += 1;
      }
      if (t >= nowFrom && t <= now) current += 1;
    }
    return { venueId, date: day, today, byHour, now: current, nowWindowMinutes: NOW_WINDOW_MINUTES };
  }

  /** The venue a (cached, verified) poster code names, for the check-in path; 404 when gone. */
  async venueOfCode(code: string): Promise<StoredVenue> {
    const id = this.posters.venueIdOf(code);
    const cached = this.byId.get(id);
    if (cached) return cached;
    const venue = await this.store.findById(id);
    if (!venue) throw venueNotFound();
    this.byId.set(id, venue);
    return venue;
  }

  async findMany(ids: readonly string[]): Promise<StoredVenue[]> {
    return this.store.findByIds(ids);
  }

  posterOf(venue: StoredVenue): VenuePoster {
    const venueCode = this.codes.sign(venue.id, venue.createdAtMs);
    return {
      venueCode,
      scanUrl: venueScanUrl(this.options.publicHost, venueCode),
      instructions: POSTER_INSTRUCTIONS.map((l) => l.replace('14天', `${this.options.retentionDays}天`)),
      issuedAt: new Date(Math.floor(venue.createdAtMs / 1000) * 1000).toISOString(),
    };
  }

  private newVenue(req: RegisterVenueRequest, managerAccountId: string | null): StoredVenue {
    const at = this.now();
    return { id: req.id ?? randomUUID(), name: req.name, address: req.address, district: req.district, type: req.type, lat: req.lat, lng: req.lng, createdAt: new Date(at).toISOString(), managerAccountId, createdAtMs: at };
  }
}

export function publicVenue(v: StoredVenue): VenueResponse['venue'] {
  return { id: v.id, name: v.name, address: v.address, district: v.district, type: v.type, lat: v.lat, lng: v.lng, createdAt: v.createdAt };
}
