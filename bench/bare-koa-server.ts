/**
 * Path A of the masks benchmark: the floor. A bare Koa process with @koa/bodyparser answering a
 * small JSON POST with JSON — what any Koa endpoint costs before it does any work of its own.
 * Prints `LISTENING <port>` once it accepts connections.
 */
import Koa from 'koa';
import { serveFloor } from './lib/serve';
import { bodyParser } from '@koa/bodyparser';

const app = new Koa();
app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '32kb', encoding: 'utf-8' }));
app.use(async (ctx) => {
  if (ctx.method !== 'POST' || ctx.path !== '/bench') {
    ctx.status = 404;
    ctx.body = { error: { code: 'NOT_FOUND' } };
    return;
  }
  const body = ctx.request.body as { pharmacyId?: unknown } | undefined;
  ctx.status = 200;
  ctx.body = { ok: true, pharmacyId: typeof body?.pharmacyId === 'string' ? body.pharmacyId : null };
});

serveFloor(app.callback());
