import { Writable } from 'node:stream';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { AppError } from './app-error';
import { createLogger } from './create-logger';
import { errorMiddleware } from './error-middleware';
import { requestId } from './request-id';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads any field of the answer; expect() checks the shape
async function call(handler: Koa.Middleware): Promise<{ status: number; body: any; logs: string; headers: Headers }> {
  let logs = '';
  const sink = new Writable({ write: (chunk, _enc, cb) => { logs += chunk.toString(); cb(); } });
  const app = new Koa();
  app.use(requestId()).use(errorMiddleware(createLogger('info', sink))).use(handler);
  const server = createServer(app.callback()).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    return { status: res.status, body: await res.json(), logs, headers: res.headers };
  } finally {
    server.close();
  }
}

describe('errorMiddleware', () => {
  it('renders an AppError with its code, details and the request id', async () => {
    const r = await call(() => {
      throw new AppError(409, 'IDENTITY_ALREADY_BOUND', 'bound', { details: { a: 1 } });
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'IDENTITY_ALREADY_BOUND', message: 'bound', details: { a: 1 } });
    expect(r.body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never leaks an unexpected error, but logs it', async () => {
    const r = await call(() => {
      throw new Error('ECONNREFUSED 10.0.0.5:3306 password=hunter2');
    });
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(r.body)).not.toContain('hunter2');
    expect(r.logs).toContain('request failed');
  });

  it('answers a store that is down 503 STORE_UNAVAILABLE with Retry-After, saying nothing of the driver', async () => {
    const r = await call(() => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:3306'), { code: 'ECONNREFUSED', fatal: true });
    });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    expect(r.body.error).toMatchObject({ code: 'STORE_UNAVAILABLE', message: 'The service is busy, please retry shortly', details: { retryAfterSeconds: 5 } });
    expect(JSON.stringify(r.body)).not.toContain('10.0.0.5');
    const closed = await call(() => {
      throw new AppError(503, 'STORE_UNAVAILABLE', 'Hot store is closed');
    });
    expect(closed.headers.get('retry-after')).toBe('5');
    expect(closed.body.error.message).toBe('Service temporarily unavailable, please retry shortly');
  });

  it('turns an unmatched request into NOT_FOUND', async () => {
    const r = await call(async () => undefined);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });
});
