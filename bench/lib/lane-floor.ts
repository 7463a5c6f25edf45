import type { RequestListener } from 'node:http';
import { createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import type { Middleware } from 'koa';
import { createLogger } from '../../bff/src/core/create-logger';
import { fastLane } from '../../bff/src/core/fast-lane';
import { createHttpMetrics } from '../../bff/src/core/http-metrics';
import { requestPipeline } from '../../bff/src/core/request-pipeline';
import { securityHeaderLists } from '../../bff/src/core/security-headers';

/** What the lane route does besides answering: nothing, one Ed25519 signature, or the signature after awaits. */
export type LaneFloorWork = 'none' | 'sign' | 'sign-async' | 'verify';

const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), randomBytes(32)]), format: 'der', type: 'pkcs8' });
const message = Buffer.from(`GPC1.${randomBytes(21).toString('base64url')}`, 'ascii');
const publicKey = createPublicKey(key);
const signature = sign(null, message, key);
const signed = () => `${message.toString('ascii')}.${sign(null, message, key).toString('base64url')}`;

const unused: Middleware = () => Promise.reject(new Error('the lane floor admits no request that needs Koa'));

/**
 * The lane floor (bench:health path G): the BFF's fast lane, with the app's own request pipeline
 * (request id, access log at the bench's level, metrics, error shape, security headers, CORS's
 * Vary), running one route that answers `GET /bench` as bare Koa does. What a lane route pays
 * before its own work; anything else goes to `fallback`.
 */
export function laneFloor(fallback: RequestListener, work: LaneFloorWork = 'none'): RequestListener {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'silent');
  const pipeline = requestPipeline({ logger, record: createHttpMetrics().record, headers: securityHeaderLists({ hsts: false }), cors: unused, body: unused });
  const verified = (body: unknown) => ({ valid: verify(null, message, publicKey, signature), length: typeof (body as { code?: unknown } | undefined)?.code === 'string' ? (body as { code: string }).code.length : 0 });
  const answer = (x: { body: unknown; answer(status: number, body: unknown): void }) => x.answer(200, work === 'none' ? { ok: true } : work === 'verify' ? verified(x.body) : { code: signed() });
  // 'sign-async': the answer after three already-settled awaits, as a route whose reads all hit caches.
  const step = work === 'sign-async' ? async (x: Parameters<typeof answer>[0]) => answer(await Promise.resolve(await Promise.resolve(await Promise.resolve(x)))) : answer;
  const route = { method: work === 'verify' ? ('POST' as const) : ('GET' as const), path: '/bench', steps: [step] };
  return fastLane([route], { pipeline, limitBytes: 32 * 1024, logger, trustProxy: false }, fallback);
}
