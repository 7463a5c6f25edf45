import { Router } from '@koa/router';
import { bearerToken, type AuthState } from '../../auth/require-auth';
import type { SessionStore, TokenClaims } from '../../auth/session-store';
import type { SessionGate } from '../hot-path/mask-hot-path';
import type { Middleware } from 'koa';
import type { AppError } from '../../../core/app-error';
import { koaRoute, type KoaStep } from '../../../core/koa-pipeline';
import type { Exchange, RouteDefinition, RouteStep } from '../../../core/pipeline';
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

function statusOf(result: BookResult): { status: number; body: BookResult['body'] } {
  return { status: result.kind === 'application' ? 202 : 201, body: result.body };
}

function answer(x: Exchange, result: BookResult): void {
  const { status, body } = statusOf(result);
  x.answer(status, body);
}

export interface BookingRouteDeps {
  reservations: ReservationService;
  sessions: SessionStore;
  limiter: RateLimiter;
  authenticate: KoaStep;
}

/**
 * The booking, declared once: Koa's router and the app's fast lane run these steps. Cheapest
 * first: validation, then the in-process refusals (round not open, just sold out), and only then
 * authentication and rate limits, which cost Redis reads. A verified citizen booking for themself,
 * where the hot path can take it (standalone Redis, first-come), hands session check and rate
 * limits to the booking's own Lua step: one Redis round trip in all, and the steps after it are
 * skipped. Everyone else (family bookings, older tokens, Cluster, embedded, lottery) goes on:
 * authenticate, per-IP limit, per-account limit, then the booking.
 */
export function bookingRoute(deps: BookingRouteDeps): RouteDefinition {
  const { reservations, sessions, limiter } = deps;
  const booking = (x: Exchange) => x.state.booking as BookingRequest;

  const validate: RouteStep = (x) => {
    x.state.booking = parseBooking((name) => x.header(name), x.body);
  };
  const refuse = (x: Exchange, refusal: AppError | null) => {
    if (refusal === null) return;
    // Answered from in-process state, at up to 10⁵ a second: counted in the metrics, not access-logged.
    x.quiet = true;
    throw refusal;
  };
  const refusalNow: RouteStep = (x) => {
    const { body, retry } = booking(x);
    const refusal = reservations.refusal(body.pharmacyId, retry);
    return refusal instanceof Promise ? refusal.then((r) => refuse(x, r)) : refuse(x, refusal);
  };
  const gated: RouteStep = (x) => {
    const { body, idempotencyKey, retry } = booking(x);
    const self = selfClaims(sessions, x.header('authorization'), body);
    if (self === null) return;
    const book = (available: boolean) => {
      if (!available) return;
      const gate = gateOf(sessions, limiter, x.ip, self);
      return reservations.book({ accountId: self.claims.accountId, pharmacyId: body.pharmacyId, idempotencyKey, retry, gate }).then((r) => answer(x, r));
    };
    const available = reservations.gatedBooking();
    return available instanceof Promise ? available.then(book) : book(available);
  };
  const book: RouteStep = (x) => {
    const { body, idempotencyKey, retry } = booking(x);
    const auth = x.state.auth as AuthState;
    return reservations.book({ accountId: auth.accountId, sessionPerson: auth.person, pharmacyId: body.pharmacyId, personId: body.personId, idempotencyKey, retry }).then((r) => answer(x, r));
  };
  return {
    method: 'POST',
    path: maskRoutes.bookMasks.path,
    steps: [validate, refusalNow, gated, deps.authenticate.step, limiter.perIp('maskBookingIp').step, limiter.perAccount('maskBooking').step, book],
  };
}

/** The booking (declared in bookingRoute, run here for Koa), the caller's bookings, cancelling. */
export function reservationRoutes(reservations: ReservationService, booking: RouteDefinition, authenticate: Middleware): Router {
  const router = new Router();
  router.post(booking.path, koaRoute(booking));

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
