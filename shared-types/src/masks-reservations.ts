import { z } from 'zod';
import { EntityId, IsoDate } from './common';

/** Header `Idempotency-Key`: one per booking attempt; a retry with the same key returns the first answer. */
export const IdempotencyKeyHeader = z.string({ message: '缺少Idempotency-Key请求头' }).regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'Idempotency-Key应为8-64位字母、数字、_或-' });
/**
 * Which attempt of one Idempotency-Key this is (1 = the first; absent = 1). A client that lost an
 * answer and retries says so (2, 3, …): such a retry skips the BFF's in-process sold-out cache and
 * reaches the replay, so it gets its booking back even from a sold-out pharmacy.
 */
export const RetryAttemptHeader = z.string().regex(/^[1-9][0-9]?$/, { message: 'X-Retry-Attempt应为1-99' }).optional();

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
