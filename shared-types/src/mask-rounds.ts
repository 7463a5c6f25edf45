import { z } from 'zod';
import { safeText } from './safe-text';
import type { MaskRouteContract } from './mask-routes';
import { IdParams, IsoDate, IsoInstant, MaskRound, MaskRoundMode } from './masks';

/*
 * A round's life after creation (docs/masks-hot-path.md § Rounds, docs/lottery.md):
 *
 *   edit      before it opens only (PATCH); the booking window may not overlap another round's.
 *   close     while open: no new booking or application from that instant (the hot store refuses
 *             at once); reservations already made stay valid and are collected as planned.
 *   cancel    before it expires: every unredeemed reservation is cancelled, its unit returns to
 *             the pharmacy's pool and rolls into the next round; pending lottery applications
 *             end as `cancelled`. Holders are notified.
 *
 * Both close and cancel name a reason, are audited, and notify the holders of reservations
 * through the notification outbox.
 */

export const UpdateRoundRequest = z
  .object({
    name: safeText().trim().min(1).max(64).optional(),
    opensAt: IsoInstant.optional(),
    closesAt: IsoInstant.optional(),
    pickupDate: IsoDate.optional(),
    quantityPerPerson: z.number().int().min(1).max(100).optional(),
    mode: MaskRoundMode.optional(),
    repeatDays: z.number().int().min(0).max(365).optional(),
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), { message: '请至少修改一项', path: [], when: (payload) => payload.issues.length === 0 });
export type UpdateRoundRequest = z.infer<typeof UpdateRoundRequest>;

export const RoundActionRequest = z.object({
  /** Shown to the holders and kept in the audit log. */
  reason: safeText().trim().min(2, { message: '请填写原因' }).max(200),
});
export type RoundActionRequest = z.infer<typeof RoundActionRequest>;

export const RoundActionResponse = z.object({
  round: MaskRound,
  /** Reservations this call cancelled (cancel only; 0 for close). */
  reservationsCancelled: z.number().int(),
  /** Lottery applications this call ended as cancelled (cancel only). */
  applicationsCancelled: z.number().int(),
  /** People told through the notification outbox (holders of reservations, pending applicants). */
  notified: z.number().int(),
  /** True when an earlier identical call did the work; this one changed nothing. */
  alreadyDone: z.boolean(),
});
export type RoundActionResponse = z.infer<typeof RoundActionResponse>;

export const DrawEntryResult = z.enum(['won', 'lost', 'ineligible']);
export type DrawEntryResult = z.infer<typeof DrawEntryResult>;

export const PublishedDrawResponse = z.object({
  roundId: z.string(),
  /** The seed published before the draw (also in the audit log). */
  seed: z.string(),
  drawnAt: z.string(),
  /** The algorithm's name as docs/lottery.md describes it. */
  algorithm: z.enum(['hmac-sha256-fisher-yates/person-id', 'hmac-sha256-fisher-yates/applicant-ref']),
  pharmacies: z.array(
    z.object({
      pharmacyId: z.string(),
      /** quota + rolled_in: units given away by this draw. */
      units: z.number().int(),
      /** In drawn order: rank 1 was drawn first. */
      ranking: z.array(
        z.object({
          /** Keyed hash of the applicant (never the person id): the applicant sees theirs on their application. */
          ref: z.string(),
          rank: z.number().int().min(1),
          result: DrawEntryResult,
        }),
      ),
    }),
  ),
});
export type PublishedDrawResponse = z.infer<typeof PublishedDrawResponse>;

export const maskRoundRoutes = {
  adminUpdateRound: {
    method: 'PATCH',
    path: '/api/v1/admin/masks/rounds/:id',
    summary: 'Edit a round before it opens (admin, audited); the window may not overlap another round',
    auth: true,
    roles: ['admin'],
    params: IdParams,
    body: UpdateRoundRequest,
    response: z.object({ round: MaskRound }),
    errors: { 404: ['ROUND_NOT_FOUND'], 409: ['ROUND_NOT_EDITABLE', 'CONFLICT'] },
  },
  adminCloseRound: {
    method: 'POST',
    path: '/api/v1/admin/masks/rounds/:id/close',
    summary: 'Close an open round now (admin, audited): no new bookings, reservations stay valid, holders notified',
    auth: true,
    roles: ['admin'],
    params: IdParams,
    body: RoundActionRequest,
    response: RoundActionResponse,
    errors: { 404: ['ROUND_NOT_FOUND'], 409: ['ROUND_NOT_EDITABLE'] },
  },
  adminCancelRound: {
    method: 'POST',
    path: '/api/v1/admin/masks/rounds/:id/cancel',
    summary: 'Cancel a round (admin, audited): unredeemed reservations cancelled, units roll into the next round, holders notified',
    auth: true,
    roles: ['admin'],
    params: IdParams,
    body: RoundActionRequest,
    response: RoundActionResponse,
    errors: { 404: ['ROUND_NOT_FOUND'], 409: ['ROUND_NOT_EDITABLE'] },
  },
  publishedDraw: {
    method: 'GET',
    path: '/api/v1/masks/rounds/:id/draw',
    summary: "Open data: a drawn lottery round's seed and pseudonymous ranking per pharmacy, to recompute the draw (docs/lottery.md)",
    auth: false,
    params: IdParams,
    response: PublishedDrawResponse,
    errors: { 404: ['ROUND_NOT_FOUND'], 409: ['CONFLICT'] },
  },
} as const satisfies Record<string, MaskRouteContract>;
