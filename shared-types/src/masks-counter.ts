import { z } from 'zod';
import { EntityId, IsoDate } from './common';
import { IdNumber } from './identity';
import { valueOfShortCode } from './masks-short-code';
import { safeText } from './safe-text';
import { MaskReservation } from './masks-reservations';

/* The pharmacy counter: a pickup code scanned or typed, or an ID number; the day's summary. */

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
