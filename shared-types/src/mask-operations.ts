import { z } from 'zod';
import { safeMultilineText, safeText } from './safe-text';
import type { MaskRouteContract } from './mask-routes';
import { AdminPageQuery, IdParams, IsoDate, PageInfo } from './masks';

/** Admin operations on mask rounds: lottery draw and its verification, expiry, ledger, daily report. */
export const DrawRequest = z.object({
  /** Published seed; a random one is generated (and published before any result) when absent. */
  seed: safeText().trim().min(8).max(128).optional(),
});
export type DrawRequest = z.infer<typeof DrawRequest>;

const PharmacyDrawSummary = z.object({ pharmacyId: z.string(), units: z.number().int(), applicants: z.number().int(), winners: z.number().int(), ineligible: z.number().int() });
const HotPathSync = z.object({ synced: z.boolean(), error: z.string().optional() });

export const DrawResponse = z.object({
  roundId: z.string(),
  seed: z.string(),
  drawnAt: z.number().int(),
  applications: z.number().int(),
  winners: z.number().int(),
  losers: z.number().int(),
  ineligible: z.number().int(),
  pharmacies: z.array(PharmacyDrawSummary),
  hotPath: HotPathSync,
});
export type DrawResponse = z.infer<typeof DrawResponse>;

export const VerifyDrawResponse = z.object({
  roundId: z.string(),
  seed: z.string(),
  drawnAt: z.number().int(),
  seedMatchesPublished: z.boolean(),
  applications: z.number().int(),
  matches: z.boolean(),
  mismatches: z.array(z.object({ applicationId: z.string().nullable(), pharmacyId: z.string(), personId: z.string(), problem: z.string() })),
});
export type VerifyDrawResponse = z.infer<typeof VerifyDrawResponse>;

export const ExpireResponse = z.object({
  roundId: z.string(),
  alreadyExpired: z.boolean(),
  expiredAt: z.number().int(),
  expired: z.number().int(),
  /** Where the units went; on a replay (alreadyExpired) the first call's answer, read from the round. */
  rolledInto: z.string().nullable(),
  /** units = uncollected (reservations expired) + unbooked (never booked, e.g. an under-subscribed lottery). */
  rolled: z.array(z.object({ pharmacyId: z.string(), units: z.number().int(), uncollected: z.number().int().optional(), unbooked: z.number().int().optional() })),
  hotPath: HotPathSync,
});
export type ExpireResponse = z.infer<typeof ExpireResponse>;

/** Rows are paged (violations and notes always cover the whole check, flagged rows first). */
export const LedgerQuery = AdminPageQuery.extend({ pickupDate: IsoDate.optional() });
export const LedgerResponse = PageInfo.extend({
  rows: z.array(
    z.object({
      roundId: z.string(),
      roundName: z.string(),
      pickupDate: z.string(),
      pharmacyId: z.string(),
      quota: z.number().int(),
      rolledIn: z.number().int(),
      /** Units never booked in this round, passed to the next round when it expired (quota + rolled_in = reserved + unbooked_out + remaining). */
      unbookedOut: z.number().int(),
      reserved: z.number().int(),
      redeemed: z.number().int(),
      expired: z.number().int(),
      cancelled: z.number().int(),
      cancelledReturned: z.number().int(),
      outstanding: z.number().int(),
      remaining: z.number().int(),
      remainingSource: z.enum(['hot-path', 'derived']),
    }),
  ),
  violations: z.array(z.object({ rule: z.enum(['supply', 'outcomes', 'oversold', 'carry', 'row']), roundId: z.string(), pharmacyId: z.string().nullable(), detail: z.string() })),
  notes: z.array(z.string()),
});
export type LedgerResponse = z.infer<typeof LedgerResponse>;

export const ReportQuery = z.object({ date: IsoDate });

/**
 * The CSV the admin CLI's import-pharmacies reads (header id,name,address,district,latitude,longitude,
 * phone,openingHours), sent as text. All rows or none: any bad row answers 422 IMPORT_INVALID with
 * `details: [{line, message}]`.
 */
export const ImportPharmaciesRequest = z.object({ csv: safeMultilineText().min(1).max(4_000_000) });
export type ImportPharmaciesRequest = z.infer<typeof ImportPharmaciesRequest>;
export const ImportPharmaciesResponse = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportPharmaciesResponse = z.infer<typeof ImportPharmaciesResponse>;

export const maskOperationRoutes = {
  adminDrawLottery: {
    method: 'POST',
    path: '/api/v1/admin/masks/rounds/:id/draw',
    summary: 'Draw a closed lottery round with a published seed (admin, audited, once)',
    auth: true,
    roles: ['admin'],
    params: IdParams,
    body: DrawRequest,
    response: DrawResponse,
    errors: { 404: ['ROUND_NOT_FOUND'], 409: ['CONFLICT'] },
  },
  adminVerifyDraw: {
    method: 'GET',
    path: '/api/v1/admin/masks/rounds/:id/draw',
    summary: 'Recompute a draw from its published seed and applicant list and compare (admin)',
    auth: true,
    roles: ['admin'],
    params: IdParams,
    response: VerifyDrawResponse,
    errors: { 404: ['ROUND_NOT_FOUND'], 409: ['CONFLICT'] },
  },
  adminExpireRound: {
    method: 'POST',
    path: '/api/v1/admin/masks/rounds/:id/expire',
    summary: 'Expire unredeemed reservations after pickup and roll units into the next round (admin, audited, idempotent)',
    auth: true,
    roles: ['admin'],
    params: IdParams,
    response: ExpireResponse,
    errors: { 404: ['ROUND_NOT_FOUND'], 409: ['CONFLICT'] },
  },
  adminLedger: {
    method: 'GET',
    path: '/api/v1/admin/masks/ledger',
    summary: 'Check quota + rolled_in = reserved + remaining and reserved = redeemed + expired + cancelled + outstanding (admin)',
    auth: true,
    roles: ['admin'],
    query: LedgerQuery,
    response: LedgerResponse,
  },
  adminDailyReport: {
    method: 'GET',
    path: '/api/v1/admin/masks/reports',
    summary: 'Per-pharmacy daily report as CSV (admin)',
    auth: true,
    roles: ['admin'],
    query: ReportQuery,
    response: z.string(),
    contentType: 'text/csv',
  },
  adminImportPharmacies: {
    method: 'POST',
    path: '/api/v1/admin/pharmacies/import',
    summary: 'Upsert pharmacies from CSV by id (admin, audited; all rows or none, bad rows reported by line)',
    auth: true,
    roles: ['admin'],
    body: ImportPharmaciesRequest,
    response: ImportPharmaciesResponse,
    errors: { 422: ['IMPORT_INVALID'] },
  },
} as const satisfies Record<string, MaskRouteContract>;
