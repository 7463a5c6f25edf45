import { z } from 'zod';
import { EntityId } from './common';
import { safeText } from './safe-text';
import { IdNumber } from './identity';
import { valueOfShortCode } from './masks-short-code';

/*
 * Mask reservations: the contract between the mini-program, the BFF and the open-data consumers.
 * Times are ISO-8601 instants (UTC, `Z`); calendar dates (pickup day) are YYYY-MM-DD in China time.
 */

// Generic pieces every contract uses; re-exported here so existing `./masks` imports keep working.
export { DeletedResponse, EntityId, IdParams } from './common';

export const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式应为YYYY-MM-DD' });
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant given by a client: must carry its offset (`Z` or `+08:00`), never a bare local time. */
export const IsoInstant = z.iso.datetime({ offset: true, message: '时间格式不对，请写成 2020-02-01T09:00:00+08:00 这样，带上时区' });

/** Header `Idempotency-Key`: one per booking attempt; a retry with the same key returns the first answer. */
export const IdempotencyKeyHeader = z.string({ message: '缺少Idempotency-Key请求头' }).regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'Idempotency-Key应为8-64位字母、数字、_或-' });
/**
 * Which attempt of one Idempotency-Key this is (1 = the first; absent = 1). A client that lost an
 * answer and retries says so (2, 3, …): such a retry skips the BFF's in-process sold-out cache and
 * reaches the replay, so it gets its booking back even from a sold-out pharmacy.
 */
export const RetryAttemptHeader = z.string().regex(/^[1-9][0-9]?$/, { message: 'X-Retry-Attempt应为1-99' }).optional();

export const MaskRoundStatus = z.enum(['upcoming', 'open', 'closed']);
export type MaskRoundStatus = z.infer<typeof MaskRoundStatus>;

export const MaskRoundMode = z.enum(['first_come', 'lottery']);
export type MaskRoundMode = z.infer<typeof MaskRoundMode>;

export const MaskRound = z.object({
  id: z.string(),
  name: z.string(),
  /** Derived from the server clock: upcoming before opensAt, open until closesAt, then closed. */
  status: MaskRoundStatus,
  opensAt: z.string(),
  closesAt: z.string(),
  pickupDate: IsoDate,
  quantityPerPerson: z.number().int(),
  mode: MaskRoundMode,
  /** Days after a redemption before the same person may book again. */
  repeatDays: z.number().int(),
  /** Set when an administrator closed the round before its planned end (closesAt is then that instant). */
  closedEarlyAt: z.string().nullable().optional(),
  /** Set when an administrator cancelled the round: status is closed, its reservations were cancelled. */
  cancelledAt: z.string().nullable().optional(),
  /** The administrator's reason for closing early or cancelling (shown to applicants). */
  reason: z.string().nullable().optional(),
});
export type MaskRound = z.infer<typeof MaskRound>;

export const CurrentRoundResponse = z.object({ round: MaskRound.nullable() });
export type CurrentRoundResponse = z.infer<typeof CurrentRoundResponse>;

// ---------------------------------------------------------------- pharmacies and stock

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

// ---------------------------------------------------------------- reservations

export const ReservationStatus = z.enum(['reserved', 'redeemed', 'expired', 'cancelled']);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

export const CreateReservationRequest = z.object({
  pharmacyId: EntityId,
  /** The person the masks are for: the caller's own person (default) or one of their family members. */
  personId: EntityId.optional(),
});
export type CreateReservationRequest = z.infer<typeof CreateReservationRequest>;

export const MaskReservation = z.object({
  id: z.string(),
  roundId: z.string(),
  pharmacyId: z.string(),
  pharmacyName: z.string(),
  personId: z.string(),
  /** Masked (张*). */
  personName: z.string(),
  pickupDate: IsoDate,
  quantity: z.number().int(),
  status: ReservationStatus,
  createdAt: z.string(),
});
export type MaskReservation = z.infer<typeof MaskReservation>;

/** 10 digits: 9 for the code, 1 check digit (masks-short-code.ts); shown grouped as `483 129 0755`. */
export const ShortCode = z.string().regex(/^\d{10}$/);

export const CreateReservationResponse = z.object({
  reservation: MaskReservation,
  /** Signed token to show as a QR code at the counter (GP1.…). */
  pickupCode: z.string(),
  /**
   * The short numeric 取货码 to read out or type when the QR cannot be scanned: unique per pharmacy
   * and pickup day, accepted only there and then. null only for a replay of a booking made before
   * short codes existed.
   */
  shortCode: ShortCode.nullable(),
});
export type CreateReservationResponse = z.infer<typeof CreateReservationResponse>;

export const LotteryApplication = z.object({
  id: z.string(),
  roundId: z.string(),
  pharmacyId: z.string(),
  pharmacyName: z.string(),
  personId: z.string(),
  personName: z.string(),
  /**
   * pending until the draw; ineligible = passed over at the draw because the person held a
   * reservation of another round then (see ineligibleReason); cancelled = the round was cancelled.
   */
  status: z.enum(['pending', 'won', 'lost', 'ineligible', 'cancelled']),
  /** Why an ineligible application was passed over; null otherwise. */
  ineligibleReason: z.enum(['HELD_RESERVATION']).nullable().optional(),
  /** The pseudonymous applicant reference under which this application appears in the published ranking (after the draw). */
  applicantRef: z.string().nullable().optional(),
  createdAt: z.string(),
});
export type LotteryApplication = z.infer<typeof LotteryApplication>;

/** Answer of a booking in a lottery round (HTTP 202): the application is registered for the draw. */
export const LotteryApplicationResponse = z.object({ application: LotteryApplication });
export type LotteryApplicationResponse = z.infer<typeof LotteryApplicationResponse>;

/** 201 CreateReservationResponse in first-come rounds, 202 LotteryApplicationResponse in lottery rounds. */
export const BookMasksResponse = z.union([CreateReservationResponse, LotteryApplicationResponse]);
export type BookMasksResponse = z.infer<typeof BookMasksResponse>;

export const MyReservation = MaskReservation.extend({
  /** Present while status is reserved. */
  pickupCode: z.string().nullable(),
  /** The short 取货码, present with pickupCode (null for lottery wins and bookings made before short codes). */
  shortCode: ShortCode.nullable(),
});
export type MyReservation = z.infer<typeof MyReservation>;

export const MyReservationsResponse = z.object({
  /** The caller's and their family members' reservations, newest first. */
  items: z.array(MyReservation),
  applications: z.array(LotteryApplication),
});
export type MyReservationsResponse = z.infer<typeof MyReservationsResponse>;

export const CancelReservationResponse = z.object({
  reservation: MaskReservation,
  /** True when the unit went back to the pharmacy's pool (the round was still open). */
  unitReturned: z.boolean(),
});
export type CancelReservationResponse = z.infer<typeof CancelReservationResponse>;

// ---------------------------------------------------------------- eligibility (say no before the button)

export const EligibilityQuery = z.object({
  pharmacyId: EntityId,
  /** The person the masks would be for: the caller's own person (default) or a family member. */
  personId: EntityId.optional(),
});
export type EligibilityQuery = z.infer<typeof EligibilityQuery>;

/**
 * Why a booking would be refused now, from the same checks the booking runs (nothing is written):
 * IDENTITY_REQUIRED not verified; ROUND_NOT_OPEN not open yet (opensAt) or no round at all;
 * ROUND_CLOSED the round is over (closedAt); SOLD_OUT none left here (see nearby);
 * ALREADY_RESERVED the caller already holds one; FAMILY_ALREADY_RESERVED the family member chosen
 * already holds one (or applied, in a lottery round); REPEAT_PERIOD collected recently (availableFrom).
 */
export const IneligibleReason = z.enum(['IDENTITY_REQUIRED', 'ROUND_NOT_OPEN', 'ROUND_CLOSED', 'SOLD_OUT', 'ALREADY_RESERVED', 'FAMILY_ALREADY_RESERVED', 'REPEAT_PERIOD']);
export type IneligibleReason = z.infer<typeof IneligibleReason>;

/** A pharmacy near the asked one that still has bookings left (for SOLD_OUT). */
export const NearbyPharmacy = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  remaining: z.number().int(),
  distanceM: z.number().int(),
});
export type NearbyPharmacy = z.infer<typeof NearbyPharmacy>;

export const EligibilityResponse = z.object({
  eligible: z.boolean(),
  /** Null when eligible. */
  reason: IneligibleReason.nullable(),
  /** REPEAT_PERIOD: the China-time day from which the person may book again, and the exact instant. */
  availableFrom: IsoDate.optional(),
  availableAt: z.string().optional(),
  /** ROUND_NOT_OPEN: when the round opens (absent when no round is planned). */
  opensAt: z.string().optional(),
  /** ROUND_CLOSED: when the round closed. */
  closedAt: z.string().optional(),
  /** The asked pharmacy's bookings (份) left and taken in this round. */
  pharmacy: z.object({ id: z.string(), name: z.string(), remaining: z.number().int(), quota: z.number().int() }),
  /** Masks per booking in the current round; null without a round. */
  unitsPerBooking: z.number().int().nullable(),
  /** SOLD_OUT: up to 3 nearest pharmacies with bookings left (else empty). */
  nearby: z.array(NearbyPharmacy),
});
export type EligibilityResponse = z.infer<typeof EligibilityResponse>;

// ---------------------------------------------------------------- pharmacy counter

/** Any non-empty text: a malformed or forged code is answered 400 INVALID_CODE, not VALIDATION_FAILED. */
export const PickupCode = safeText({ message: '请扫描取货码' }).trim().min(1, { message: '请扫描取货码' }).max(512);

/**
 * A typed short code: 10 digits, spaces allowed between them (`483 129 0755`). A wrong check digit
 * (a typo) is refused here, before it can count as a wrong guess.
 */
export const ShortCodeInput = z
  .string({ message: '请输入10位取货码' })
  .trim()
  .regex(/^(\d ?){9}\d$/, { message: '取货码是10位数字，请核对' })
  .refine((s) => valueOfShortCode(s.replace(/ /g, '')) !== null, { message: '取货码有一位输错了，请核对后重新输入' });

export const RedeemRequest = z
  .object({
    /** The scanned QR text (GP1.…). */
    pickupCode: PickupCode.optional(),
    /** Or the short numeric 取货码: only at the pharmacy and on the pickup day it was issued for. */
    shortCode: ShortCodeInput.optional(),
    /** The counter's pharmacy; needed only when the pharmacist works at several. */
    pharmacyId: EntityId.optional(),
  })
  .refine((r) => (r.pickupCode === undefined) !== (r.shortCode === undefined), {
    message: '请扫描取货码或输入10位取货码',
    path: ['pickupCode'],
    when: (payload) => payload.issues.length === 0,
  });
export type RedeemRequest = z.infer<typeof RedeemRequest>;

export const RedeemByIdNumberRequest = z.object({
  idNumber: IdNumber,
  pharmacyId: EntityId.optional(),
});
export type RedeemByIdNumberRequest = z.infer<typeof RedeemByIdNumberRequest>;

export const RedemptionResponse = z.object({
  reservation: MaskReservation,
  /** Masked name of the booker whose code this is. */
  holderName: z.string(),
  quantity: z.number().int(),
});
export type RedemptionResponse = z.infer<typeof RedemptionResponse>;

export const PharmacySummaryQuery = z.object({
  /** Pickup date; today (China time) when absent. */
  date: IsoDate.optional(),
  pharmacyId: EntityId.optional(),
});
export type PharmacySummaryQuery = z.infer<typeof PharmacySummaryQuery>;

export const PharmacySummaryResponse = z.object({
  pharmacyId: z.string(),
  /** The counter's pharmacy by name, for the page heading (the pharmacist sees where they work). */
  pharmacyName: z.string(),
  date: IsoDate,
  /** Bookings for pickup that day, not counting cancelled ones. */
  reserved: z.number().int(),
  redeemed: z.number().int(),
  /** Still to be collected (status reserved). */
  outstanding: z.number().int(),
});
export type PharmacySummaryResponse = z.infer<typeof PharmacySummaryResponse>;

// ---------------------------------------------------------------- administration

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
