import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { parseBody, parseParams } from '../../../core/validate';
import { FAMILY_MEMBER_LIMIT, identityRoutes, type AddFamilyMemberResponse, type DeletedResponse, type FamilyListResponse } from '@govpass/shared-types';
import type { AuthState } from '../../auth/require-auth';
import type { FamilyService } from './family-service';

function accountIdOf(ctx: Context): string {
  return (ctx.state.auth as AuthState).accountId;
}

/** `collect`: the middleware of routes that take a new identity (authentication and, in app.ts, the consent gate). */
export function familyRoutes(family: FamilyService, authenticate: Middleware, collect: Middleware = authenticate): Router {
  const router = new Router();
  router.get(identityRoutes.listFamily.path, authenticate, async (ctx) => {
    const body: FamilyListResponse = { items: await family.list(accountIdOf(ctx)), limit: FAMILY_MEMBER_LIMIT };
    ctx.body = body;
  });
  router.post(identityRoutes.addFamilyMember.path, collect, async (ctx) => {
    const req = parseBody(identityRoutes.addFamilyMember.body, ctx.request.body);
    const body: AddFamilyMemberResponse = { member: await family.add(accountIdOf(ctx), req) };
    ctx.status = 201;
    ctx.body = body;
  });
  router.delete(identityRoutes.removeFamilyMember.path, authenticate, async (ctx) => {
    const { id } = parseParams(identityRoutes.removeFamilyMember.params, ctx.params);
    await family.remove(accountIdOf(ctx), id);
    const body: DeletedResponse = { deleted: true };
    ctx.body = body;
  });
  return router;
}
