import { z } from 'zod';
import { safeText } from './safe-text';

/** Pharmacies near the citizen and their stock: read by the booking page and as open data. */

const Latitude = z.coerce.number({ message: '纬度应为数字' }).min(-90).max(90);
const Longitude = z.coerce.number({ message: '经度应为数字' }).min(-180).max(180);

export const PharmacyListQuery = z
  .object({
    lat: Latitude.optional(),
    lng: Longitude.optional(),
    district: safeText().trim().min(1).max(64).optional(),
    /** Opaque, from the previous page's nextCursor. */
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { message: '页码已失效，请回到第一页重新加载' }).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: 'lat与lng须同时提供', path: ['lng'], when: (payload) => payload.issues.length === 0 });
export type PharmacyListQuery = z.infer<typeof PharmacyListQuery>;

export const PharmacyListItem = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  district: z.string(),
  lat: z.number(),
  lng: z.number(),
  phone: z.string(),
  openingHours: z.string(),
  /** Bookings (份) this pharmacy takes in the current round (quota + units rolled in); 0 when not in the round. */
  quota: z.number().int(),
  /** Bookings (份) still available (a few seconds stale at most); each is the round's quantityPerPerson masks. */
  remaining: z.number().int(),
  /** Great-circle distance from lat/lng in metres; present only when lat/lng were given. */
  distanceM: z.number().int().optional(),
});
export type PharmacyListItem = z.infer<typeof PharmacyListItem>;

export const PharmacyListResponse = z.object({
  items: z.array(PharmacyListItem),
  nextCursor: z.string().nullable(),
});
export type PharmacyListResponse = z.infer<typeof PharmacyListResponse>;

export const StockItem = z.object({
  pharmacyId: z.string(),
  name: z.string(),
  district: z.string(),
  remaining: z.number().int(),
  quota: z.number().int(),
});
export type StockItem = z.infer<typeof StockItem>;

/** Public open data; cached (max-age=5) and identical for every caller. */
export const StockResponse = z.object({
  roundId: z.string().nullable(),
  generatedAt: z.string(),
  /**
   * Masks in one booking (份) of that round: `remaining` and `quota` count bookings, so masks left =
   * remaining × unitsPerBooking. Null when there is no round.
   */
  unitsPerBooking: z.number().int().nullable(),
  items: z.array(StockItem),
});
export type StockResponse = z.infer<typeof StockResponse>;
