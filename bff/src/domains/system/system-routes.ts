import { Router } from '@koa/router';
import type { Registry } from 'prom-client';
import type { ReadyResponse } from '@govpass/shared-types';
import { addApiDocs, swaggerUiDistDir } from './api-docs';
import { buildOpenApi } from './build-openapi';

export type ReadinessCheck = () => Promise<boolean>;

async function withTimeout(check: ReadinessCheck, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function systemRoutes(checks: Record<string, ReadinessCheck>, registry: Registry, version: string, docsAssetsDir = swaggerUiDistDir()): Router {
  const router = new Router();
  const openapi = buildOpenApi(version);
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, (await withTimeout(check, 2000)) ? 'ok' : 'fail'] as const));
    const body: ReadyResponse = { status: entries.every(([, s]) => s === 'ok') ? 'ready' : 'unavailable', checks: Object.fromEntries(entries) };
    ctx.status = body.status === 'ready' ? 200 : 503;
    ctx.body = body;
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  addApiDocs(router, docsAssetsDir);
  return router;
}
