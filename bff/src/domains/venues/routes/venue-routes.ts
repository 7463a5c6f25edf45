import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { venueRoutes as routes, type CheckinResponse, type PosterResponse, type RoleGrant, type VenueCountsResponse, type VenueListResponse, type VenueResponse } from '@govpass/shared-types';
import { koaRoute, type KoaStep } from '../../../core/koa-pipeline';
import type { RouteDefinition } from '../../../core/pipeline';
import { parseBody, parseParams, parseQuery } from '../../../core/validate';
import type { AuthState } from '../../auth/require-auth';
import type { RoleService } from '../../roles/role-service';
import { requireAnyRole } from '../../roles/require-any-role';
import type { CheckinService } from '../checkins/checkin-service';
import { publicVenue, type Operator, type VenueService } from '../venue-service';

function operatorOf(ctx: Context): Operator {
  return { actor: (ctx.state.auth as AuthState).accountId, grants: (ctx.state.roles ?? []) as RoleGrant[], requestId: ctx.state.requestId ? String(ctx.state.requestId) : null };
}

/**
 * The check-in (every door's scan), declared once: Koa's router and the app's fast lane
 * (core/fast-lane) run these steps, so the busiest venue route skips Koa's compose and routers.
 */
export function checkinRoute(checkins: CheckinService, authenticate: KoaStep): RouteDefinition {
  return {
    method: 'POST',
    path: routes.checkin.path,
    steps: [
      authenticate.step,
      (x) => {
        const body = parseBody(routes.checkin.body, x.body);
        const auth = x.state.auth as AuthState;
        const self = auth.person ? { personId: auth.person.personId, maskedName: auth.person.identity.name } : undefined;
        return checkins.checkIn({ accountId: auth.accountId, self }, body).then((answer: CheckinResponse) => {
          x.setHeader('Cache-Control', 'no-store');
          x.answer(200, answer);
        });
      },
    ],
  };
}

/** Venue managers and admins: register, list, poster, counts. Citizens: check in. */
export function venueRouter(venues: VenueService, checkin: RouteDefinition, roles: RoleService, authenticate: Middleware): Router {
  const router = new Router();
  const manager = [authenticate, requireAnyRole(roles, routes.registerVenue.roles)];

  router.post(checkin.path, koaRoute(checkin));
  router.post(routes.registerVenue.path, ...manager, async (ctx) => {
    const body = parseBody(routes.registerVenue.body, ctx.request.body);
    const answer: VenueResponse = await venues.register(operatorOf(ctx), body);
    ctx.status = 201;
    ctx.body = answer;
  });
  router.get(routes.myVenues.path, ...manager, async (ctx) => {
    const answer: VenueListResponse = { items: (await venues.list(operatorOf(ctx))).map(publicVenue) };
    ctx.body = answer;
  });
  router.get(routes.venuePoster.path, ...manager, async (ctx) => {
    const { id } = parseParams(routes.venuePoster.params, ctx.params);
    const answer: PosterResponse = await venues.poster(operatorOf(ctx), id);
    ctx.body = answer;
  });
  router.get(routes.venueCounts.path, ...manager, async (ctx) => {
    const { id } = parseParams(routes.venueCounts.params, ctx.params);
    const { date } = parseQuery(routes.venueCounts.query, ctx.query);
    const answer: VenueCountsResponse = await venues.counts(operatorOf(ctx), id, date);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = answer;
  });
  return router;
}
