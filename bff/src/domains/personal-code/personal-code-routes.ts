import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { codeRoutes, type DeletedResponse, type PrintedCodeListResponse, type PrintedCodeResponse } from '@govpass/shared-types';
import { koaRoute, type KoaStep } from '../../core/koa-pipeline';
import type { RouteDefinition } from '../../core/pipeline';
import { parseBody, parseParams, parseQuery } from '../../core/validate';
import type { AuthState } from '../auth/require-auth';
import { requireAnyRole } from '../roles/require-any-role';
import type { RoleService } from '../roles/role-service';
import type { Operator, PersonalCodeService } from './personal-code-service';
import type { PrintedCodeService } from './printed-code-service';

export interface PersonalCodeRouteDeps {
  codes: PersonalCodeService;
  printed: PrintedCodeService;
  roles: RoleService;
  authenticate: KoaStep;
  /** Per-account limit of ID-number look-ups: a staff account must not be a way to sweep the registry. */
  idLookupLimit: Middleware;
  now: () => number;
}

function operatorOf(ctx: Context): Operator {
  return { accountId: (ctx.state.auth as AuthState).accountId, requestId: ctx.state.requestId ? String(ctx.state.requestId) : null };
}

/**
 * A verifier's online scan, declared once: Koa's router and the app's fast lane (core/fast-lane)
 * run these steps (the door scans are the morning peak).
 */
export function verifyCodeRoute(codes: PersonalCodeService, roles: RoleService, authenticate: KoaStep): RouteDefinition {
  const verifiers = requireAnyRole(roles, codeRoutes.verifyCode.roles);
  return {
    method: 'POST',
    path: codeRoutes.verifyCode.path,
    steps: [
      authenticate.step,
      verifiers.step,
      (x) => {
        const { code } = parseBody(codeRoutes.verifyCode.body, x.body);
        x.setHeader('Cache-Control', 'no-store');
        return codes.verify(code).then((answer) => x.answer(200, answer));
      },
    ],
  };
}

export function personalCodeRoutes(deps: PersonalCodeRouteDeps, verify: RouteDefinition): Router {
  const { codes, printed, authenticate } = deps;
  const verifiers = requireAnyRole(deps.roles, codeRoutes.verifyCode.roles);
  const admins = requireAnyRole(deps.roles, codeRoutes.adminIssuePrintedCode.roles);
  const router = new Router();

  router.get(codeRoutes.codeKeys.path, (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = codes.publicKeys();
  });
  router.get(codeRoutes.codeRevocations.path, async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = await printed.revocationList();
  });
  router.post(verify.path, koaRoute(verify));
  router.post(codeRoutes.lookupByIdNumber.path, authenticate, verifiers, deps.idLookupLimit, async (ctx) => {
    const { idNumber } = parseBody(codeRoutes.lookupByIdNumber.body, ctx.request.body);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await codes.lookupByIdNumber(operatorOf(ctx), idNumber);
  });
  router.post(codeRoutes.issuePrintedCode.path, authenticate, async (ctx) => {
    const { personId } = parseBody(codeRoutes.issuePrintedCode.body, ctx.request.body);
    const body: PrintedCodeResponse = { printed: await printed.issue(operatorOf(ctx).accountId, personId) };
    ctx.status = 201;
    ctx.body = body;
  });
  router.get(codeRoutes.listPrintedCodes.path, authenticate, async (ctx) => {
    const { personId } = parseQuery(codeRoutes.listPrintedCodes.query, ctx.query);
    const body: PrintedCodeListResponse = { items: await printed.list(operatorOf(ctx).accountId, personId) };
    ctx.body = body;
  });
  router.delete(codeRoutes.revokePrintedCode.path, authenticate, async (ctx) => {
    const { id } = parseParams(codeRoutes.revokePrintedCode.params, ctx.params);
    await printed.revoke(operatorOf(ctx), id);
    const body: DeletedResponse = { deleted: true };
    ctx.body = body;
  });
  router.post(codeRoutes.adminIssuePrintedCode.path, authenticate, admins, async (ctx) => {
    const req = parseBody(codeRoutes.adminIssuePrintedCode.body, ctx.request.body);
    const body: PrintedCodeResponse = { printed: await printed.adminIssue(operatorOf(ctx), req) };
    ctx.status = 201;
    ctx.body = body;
  });
  return router;
}
