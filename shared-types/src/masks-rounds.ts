import { z } from 'zod';
import { IsoDate } from './common';

/** A round of mask bookings (first come or lottery) as every reader sees it. */
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
