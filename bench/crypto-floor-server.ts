/**
 * The health benchmark's floors (bench/health-bench.ts): a bare Koa process, with @koa/bodyparser,
 * that answers a small JSON request — and, by mode, also makes one Ed25519 signature (the
 * personal code's signing floor) or verifies one (the online verification's floor) per request,
 * with node:crypto as the BFF does. Prints `LISTENING <port>` once it accepts connections.
 *
 *   node crypto-floor-server.js bare|sign|verify|lane|lane-sign|lane-sign-async
 */
import { createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import { serveFloor } from './lib/serve';
import { laneFloor, type LaneFloorWork } from './lib/lane-floor';

const mode = process.argv[2] ?? 'bare';
const LANE_MODES: Record<string, LaneFloorWork> = { lane: 'none', 'lane-sign': 'sign', 'lane-sign-async': 'sign-async', 'lane-verify': 'verify' };
if (!['bare', 'sign', 'verify'].includes(mode) && !(mode in LANE_MODES)) throw new Error('mode must be bare, sign, verify, lane, lane-sign or lane-sign-async');

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

// lane: the BFF's fast lane with its real request pipeline and one route answering as bare does.
serveFloor(mode in LANE_MODES ? laneFloor(app.callback(), LANE_MODES[mode]) : app.callback());
