import { z } from 'zod';
import { EntityId, IsoDate, IsoInstant } from './common';
import { MaskRound, MaskRoundMode } from './masks-rounds';
import { safeText } from './safe-text';

/* Administration: pharmacies, rounds and their quotas. */

export const PharmacyInput = z.object({
  name: safeText().trim().min(1).max(128),
  address: safeText().trim().min(1).max(255),
  district: safeText().trim().min(1).max(64),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  phone: safeText().trim().min(1).max(32),
  openingHours: safeText().trim().min(1).max(64),
});
export type PharmacyInput = z.infer<typeof PharmacyInput>;

export const CreatePharmacyRequest = PharmacyInput.extend({
  /** Optional stable id (e.g. ph-101); a UUID is assigned when absent. */
  id: EntityId.optional(),
});
export type CreatePharmacyRequest = z.infer<typeof CreatePharmacyRequest>;

export const Pharmacy = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  district: z.string(),
  lat: z.number(),
  lng: z.number(),
  phone: z.string(),
  openingHours: z.string(),
});
export type Pharmacy = z.infer<typeof Pharmacy>;

export const PharmacyResponse = z.object({ pharmacy: Pharmacy });
export type PharmacyResponse = z.infer<typeof PharmacyResponse>;

/**
 * Paging of the console's lists (pharmacies, rounds, ledger rows). With neither `page` nor
 * `pageSize` the whole list is answered as before (pickers that need every row: the quota table,
 * the poster printer); either one pages it, `pageSize` defaulting to 20, at most 100.
 */
export const AdminPageQuery = z.object({
  page: z.coerce.number({ message: '页码应为数字' }).int().min(1, { message: '页码从 1 开始' }).max(100_000).optional(),
  pageSize: z.coerce.number({ message: '每页条数应为数字' }).int().min(1).max(100, { message: '每页最多 100 条' }).optional(),
});
export type AdminPageQuery = z.infer<typeof AdminPageQuery>;
export const ADMIN_DEFAULT_PAGE_SIZE = 20;

/** Where a page sits in the whole: `total` counts every matching row; unpaged answers say page 1 of all. */
export const PageInfo = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type PageInfo = z.infer<typeof PageInfo>;

export const AdminPharmacyListQuery = AdminPageQuery.extend({
  /** Words matched (all of them, case-insensitive) against id, name, district, address, phone. */
  q: safeText().trim().max(64).optional(),
});
export type AdminPharmacyListQuery = z.infer<typeof AdminPharmacyListQuery>;

export const AdminPharmacyListResponse = PageInfo.extend({ items: z.array(Pharmacy) });
export type AdminPharmacyListResponse = z.infer<typeof AdminPharmacyListResponse>;

export const CreateRoundRequest = z
  .object({
    name: safeText().trim().min(1).max(64),
    opensAt: IsoInstant,
    closesAt: IsoInstant,
    /** Default: the day after opensAt (China time). */
    pickupDate: IsoDate.optional(),
    quantityPerPerson: z.number().int().min(1).max(100).optional(),
    mode: MaskRoundMode.optional(),
    repeatDays: z.number().int().min(0).max(365).optional(),
  })
  .refine((r) => Date.parse(r.closesAt) > Date.parse(r.opensAt), {
    message: '结束时间须晚于开始时间',
    path: ['closesAt'],
    // Compare only well-formed instants: a bad opensAt is reported once, on opensAt.
    when: (payload) => payload.issues.length === 0,
  });
export type CreateRoundRequest = z.infer<typeof CreateRoundRequest>;

export const RoundResponse = z.object({ round: MaskRound });
export type RoundResponse = z.infer<typeof RoundResponse>;

export const RoundListResponse = PageInfo.extend({ items: z.array(MaskRound) });
export type RoundListResponse = z.infer<typeof RoundListResponse>;

export const SetQuotasRequest = z
  .object({
    items: z
      .array(z.object({ pharmacyId: EntityId, quota: z.number().int().min(0).max(1_000_000) }))
      .min(1)
      .max(1000),
  })
  .refine((r) => new Set(r.items.map((i) => i.pharmacyId)).size === r.items.length, { message: '药店重复', path: ['items'], when: (payload) => payload.issues.length === 0 });
export type SetQuotasRequest = z.infer<typeof SetQuotasRequest>;

export const QuotaItem = z.object({
  pharmacyId: z.string(),
  quota: z.number().int(),
  rolledIn: z.number().int(),
  /** Bookings that hold a unit (not cancelled-and-returned). */
  reserved: z.number().int(),
  remaining: z.number().int(),
});
export type QuotaItem = z.infer<typeof QuotaItem>;

export const SetQuotasResponse = z.object({ roundId: z.string(), items: z.array(QuotaItem) });
export type SetQuotasResponse = z.infer<typeof SetQuotasResponse>;
