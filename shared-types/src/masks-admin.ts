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

export const AdminPharmacyListResponse = z.object({ items: z.array(Pharmacy) });
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

export const RoundListResponse = z.object({ items: z.array(MaskRound) });
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
