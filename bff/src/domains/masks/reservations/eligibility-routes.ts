import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { parseQuery } from '../../../core/validate';
import { maskRoutes } from '../shared/mask-contract';
import { accountIdOf } from '../shared/request-context';
import type { EligibilityService } from './eligibility-service';

/** GET /api/v1/masks/eligibility: the pharmacy page's "may I book here?", before 确认预约. */
export function eligibilityRoutes(eligibility: EligibilityService, authenticate: Middleware): Router {
  const router = new Router();
  router.get(maskRoutes.eligibility.path, authenticate, async (ctx) => {
    const query = parseQuery(maskRoutes.eligibility.query, ctx.query);
    // Personal and moving (stock, holds): never cached by anyone.
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await eligibility.check(accountIdOf(ctx), query);
  });
  return router;
}
