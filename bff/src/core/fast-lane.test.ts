import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Koa from 'koa';
import { Router } from '@koa/router';
import { AppError } from './app-error';
import { createLogger } from './create-logger';
import { fastLane } from './fast-lane';
import { jsonBody } from './json-body';
import { koaPipeline, koaRoute } from './koa-pipeline';
import type { RouteDefinition, RouteStep } from './pipeline';
import { requestPipeline } from './request-pipeline';

/**
 * The fast lane on real HTTP, in front of a small Koa app built like the app: the same request
 * pipeline and the same declared route on both. Proven: the lane runs the route's steps with the
 * pipeline's effects (headers, request id, error shape, metrics, access log), and what it does
 * not admit goes to Koa, which runs the very same route.
 */
let server: Server;
let port: number;
let logText = '';
let recorded: [string, string, number][] = [];
let stepsRun: string[] = [];

const track =
  (name: string, step: RouteStep): RouteStep =>
  (x) => {
    stepsRun.push(`${name}:${x.fast ? 'lane' : 'koa'}`);
    return step(x);
  };

const route: RouteDefinition = {
  method: 'POST',
  path: '/api/v1/things',
  steps: [
    track('guard', (x) => {
      if ((x.body as { do?: string } | undefined)?.do === 'guarded') throw new AppError(401, 'UNAUTHENTICATED', 'Who?');
    }),
    track('handler', (x) => {
      const body = (x.body ?? {}) as { do?: string };
      switch (body.do) {
        case 'answer':
          return x.answer(201, { ok: true, fast: x.fast, ip: x.ip, key: x.header('idempotency-key') });
        case 'later':
          return Promise.resolve().then(() => x.answer(202, { later: true }));
        case 'refuse':
          x.quiet = true;
          throw new AppError(409, 'SOLD_OUT', 'No units left', { headers: { 'Retry-After': '1' } });
        case 'reject':
          return Promise.reject(new AppError(429, 'RATE_LIMITED', 'Slow down', { details: { retryAfterMs: 5 } }));
        case 'crash':
          return Promise.reject(new Error('secret internals'));
        default:
          return x.answer(200, { fast: x.fast, body });
      }
    }),
  ],
};

/** A route with a path parameter: the lane matches it segment by segment and decodes it as Koa's router does. */
const byId: RouteDefinition = {
  method: 'GET',
  path: '/api/v1/things/:id',
  steps: [track('byId', (x) => x.answer(200, { id: x.params.id, path: x.path, route: x.route, fast: x.fast }))],
};

async function start(trustProxy: boolean): Promise<void> {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logText += chunk.toString();
      cb();
    },
  });
  const logger = createLogger('info', sink);
  const pipeline = requestPipeline({
    logger,
    record: (m, r, s) => recorded.push([m, r, s]),
    headers: { api: [['X-Frame-Options', 'DENY']], document: [] },
    cors: (ctx, next) => next(),
    body: jsonBody({ limitBytes: 64, fallback: (ctx, next) => next() }),
  });
  const koa = new Koa({ proxy: trustProxy });
  for (const m of koaPipeline(pipeline)) koa.use(m);
  const router = new Router();
  router.post(route.path, koaRoute(route));
  router.get(byId.path, koaRoute(byId));
  koa.use(router.routes());
  const handler = fastLane([route, byId], { pipeline, limitBytes: 64, logger, trustProxy }, koa.callback());
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
}

beforeAll(() => start(false));
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  logText = '';
  recorded = [];
  stepsRun = [];
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

function send(body: string, headers: Record<string, string> = {}, path = '/api/v1/things', method = 'POST'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const accessLines = () => logText.split('\n').filter((l) => l.includes('"msg":"request"'));

describe('fastLane', () => {
  it('runs the route’s steps itself: status, JSON, the pipeline’s headers, request id, metrics, access log', async () => {
    const res = await send('{"do":"answer"}', { 'idempotency-key': 'k-1', 'x-request-id': 'trace-0001' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ok: true, fast: true, ip: '127.0.0.1', key: 'k-1' });
    expect(res.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-frame-options': 'DENY', vary: 'Origin', 'x-request-id': 'trace-0001' });
    expect(stepsRun).toEqual(['guard:lane', 'handler:lane']);
    expect(recorded).toEqual([['POST', '/api/v1/things', 201]]);
    expect(accessLines()).toHaveLength(1);
    expect(JSON.parse(accessLines()[0])).toMatchObject({ requestId: 'trace-0001', method: 'POST', route: '/api/v1/things', status: 201, fast: true });
  });

  it('waits for a promised answer, and mints a request id when the caller’s is unsafe', async () => {
    const res = await send('{"do":"later"}', { 'x-request-id': 'bad id with spaces' });
    expect(res).toMatchObject({ status: 202, body: { later: true } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shapes refusals as Koa does; a quiet refusal is counted but not access-logged, on both runners', async () => {
    const refused = await send('{"do":"refuse"}');
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: { code: 'SOLD_OUT', message: 'No units left', requestId: refused.headers['x-request-id'] } });
    expect(refused.headers['retry-after']).toBe('1');
    const viaKoa = await send('{"do":"refuse"}', {}, '/api/v1/things?via=koa');
    expect({ ...viaKoa.body, error: { ...(viaKoa.body.error as object), requestId: 'x' } }).toEqual({ ...refused.body, error: { ...(refused.body.error as object), requestId: 'x' } });
    expect(recorded).toEqual([
      ['POST', '/api/v1/things', 409],
      ['POST', '/api/v1/things', 409],
    ]);
    expect(accessLines()).toEqual([]);

    const rejected = await send('{"do":"reject"}');
    expect(rejected).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED', details: { retryAfterMs: 5 } } } });
    const guarded = await send('{"do":"guarded"}');
    expect(guarded).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Who?' } } });
    expect(stepsRun.filter((s) => s.startsWith('handler'))).toHaveLength(3); // the guard stopped the fourth
    expect(accessLines()).toHaveLength(2);
  });

  it('answers an unexpected failure with a 500 that says nothing, and logs it', async () => {
    const res = await send('{"do":"crash"}');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error', requestId: res.headers['x-request-id'] } });
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(logText).toContain('"msg":"request failed"');
  });

  it('answers bodies it cannot read as Koa’s body reader does (400, 413), without running the route', async () => {
    for (const path of ['/api/v1/things', '/api/v1/things?via=koa']) {
      expect((await send('{"do":', {}, path)).body).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
      expect((await send('"scalar"', {}, path)).body).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
      expect((await send(JSON.stringify({ do: 'answer', pad: 'x'.repeat(100) }), {}, path)).body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    }
    expect(stepsRun).toEqual([]);
    expect(recorded.map(([, , s]) => s)).toEqual([400, 400, 413, 400, 400, 413]);
  });

  it('leaves to Koa what a pipeline step does not admit (an Origin, other body types), a query string, other routes and methods', async () => {
    const cases: Array<[string, Record<string, string>, string, string, number]> = [
      ['origin', { origin: 'https://h5.example' }, '/api/v1/things', 'POST', 200],
      ['other JSON type', { 'content-type': 'application/vnd.api+json' }, '/api/v1/things', 'POST', 200],
      ['query', {}, '/api/v1/things?x=1', 'POST', 200],
      ['other path', {}, '/api/v1/other', 'POST', 404],
      ['other method', {}, '/api/v1/things', 'PUT', 404],
    ];
    for (const [name, headers, path, method, status] of cases) {
      const res = await send('{"do":"echo"}', headers, path, method);
      expect([name, res.status, res.body.fast ?? false]).toEqual([name, status, false]);
    }
  });
});

describe('fastLane with a path parameter', () => {
  it('runs a :param route in the lane with the decoded parameter, and gives Koa a query string or another shape', async () => {
    const lane = await send('', {}, '/api/v1/things/a%20b', 'GET');
    expect(lane).toMatchObject({ status: 200, body: { id: 'a b', path: '/api/v1/things/a%20b', route: '/api/v1/things/:id', fast: true } });
    const koa = await send('', {}, '/api/v1/things/a%20b?x=1', 'GET');
    expect(koa).toMatchObject({ status: 200, body: { id: 'a b', path: '/api/v1/things/a%20b', route: '/api/v1/things/:id', fast: false } });
    expect((await send('', {}, '/api/v1/things/a/b', 'GET')).status).toBe(404);
    expect(stepsRun).toEqual(['byId:lane', 'byId:koa']);
  });
});

describe('fastLane behind a trusted proxy', () => {
  beforeAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await start(true);
  });

  it('takes the client address from X-Forwarded-For, as Koa does with proxy on', async () => {
    const res = await send('{"do":"answer"}', { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' });
    expect(res.body.ip).toBe('203.0.113.7');
    expect((await send('{"do":"answer"}')).body.ip).toBe('127.0.0.1');
  });
});
