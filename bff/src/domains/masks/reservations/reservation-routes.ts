import { Router } from '@koa/router';
import { bearerToken, type AuthState } from '../../auth/require-auth';
import type { SessionStore, TokenClaims } from '../../auth/session-store';
import type { SessionGate } from '../hot-path/mask-hot-path';
import type { Context, Middleware } from 'koa';
import type { FastRoute } from '../../../core/fast-lane';
import type { RateLimiter } from '../../../infra/hot-store/rate-limiter';
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

function parseBooking(get: (name: string) => string, rawBody: unknown): BookingRequest {
  const route = maskRoutes.bookMasks;
  const headers = parseHeaders(route.headers, get);
  return {
    body: parseBody(route.body, rawBody),
    idempotencyKey: headers['idempotency-key'],
    retry: Number(headers['x-retry-attempt'] ?? 1) > 1,
  };
}

/** The token's claims when a verified citizen books for themself, else null (the middleware path). */
function selfClaims(sessions: SessionStore, authorization: string, body: CreateReservationRequest): { token: string; claims: TokenClaims } | null {
  const token = bearerToken(authorization);
  const claims = token === null ? null : sessions.claimsOf(token);
  if (token === null || claims === null) return null;
  return body.personId === undefined || body.personId === claims.personId ? { token, claims } : null;
}

function gateOf(sessions: SessionStore, limiter: RateLimiter, ip: string, self: { token: string; claims: TokenClaims }): SessionGate {
  return {
    sessionKey: sessions.keyOf(self.token),
    personId: self.claims.personId,
    limits: [limiter.ruleFor('maskBookingIp', ip), limiter.ruleFor('maskBooking', self.claims.accountId)],
  };
}

/**
 * The booking in the app's fast lane (core/fast-lane), for the shape nearly every request at
 * opening time has: the in-process refusals (round not open, just sold out), and a verified
 * citizen's self-booking where the hot path checks session and rate limits itself. Invalid
 * requests, family bookings, older tokens and a stale round cache go the full way.
 */
export function bookingFastRoute(reservations: ReservationService, sessions: SessionStore, limiter: RateLimiter): FastRoute {
  const route = maskRoutes.bookMasks;
  return {
    method: 'POST',
    path: route.path,
    answer(req) {
      let booking: BookingRequest;
      try {
        booking = parseBooking((name) => req.header(name), req.body);
      } catch {
        return null;
      }
      const { body, idempotencyKey, retry } = booking;
      const refusal = reservations.refusalNow(body.pharmacyId, retry);
      if (refusal === undefined) return null;
      if (refusal !== null) return { error: refusal, quiet: true };
      const self = selfClaims(sessions, req.header('authorization'), body);
      if (self === null || !reservations.gatedBookingNow()) return null;
      const gate = gateOf(sessions, limiter, req.ip, self);
      return reservations.book({ accountId: self.claims.accountId, pharmacyId: body.pharmacyId, idempotencyKey, retry, gate }).then(statusOf);
    },
  };
}

function statusOf(result: BookResult): { status: number; body: BookResult['body'] } {
  return { status: result.kind === 'application' ? 202 : 201, body: result.body };
}

function answer(ctx: Context, result: BookResult): void {
  const { status, body } = statusOf(result);
  ctx.status = status;
  ctx.body = body;
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
    ctx.state.booking = parseBooking((name) => ctx.get(name), ctx.request.body);
    return next();
  };
  const fastRefusal: Middleware = (ctx, next) => {
    const { body, retry } = ctx.state.booking as BookingRequest;
    const refusal = reservations.refusalNow(body.pharmacyId, retry);
    if (refusal) throw refusal;
    return refusal === null ? next() : reservations.fastRefusal(body.pharmacyId, retry).then(() => next());
  };

  const gated: Middleware = async (ctx, next): Promise<unknown> => {
    const { body, idempotencyKey, retry } = ctx.state.booking as BookingRequest;
    const self = selfClaims(sessions, ctx.get('authorization'), body);
    if (self === null || !(await reservations.gatedBookingAvailable())) return next();
    const gate = gateOf(sessions, limiter, ctx.ip, self);
    answer(ctx, await reservations.book({ accountId: self.claims.accountId, pharmacyId: body.pharmacyId, idempotencyKey, retry, gate }));
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
