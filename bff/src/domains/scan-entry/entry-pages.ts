import { Router } from '@koa/router';
import type { Context } from 'koa';
import { ENTRY_PATH_PREFIX, parseEntryPath, sceneOf, UNKNOWN_ENTRY_SCENE, type ScanEntry } from '@govpass/shared-types';

export interface VerifyFile {
  name: string;
  content: string;
}

/**
 * The non-API side of entry by scan:
 * - the platforms' domain-verification files, at `/<name>` (Alipay: the host's root; WeChat, for a
 *   rule without a path) and at `/s/<name>` (WeChat: "the last directory of the rule's URL");
 * - `/s/<kind>/<id>` opened in a browser or any other scanner: the H5 app with `?scene=<short form>`,
 *   which routes it exactly as a mini-program routes its launch options. Anything unreadable under
 *   `/s` goes to the app with the marker scene, and the app says so on the home page.
 */
export function entryPages(verifyFiles: readonly VerifyFile[]): Router {
  // A router, not a global middleware: the request pipeline is the only thing koa.use'd beside the
  // routers (test/api/request-pipeline.test.ts), so every global step stays declared in one place.
  const router = new Router();
  for (const f of verifyFiles) {
    const serve = (ctx: Context): void => {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = f.content;
    };
    router.get(`/${f.name}`, serve);
    router.get(`${ENTRY_PATH_PREFIX}${f.name}`, serve);
  }
  const open = (ctx: Context): void => {
    const entry = parseEntryPath(ctx.path);
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(`/?${appQuery(entry, `${ctx.protocol}://${ctx.host}${ctx.path}`)}`);
  };
  router.get('/s', open);
  router.get(`${ENTRY_PATH_PREFIX}{*rest}`, open);
  return router;
}

/** `scene=<short form>`; an id too long for a scene (31–36 characters, not a UUID) travels as `q=<URL>`. */
function appQuery(entry: ScanEntry | null, url: string): string {
  if (!entry) return `scene=${UNKNOWN_ENTRY_SCENE}`;
  try {
    return `scene=${encodeURIComponent(sceneOf(entry))}`;
  } catch {
    return `q=${encodeURIComponent(url)}`;
  }
}
