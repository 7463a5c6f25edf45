import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Router } from '@koa/router';

export const API_DOCS_PATH = '/api/docs';

/** Swagger UI from node_modules: nothing of the reference comes from another host. */
export function swaggerUiDistDir(): string {
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}

/**
 * The page's own policy in place of the API's `default-src 'none'`: our scripts only; the
 * stylesheet, inline style attributes and data: images that Swagger UI uses; requests to this
 * origin only (the document, and "Try it out").
 */
export const API_DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const ASSET_TYPES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
};

// A file, not an inline script: the page's policy allows no inline script. The validator badge
// is off because it loads an image from the validator's public host.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>govpass API reference</title>
<link rel="stylesheet" href="${API_DOCS_PATH}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${API_DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${API_DOCS_PATH}/init.js"></script>
</body>
</html>
`;

/** GET /api/docs: the API reference, rendered in the browser from /api/openapi.json. */
export function addApiDocs(router: Router, assetsDir: string): void {
  router.get(API_DOCS_PATH, (ctx) => {
    ctx.set('Content-Security-Policy', API_DOCS_CSP);
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = PAGE;
  });
  // Promise<unknown>: whatever next() resolves to is passed on untouched (Koa's Next is Promise<any>).
  router.get(`${API_DOCS_PATH}/:asset`, async (ctx, next): Promise<unknown> => {
    const asset = ctx.params.asset;
    if (asset === 'init.js') {
      ctx.set('Cache-Control', 'no-cache');
      ctx.type = 'application/javascript; charset=utf-8';
      ctx.body = INIT_SCRIPT;
      return;
    }
    // Only the named files: the parameter never becomes a path of its own.
    const type = Object.hasOwn(ASSET_TYPES, asset) ? ASSET_TYPES[asset] : undefined;
    if (!type) return next();
    const file = join(assetsDir, asset);
    const info = await stat(file);
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.type = type;
    ctx.length = info.size;
    ctx.body = createReadStream(file);
  });
}
