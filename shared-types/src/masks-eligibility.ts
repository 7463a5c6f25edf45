import { z } from 'zod';
import { EntityId, IsoDate } from './common';

/* Say no before the button: the booking's own checks, asked ahead (nothing is written). */

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
