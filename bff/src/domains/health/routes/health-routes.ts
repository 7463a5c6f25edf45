import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { healthRoutes as routes, type AppealListResponse, type AppealResponse, type RiskAreaListResponse } from '@govpass/shared-types';
import { parseBody, parseQuery } from '../../../core/validate';
import type { AuthState } from '../../auth/require-auth';
import type { AppealService } from '../appeals/appeal-service';
import type { DeclarationService } from '../declarations/declaration-service';
import type { HealthCodeService } from '../health-code-service';
import type { RiskAreaService } from '../risk-areas/risk-area-service';

export function accountIdOf(ctx: Context): string {
  return (ctx.state.auth as AuthState).accountId;
}

export function requestIdOf(ctx: Context): string | null {
  return ctx.state.requestId ? String(ctx.state.requestId) : null;
}

export interface CitizenHealthServices {
  codes: HealthCodeService;
  declarations: DeclarationService;
  appeals: AppealService;
  riskAreas: RiskAreaService;
}

/** The citizen's side: own (or a family member's) code, history, declarations, appeals; public risk areas. */
export function citizenHealthRoutes(s: CitizenHealthServices, authenticate: Middleware): Router {
  const router = new Router();
  router.get(routes.healthCode.path, authenticate, async (ctx) => {
    const { personId } = parseQuery(routes.healthCode.query, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    // A verified caller's session already names their person and masked name: no look-up for that.
    const auth = ctx.state.auth as AuthState;
    const self = auth.person ? { personId: auth.person.personId, maskedName: auth.person.identity.name } : undefined;
    ctx.body = await s.codes.code(auth.accountId, personId, self);
  });
  router.get(routes.colourHistory.path, authenticate, async (ctx) => {
    const { personId } = parseQuery(routes.colourHistory.query, ctx.query);
    ctx.body = await s.codes.history(accountIdOf(ctx), personId);
  });
  router.post(routes.declare.path, authenticate, async (ctx) => {
    const body = parseBody(routes.declare.body, ctx.request.body);
    ctx.status = 201;
    ctx.body = await s.declarations.declare(accountIdOf(ctx), body);
  });
  router.post(routes.fileAppeal.path, authenticate, async (ctx) => {
    const body = parseBody(routes.fileAppeal.body, ctx.request.body);
    const answer: AppealResponse = { appeal: await s.appeals.file(accountIdOf(ctx), body, requestIdOf(ctx)) };
    ctx.status = 201;
    ctx.body = answer;
  });
  router.get(routes.myAppeals.path, authenticate, async (ctx) => {
    const answer: AppealListResponse = { items: await s.appeals.mine(accountIdOf(ctx)) };
    ctx.body = answer;
  });
  router.get(routes.riskAreas.path, async (ctx) => {
    const answer: RiskAreaListResponse = { areas: await s.riskAreas.list() };
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = answer;
  });
  return router;
}
