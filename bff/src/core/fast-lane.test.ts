import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Koa from 'koa';
import { AppError } from './app-error';
import { createLogger } from './create-logger';
import { errorMiddleware } from './error-middleware';
import { fastLane, type FastRequest, type FastRoute } from './fast-lane';
import { jsonBody } from './json-body';

/**
 * The fast lane on real HTTP, in front of a small Koa stack that stands for the app: what it
 * answers itself (with the app's headers, error shape, metrics and access log), and what it hands
 * to Koa with the body it already read.
 */
let server: Server;
let port: number;
let logText = '';
let seen: FastRequest[] = [];
let recorded: [string, string, number][] = [];
let koaBodies: unknown[] = [];

const route: FastRoute = {
  method: 'POST',
  path: '/api/v1/things',
  answer(req) {
    seen.push(req);
    const body = req.body as { do?: string };
    switch (body.do) {
      case 'answer':
        return { status: 201, body: { ok: true, ip: req.ip, key: req.header('idempotency-key') } };
      case 'later':
        return Promise.resolve({ status: 202, body: { later: true } });
      case 'refuse':
        return { error: new AppError(409, 'SOLD_OUT', 'No units left', { headers: { 'Retry-After': '1' } }), quiet: true };
      case 'reject':
        return Promise.reject(new AppError(429, 'RATE_LIMITED', 'Slow down', { details: { retryAfterMs: 5 } }));
      case 'crash':
        return Promise.reject(new Error('secret internals'));
      case 'throw':
        throw new AppError(403, 'FORBIDDEN', 'No');
      default:
        return null;
    }
  },
};

async function start(trustProxy: boolean): Promise<void> {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logText += chunk.toString();
      cb();
    },
  });
  const logger = createLogger('info', sink);
  const koa = new Koa({ proxy: trustProxy });
  koa.use(errorMiddleware(logger));
  koa.use(jsonBody({ limitBytes: 64, fallback: (ctx, next) => next() }));
  koa.use((ctx) => {
    koaBodies.push(ctx.request.body);
    ctx.body = { koa: true, body: ctx.request.body ?? null };
  });
  const handler = fastLane([route], { limitBytes: 64, headers: [['X-Frame-Options', 'DENY']], record: (m, r, s) => recorded.push([m, r, s]), logger, trustProxy }, koa.callback());
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
}

beforeAll(() => start(false));
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  logText = '';
  seen = [];
  recorded = [];
  koaBodies = [];
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
  it('answers a route’s answer itself: status, JSON, the app headers, request id, metrics, access log', async () => {
    const res = await send('{"do":"answer"}', { 'idempotency-key': 'k-1', 'x-request-id': 'trace-0001' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ok: true, ip: '127.0.0.1', key: 'k-1' });
    expect(res.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-frame-options': 'DENY', vary: 'Origin', 'x-request-id': 'trace-0001' });
    expect(recorded).toEqual([['POST', '/api/v1/things', 201]]);
    expect(accessLines()).toHaveLength(1);
    expect(JSON.parse(accessLines()[0])).toMatchObject({ requestId: 'trace-0001', method: 'POST', route: '/api/v1/things', status: 201, fast: true });
    expect(koaBodies).toEqual([]);
  });

  it('waits for a promised answer, and mints a request id when the caller’s is unsafe', async () => {
    const res = await send('{"do":"later"}', { 'x-request-id': 'bad id with spaces' });
    expect(res).toMatchObject({ status: 202, body: { later: true } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shapes refusals as the error middleware does; a quiet refusal is counted but not access-logged', async () => {
    const refused = await send('{"do":"refuse"}');
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: { code: 'SOLD_OUT', message: 'No units left', requestId: refused.headers['x-request-id'] } });
    expect(refused.headers['retry-after']).toBe('1');
    expect(recorded).toEqual([['POST', '/api/v1/things', 409]]);
    expect(accessLines()).toEqual([]);

    const rejected = await send('{"do":"reject"}');
    expect(rejected).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED', details: { retryAfterMs: 5 } } } });
    const thrown = await send('{"do":"throw"}');
    expect(thrown).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'No' } } });
    expect(accessLines()).toHaveLength(2);
  });

  it('answers an unexpected failure with a 500 that says nothing, and logs it', async () => {
    const res = await send('{"do":"crash"}');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error', requestId: res.headers['x-request-id'] } });
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(logText).toContain('"msg":"request failed"');
  });

  it('hands a declined request to Koa with the body it already read', async () => {
    const res = await send('{"do":"nothing","n":1}');
    expect(res).toMatchObject({ status: 200, body: { koa: true, body: { do: 'nothing', n: 1 } } });
    expect(seen).toHaveLength(1);
    expect(koaBodies).toEqual([{ do: 'nothing', n: 1 }]);
  });

  it('hands bodies it cannot read to Koa, which answers them as before (400, 413)', async () => {
    expect((await send('{"do":')).body).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    expect((await send('"scalar"')).body).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    expect((await send(JSON.stringify({ do: 'answer', pad: 'x'.repeat(100) }))).body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(seen).toEqual([]);
  });

  it('leaves to Koa, unread, what it does not serve: an Origin (CORS), other types, a query string, other routes and methods', async () => {
    const cases: Array<[string, Record<string, string>, string, string]> = [
      ['origin', { origin: 'https://h5.example' }, '/api/v1/things', 'POST'],
      ['other JSON type', { 'content-type': 'application/vnd.api+json' }, '/api/v1/things', 'POST'],
      ['gzip', { 'content-encoding': 'gzip' }, '/api/v1/things', 'POST'],
      ['query', {}, '/api/v1/things?x=1', 'POST'],
      ['other path', {}, '/api/v1/other', 'POST'],
      ['other method', {}, '/api/v1/things', 'PUT'],
    ];
    for (const [name, headers, path, method] of cases) {
      const res = await send('{"do":"answer"}', headers, path, method);
      expect([name, res.body.koa]).toEqual([name, true]);
    }
    expect(seen).toEqual([]);
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
