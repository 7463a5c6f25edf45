import type { Middleware } from 'koa';
import { healthRoutes } from '@govpass/shared-types';
import { AppError } from '../../../core/app-error';
import { isPlainJsonRequest, parseStrictJson, readRawBody } from '../../../core/json-body';

/** Official uploads (CSV inside JSON) are larger than the API's general body limit. */
export const LARGE_BODY_PATHS: readonly string[] = [healthRoutes.importHealthList.path, healthRoutes.importTestResults.path, healthRoutes.setRiskAreas.path];
export const LARGE_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Reads the JSON body with the larger limit. The app's general body parser skips these paths, and
 * this runs after the role guard, so nobody but an official gets megabytes read.
 */
export function largeJsonBody(limitBytes = LARGE_BODY_LIMIT_BYTES): Middleware {
  return async (ctx, next) => {
    if (ctx.request.body === undefined) {
      if (!isPlainJsonRequest(ctx.req)) throw new AppError(400, 'VALIDATION_FAILED', 'Send the body as application/json');
      ctx.request.body = parseStrictJson(await readRawBody(ctx.req, limitBytes));
    }
    await next();
  };
}
