import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { parseBody, parseParams } from '../../../core/validate';
import { FAMILY_MEMBER_LIMIT, maskRoutes, type AddFamilyMemberResponse, type DeletedResponse, type FamilyListResponse } from '../shared/mask-contract';
import { accountIdOf } from '../shared/request-context';
import type { FamilyService } from './family-service';

export function familyRoutes(family: FamilyService, authenticate: Middleware): Router {
  const router = new Router();
  router.get(maskRoutes.listFamily.path, authenticate, async (ctx) => {
    const body: FamilyListResponse = { items: await family.list(accountIdOf(ctx)), limit: FAMILY_MEMBER_LIMIT };
    ctx.body = body;
  });
  router.post(maskRoutes.addFamilyMember.path, authenticate, async (ctx) => {
    const req = parseBody(maskRoutes.addFamilyMember.body, ctx.request.body);
    const body: AddFamilyMemberResponse = { member: await family.add(accountIdOf(ctx), req) };
    ctx.status = 201;
    ctx.body = body;
  });
  router.delete(maskRoutes.removeFamilyMember.path, authenticate, async (ctx) => {
    const { id } = parseParams(maskRoutes.removeFamilyMember.params, ctx.params);
    await family.remove(accountIdOf(ctx), id);
    const body: DeletedResponse = { deleted: true };
    ctx.body = body;
  });
  return router;
}
