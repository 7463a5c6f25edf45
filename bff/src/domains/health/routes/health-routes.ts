import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { healthRoutes as routes, type AppealListResponse, type AppealResponse, type RiskAreaListResponse } from '@govpass/shared-types';
import { koaRoute, type KoaStep } from '../../../core/koa-pipeline';
import type { RouteDefinition } from '../../../core/pipeline';
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

/**
 * The citizen's code (the morning peak), declared once: Koa's router and the app's fast lane
 * (core/fast-lane) run these steps.
 */
export function healthCodeRoute(codes: HealthCodeService, authenticate: KoaStep): RouteDefinition {
  return {
    method: 'GET',
    path: routes.healthCode.path,
    steps: [
      authenticate.step,
      (x) => {
        const { personId } = parseQuery(routes.healthCode.query, x.query);
        x.setHeader('Cache-Control', 'no-store');
        // A verified caller's session already names their person and masked name: no look-up for that.
        const auth = x.state.auth as AuthState;
        const self = auth.person ? { personId: auth.person.personId, maskedName: auth.person.identity.name } : undefined;
        return codes.code(auth.accountId, personId, self).then((answer) => x.answer(200, answer));
      },
    ],
  };
}

/** The citizen's side: own (or a family member's) code, history, declarations, appeals; public risk areas. */
export function citizenHealthRoutes(s: CitizenHealthServices, healthCode: RouteDefinition, authenticate: Middleware): Router {
  const router = new Router();
  router.get(healthCode.path, koaRoute(healthCode));
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
