/**
 * The health benchmark's floors (bench/health-bench.ts): a bare Koa process, with @koa/bodyparser,
 * that answers a small JSON request — and, by mode, also makes one Ed25519 signature (the
 * personal code's signing floor) or verifies one (the online verification's floor) per request,
 * with node:crypto as the BFF does. Prints `LISTENING <port>` once it accepts connections.
 *
 *   node crypto-floor-server.js bare|sign|verify
 */
import { createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import { serveFloor } from './lib/serve';

const mode = process.argv[2] ?? 'bare';
if (!['bare', 'sign', 'verify'].includes(mode)) throw new Error('mode must be bare, sign or verify');

const seed = randomBytes(32);
const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
const publicKey = createPublicKey(privateKey);
// A message as long as a personal code's signed part ("GPC1." + 28 characters).
const message = Buffer.from(`GPC1.${randomBytes(21).toString('base64url')}`, 'ascii');
const signature = sign(null, message, privateKey);

const app = new Koa();
app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '32kb', encoding: 'utf-8' }));
app.use(async (ctx) => {
  if (ctx.path !== '/bench') {
    ctx.status = 404;
    ctx.body = { error: { code: 'NOT_FOUND' } };
    return;
  }
  if (mode === 'sign') {
    ctx.body = { code: `${message.toString('ascii')}.${sign(null, message, privateKey).toString('base64url')}` };
  } else if (mode === 'verify') {
    const body = ctx.request.body as { code?: unknown } | undefined;
    ctx.body = { valid: verify(null, message, publicKey, signature), length: typeof body?.code === 'string' ? body.code.length : 0 };
  } else {
    ctx.body = { ok: true };
  }
});

serveFloor(app.callback());
