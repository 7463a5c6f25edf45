import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { rightsRoutes, type ConsentStatus, type PrivacyPolicyResponse } from '@govpass/shared-types';
import { parseBody } from '../../core/validate';
import type { AuthState } from '../auth/require-auth';
import type { ConsentService } from './consent-service';

export function consentRoutes(consent: ConsentService, authenticate: Middleware): Router {
  const router = new Router();
  router.get(rightsRoutes.privacyPolicy.path, (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    const body: PrivacyPolicyResponse = consent.policy;
    ctx.body = body;
  });
  router.get(rightsRoutes.consentStatus.path, authenticate, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const body: ConsentStatus = await consent.status((ctx.state.auth as AuthState).accountId);
    ctx.body = body;
  });
  router.post(rightsRoutes.giveConsent.path, authenticate, async (ctx) => {
    const { version } = parseBody(rightsRoutes.giveConsent.body, ctx.request.body);
    const auth = ctx.state.auth as AuthState;
    const body: ConsentStatus = await consent.agree(auth.accountId, auth.channel, version, String(ctx.state.requestId));
    ctx.body = body;
  });
  return router;
}

/** `authenticate`, then the consent gate: for routes that collect personal information (identity binding). */
export function withConsent(authenticate: Middleware, consent: ConsentService): Middleware {
  return async (ctx, next) => {
    await authenticate(ctx, async () => {
      await consent.ensure((ctx.state.auth as AuthState).accountId);
      await next();
    });
  };
}
