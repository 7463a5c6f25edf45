import { adminSetup, idemKey, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from '../masks/api/support';
import type { TestResponse } from '../support/http-request';

/**
 * The app's global middleware is ONE declared pipeline (core/request-pipeline), which Koa runs and
 * the fast lane runs for the hot routes (booking, health code, code verify). This test enumerates
 * it and fails:
 * - when Koa has global middleware that is not a pipeline step (added with koa.use beside it),
 * - when the pipeline has a step whose effect is not checked below (add the check with the step),
 * - when the lane's answer to a hot route lacks any step's effect, or differs from the answer Koa
 *   gives to the same request (headers, request id, access-log line, metrics, error shape).
 * Koa answers the twin request because it carries an Origin the app does not allow (the lane
 * leaves every request with an Origin to Koa, for CORS); such an Origin changes nothing else.
 */
const ELSEWHERE = 'https://elsewhere.example';
const BOOK = '/api/v1/masks/reservations';
const CODE = '/api/v1/health/code';
const VERIFY = '/api/v1/codes/verify';
const CHECKIN = '/api/v1/venues/checkins';
const at = (hhmm: string) => `2031-03-03T${hhmm}:00+08:00`;

let t: MasksTestApp;
let citizen: Caller;
let verifier: Caller;

beforeAll(async () => {
  t = await startMasksTestApp({ start: at('08:00'), hotPath: 'redis' });
  const admin = await t.operator('pipe-boss', 'admin');
  await adminSetup(t, admin, {
    pharmacies: [PHARMACY('ph-p1'), PHARMACY('ph-p0')],
    round: { name: '管道轮', opensAt: at('09:00'), closesAt: at('20:00') },
    quotas: [
      { pharmacyId: 'ph-p1', quota: 50 },
      { pharmacyId: 'ph-p0', quota: 0 },
    ],
  });
  t.clock.set(at('09:00'));
  await t.citizen('pipe-citizen', newPerson('管道'));
  citizen = await t.loginDev('pipe-citizen'); // the returning citizen's token names the person
  verifier = await t.loginDev('pipe-verifier');
  // The hot path says SOLD_OUT once; from then on the in-process cache answers (quietly).
  const other = await t.citizen('pipe-other', newPerson('另一'));
  expect((await t.request('POST', BOOK, { token: other.token, body: { pharmacyId: 'ph-p0' }, headers: { 'Idempotency-Key': idemKey() } })).body.error.code).toBe('SOLD_OUT');
  await t.app.services.roles.grant('test', { accountId: verifier.userId, role: 'verifier', scopeId: null }, null);
});
afterAll(() => t.close());

interface Case {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  token?: () => string;
  body?: () => unknown;
  raw?: string;
  headers?: () => Record<string, string>;
  status: number;
  /** A refusal answered from in-process state: counted, not access-logged. */
  quiet?: boolean;
}

let key = idemKey();
const CASES: Case[] = [
  { name: 'booking', method: 'POST', path: BOOK, token: () => citizen.token, body: () => ({ pharmacyId: 'ph-p1' }), headers: () => ({ 'Idempotency-Key': key }), status: 201 },
  { name: 'booking refused (sold out)', method: 'POST', path: BOOK, token: () => citizen.token, body: () => ({ pharmacyId: 'ph-p0' }), headers: () => ({ 'Idempotency-Key': idemKey() }), status: 409, quiet: true },
  { name: 'booking without a token', method: 'POST', path: BOOK, body: () => ({ pharmacyId: 'ph-p1' }), headers: () => ({ 'Idempotency-Key': idemKey() }), status: 401 },
  { name: 'booking, invalid body', method: 'POST', path: BOOK, token: () => citizen.token, body: () => ({ pharmacyId: 'bad id!' }), headers: () => ({ 'Idempotency-Key': idemKey() }), status: 400 },
  { name: 'booking, malformed JSON', method: 'POST', path: BOOK, token: () => citizen.token, raw: '{"pharmacyId":', headers: () => ({ 'Idempotency-Key': idemKey() }), status: 400 },
  { name: 'health code', method: 'GET', path: CODE, token: () => citizen.token, status: 200 },
  { name: 'health code without a token', method: 'GET', path: CODE, status: 401 },
  { name: 'verify', method: 'POST', path: VERIFY, token: () => verifier.token, body: () => ({ code: lastCode }), status: 200 },
  { name: 'verify by a citizen (no role)', method: 'POST', path: VERIFY, token: () => citizen.token, body: () => ({ code: lastCode }), status: 403 },
  { name: 'check-in without a token', method: 'POST', path: CHECKIN, body: () => ({ venueCode: 'GPV1.x.y' }), status: 401 },
  { name: 'check-in, invalid body', method: 'POST', path: CHECKIN, token: () => citizen.token, body: () => ({ personIds: 'me' }), status: 400 },
  { name: 'check-in of a forged venue code', method: 'POST', path: CHECKIN, token: () => citizen.token, body: () => ({ venueCode: 'GPV1.AQAAAABnUmVkLXYtMDAx.forged' }), status: 422 },
];
let lastCode = '';

/** Headers that differ between any two answers. */
const VOLATILE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'x-request-id']);

function send(c: Case, extra: Record<string, string>): Promise<TestResponse> {
  return t.request(c.method, c.path, { token: c.token?.(), body: c.body?.(), raw: c.raw, headers: { ...c.headers?.(), ...extra } });
}

function accessLine(requestId: string): Record<string, unknown> | null {
  const line = t
    .logs()
    .split('\n')
    .find((l) => l.includes('"msg":"request"') && l.includes(`"requestId":"${requestId}"`));
  return line ? (JSON.parse(line) as Record<string, unknown>) : null;
}

async function requestsCounted(route: string, status: number): Promise<number> {
  const text = (await t.request('GET', '/metrics')).body as string;
  const m = new RegExp(`http_requests_total\\{method="[A-Z]+",route="${route.replace(/\//g, '\\/')}",status="${status}"\\} (\\d+)`).exec(text);
  return m ? Number(m[1]) : 0;
}

interface Seen {
  res: TestResponse;
  requestId: string;
  counted: number;
}

async function observe(c: Case, extra: Record<string, string>, n: number): Promise<Seen> {
  const before = await requestsCounted(c.path, c.status);
  const requestId = `pipe-${n}-${Math.random().toString(36).slice(2, 10)}`;
  const res = await send(c, { ...extra, 'X-Request-Id': requestId });
  return { res, requestId, counted: (await requestsCounted(c.path, c.status)) - before };
}

/** Each pipeline step's effect, as seen on one answer (lane) against the same request's answer through Koa. */
const EFFECTS: Record<string, (c: Case, lane: Seen, koa: Seen) => void> = {
  requestId: (c, lane) => {
    expect(lane.res.headers.get('x-request-id')).toBe(lane.requestId);
    if (lane.res.status >= 400) expect(lane.res.body.error.requestId).toBe(lane.requestId);
  },
  accessLog: (c, lane, koa) => {
    const [l, k] = [accessLine(lane.requestId), accessLine(koa.requestId)];
    if (c.quiet) return expect([l, k]).toEqual([null, null]);
    expect(l).toMatchObject({ method: c.method, route: c.path, status: c.status, fast: true });
    // A body Koa cannot read fails before its router ran, so Koa labels it 'unmatched'; the lane knows the route.
    expect(k).toMatchObject({ method: c.method, route: c.raw === undefined ? c.path : 'unmatched', status: c.status });
    expect(Object.keys(l ?? {}).filter((f) => f !== 'fast').sort()).toEqual(Object.keys(k ?? {}).sort());
  },
  metrics: (c, lane, koa) => {
    expect([lane.counted, koa.counted]).toEqual([1, c.raw === undefined ? 1 : 0]); // Koa: counted as 'unmatched' (above)
  },
  errors: (c, lane, koa) => {
    if (lane.res.status < 400) return;
    const { requestId: _l, ...laneError } = lane.res.body.error;
    const { requestId: _k, ...koaError } = koa.res.body.error;
    expect(laneError).toEqual(koaError);
    expect(Object.keys(lane.res.body)).toEqual(['error']);
  },
  securityHeaders: (c, lane) => {
    for (const h of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy']) expect([h, lane.res.headers.get(h)]).not.toEqual([h, null]);
  },
  cors: (c, lane) => {
    expect(lane.res.headers.get('vary')).toBe('Origin');
  },
  body: (c, lane, koa) => {
    if (c.raw !== undefined) expect([lane.res.body.error.code, koa.res.body.error.code]).toEqual(['MALFORMED_JSON', 'MALFORMED_JSON']);
  },
};

describe('the request pipeline, declared once', () => {
  it('is all of Koa’s global middleware: nothing is koa.use’d beside it', () => {
    const middleware = t.app.koa.middleware as Array<{ router?: unknown }>;
    // A router's routes() carries `.router`; its allowedMethods() is always used right after it.
    const notRouters = middleware.filter((m, i) => m.router === undefined && middleware[i - 1]?.router === undefined);
    const stepsInKoa = 1 + t.app.pipeline.filter((s) => s.koa !== undefined).length;
    const statics = t.app.config.server.staticDir ? 1 : 0;
    expect(notRouters).toHaveLength(stepsInKoa + statics);
  });

  it('has an effect check below for every step (a new step fails here until its effect is checked)', () => {
    expect(t.app.pipeline.map((s) => s.name).sort()).toEqual(Object.keys(EFFECTS).sort());
  });

  it('gives the lane’s answers every step’s effect, the same as Koa’s answers to the same requests', async () => {
    let n = 0;
    for (const c of CASES) {
      if (c.path === VERIFY) lastCode = (await t.request('GET', CODE, { token: citizen.token })).body.code;
      const lane = await observe(c, {}, n++);
      const koa = await observe(c, { Origin: ELSEWHERE }, n++);
      expect([c.name, lane.res.status, koa.res.status]).toEqual([c.name, c.status, c.status]);
      if (c.status < 400) expect([c.name, lane.res.body]).toEqual([c.name, koa.res.body]);
      const names = (r: TestResponse) => [...r.headers.keys()].filter((h) => !VOLATILE.has(h)).sort();
      expect([c.name, names(lane.res)]).toEqual([c.name, names(koa.res)]);
      for (const h of names(lane.res)) expect([c.name, h, lane.res.headers.get(h)]).toEqual([c.name, h, koa.res.headers.get(h)]);
      for (const step of t.app.pipeline) {
        try {
          EFFECTS[step.name](c, lane, koa);
        } catch (err) {
          throw new Error(`${c.name}: the ${step.name} step's effect: ${(err as Error).message}`, { cause: err });
        }
      }
      if (c.name === 'booking') key = idemKey();
    }
  });

  it('answers the hot routes in the lane (the access line says so) and the rest through Koa', async () => {
    const res = await t.request('GET', CODE, { token: citizen.token, headers: { 'X-Request-Id': 'pipe-lane-check-1' } });
    expect(res.status).toBe(200);
    expect(accessLine('pipe-lane-check-1')).toMatchObject({ fast: true });
    await t.request('GET', BOOK, { token: citizen.token, headers: { 'X-Request-Id': 'pipe-koa-check-1' } });
    expect(accessLine('pipe-koa-check-1')).not.toHaveProperty('fast');
  });
});
