import { Router } from '@koa/router';
import { bearerToken, type AuthState } from '../../auth/require-auth';
import type { SessionStore } from '../../auth/session-store';
import type { SessionGate } from '../hot-path/mask-hot-path';
import type { Context, Middleware } from 'koa';
import type { EarlyRefusalRoute } from '../../../core/early-refusals';
import type { RateLimiter } from '../../../core/rate-limiter';
import { parseBody, parseParams } from '../../../core/validate';
import { maskRoutes, type CreateReservationRequest } from '../shared/mask-contract';
import { parseHeaders } from '../shared/parse-headers';
import { accountIdOf } from '../shared/request-context';
import type { BookResult, ReservationService } from './reservation-service';

interface BookingRequest {
  body: CreateReservationRequest;
  idempotencyKey: string;
  /** X-Retry-Attempt ≥ 2: a retry after a lost answer, which must reach the replay. */
  retry: boolean;
}

function parseBooking(ctx: Context): BookingRequest {
  const route = maskRoutes.bookMasks;
  const headers = parseHeaders(route.headers, (name) => ctx.get(name));
  return {
    body: parseBody(route.body, ctx.request.body),
    idempotencyKey: headers['idempotency-key'],
    retry: Number(headers['x-retry-attempt'] ?? 1) > 1,
  };
}

/**
 * The booking's in-process refusals (round not open, just sold out), for the app's early-refusal
 * front: only for a request that passes validation, so 400s stay the route's answer.
 */
export function bookingRefusal(reservations: ReservationService): EarlyRefusalRoute {
  const route = maskRoutes.bookMasks;
  return {
    method: 'POST',
    path: route.path,
    refuse(ctx) {
      let booking: BookingRequest;
      try {
        booking = parseBooking(ctx);
      } catch {
        return null;
      }
      // Validated once: the route's own validation takes it from here when the request goes on.
      ctx.state.booking = booking;
      return reservations.refusalNow(booking.body.pharmacyId, booking.retry) ?? null;
    },
  };
}

function answer(ctx: Context, result: BookResult): void {
  ctx.status = result.kind === 'application' ? 202 : 201;
  ctx.body = result.body;
}

/**
 * Booking runs its cheapest checks first: validation, then the in-process refusals (round not
 * open, just sold out), and only then authentication and rate limits, which cost Redis reads.
 * A verified citizen booking for themself, where the hot path can take it (standalone Redis,
 * first-come), hands session check and rate limits to the booking's own Lua step: one Redis
 * round trip in all. Everyone else (family bookings, older tokens, Cluster, embedded) goes the
 * middleware way: authenticate, per-IP limit, per-account limit, then the booking.
 */
export function reservationRoutes(reservations: ReservationService, authenticate: Middleware, limiter: RateLimiter, sessions: SessionStore): Router {
  const router = new Router();
  const route = maskRoutes.bookMasks;

  const validate: Middleware = (ctx, next) => {
    ctx.state.booking ??= parseBooking(ctx);
    return next();
  };
  const fastRefusal: Middleware = (ctx, next) => {
    const { body, retry } = ctx.state.booking as BookingRequest;
    const refusal = reservations.refusalNow(body.pharmacyId, retry);
    if (refusal) throw refusal;
    return refusal === null ? next() : reservations.fastRefusal(body.pharmacyId, retry).then(() => next());
  };

  const gated: Middleware = async (ctx, next) => {
    const { body, idempotencyKey, retry } = ctx.state.booking as BookingRequest;
    const token = bearerToken(ctx.get('authorization'));
    const claims = token === null ? null : sessions.claimsOf(token);
    const forSelf = body.personId === undefined || body.personId === claims?.personId;
    if (token === null || claims === null || !forSelf || !(await reservations.gatedBookingAvailable())) return next();
    const gate: SessionGate = {
      sessionKey: sessions.keyOf(token),
      personId: claims.personId,
      limits: [limiter.ruleFor('maskBookingIp', ctx.ip), limiter.ruleFor('maskBooking', claims.accountId)],
    };
    answer(ctx, await reservations.book({ accountId: claims.accountId, pharmacyId: body.pharmacyId, idempotencyKey, retry, gate }));
  };

  router.post(route.path, validate, fastRefusal, gated, authenticate, limiter.perIp('maskBookingIp'), limiter.perAccount('maskBooking'), async (ctx) => {
    const { body, idempotencyKey, retry } = ctx.state.booking as BookingRequest;
    answer(ctx, await reservations.book({ accountId: accountIdOf(ctx), sessionPerson: (ctx.state.auth as AuthState).person, pharmacyId: body.pharmacyId, personId: body.personId, idempotencyKey, retry }));
  });

  router.get(maskRoutes.myReservations.path, authenticate, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await reservations.listMine(accountIdOf(ctx));
  });

  router.delete(maskRoutes.cancelReservation.path, authenticate, async (ctx) => {
    const { id } = parseParams(maskRoutes.cancelReservation.params, ctx.params);
    ctx.body = await reservations.cancel(accountIdOf(ctx), id);
  });
  return router;
}
