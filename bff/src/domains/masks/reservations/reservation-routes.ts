import { Router } from '@koa/router';
import type { AuthState } from '../../auth/require-auth';
import type { Middleware } from 'koa';
import type { RateLimiter } from '../../../core/rate-limiter';
import { parseBody, parseParams } from '../../../core/validate';
import { maskRoutes, type CreateReservationRequest } from '../shared/mask-contract';
import { parseHeaders } from '../shared/parse-headers';
import { accountIdOf } from '../shared/request-context';
import type { ReservationService } from './reservation-service';

interface BookingRequest {
  body: CreateReservationRequest;
  idempotencyKey: string;
}

/**
 * Booking runs its cheapest checks first: validation, then the in-process refusals (round not
 * open, just sold out), and only then authentication and rate limits, which cost Redis reads.
 */
export function reservationRoutes(reservations: ReservationService, authenticate: Middleware, limiter: RateLimiter): Router {
  const router = new Router();
  const route = maskRoutes.bookMasks;

  const validate: Middleware = async (ctx, next) => {
    const booking: BookingRequest = {
      body: parseBody(route.body, ctx.request.body),
      idempotencyKey: parseHeaders(route.headers, (name) => ctx.get(name))['idempotency-key'],
    };
    ctx.state.booking = booking;
    await next();
  };
  const fastRefusal: Middleware = async (ctx, next) => {
    await reservations.fastRefusal((ctx.state.booking as BookingRequest).body.pharmacyId);
    await next();
  };

  router.post(route.path, validate, fastRefusal, authenticate, limiter.perIp('maskBookingIp'), limiter.perAccount('maskBooking'), async (ctx) => {
    const { body, idempotencyKey } = ctx.state.booking as BookingRequest;
    const result = await reservations.book({ accountId: accountIdOf(ctx), sessionPerson: (ctx.state.auth as AuthState).person, pharmacyId: body.pharmacyId, personId: body.personId, idempotencyKey });
    ctx.status = result.kind === 'application' ? 202 : 201;
    ctx.body = result.body;
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
