import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('real', { server: { corsOrigins: ['https://h5.govpass.example'] } });
});
afterAll(() => t.close());

describe('BFF core over HTTP (MariaDB + Redis)', () => {
  it('answers /healthz and /readyz with both stores up', async () => {
    expect((await t.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await t.request('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', hotStore: 'ok', streamLag: 'ok' } });
  });

  it('gives every response an X-Request-Id, keeping a sane incoming one', async () => {
    const fresh = await t.request('GET', '/healthz');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'mini-req-12345' } });
    expect(kept.headers.get('x-request-id')).toBe('mini-req-12345');
    const replaced = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with 404 NOT_FOUND in the one error shape', async () => {
    const res = await t.request('GET', '/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found', requestId: res.headers.get('x-request-id') } });
  });

  it('answers a wrong method with 405', async () => {
    const res = await t.request('GET', '/api/v1/auth/login');
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON, not 500', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', { raw: '{"channel": "h5", ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', { body: { channel: 'h5', code: 'x'.repeat(40 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reports validation failures field by field', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', { body: { channel: 'qq', code: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['channel', 'code']);
  });

  it('requires a session where the contract says so', async () => {
    const none = await t.request('GET', '/api/v1/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const forged = await t.request('GET', '/api/v1/me', { token: 'A'.repeat(43) });
    expect(forged.status).toBe(401);
  });

  it('sets security headers and CORS only for configured origins', async () => {
    const ok = await t.request('GET', '/healthz', { headers: { origin: 'https://h5.govpass.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://h5.govpass.example');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(ok.headers.get('permissions-policy')).toContain('geolocation=(self)');
    // JSON under /api/ gets the API set: nothing may load or frame it, no document-only headers.
    const api = await t.request('GET', '/api/v1/me');
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    expect(api.headers.get('permissions-policy')).toBeNull();
    const other = await t.request('GET', '/healthz', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('exports request counts and latency by route pattern and status', async () => {
    await t.request('GET', '/api/v1/me');
    const res = await t.request('GET', '/metrics');
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/me",status="401"\} \d+/);
    expect(res.body).toMatch(/http_request_duration_seconds_bucket\{le="0.05",method="GET",route="\/healthz",status="200"\}/);
  });

  it('serves an OpenAPI document generated from the shared contracts', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.body.openapi).toBe('3.0.3');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/identity', '/api/v1/me', '/api/v1/admin/roles', '/api/v1/family', '/api/v1/family/{id}']));
    expect(Object.keys(res.body.paths['/api/v1/family'])).toEqual(['get', 'post']);
    expect(Object.keys(res.body.paths).filter((p) => p.startsWith('/api/v1/masks/family'))).toEqual([]);
    const login = res.body.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties.channel.enum).toEqual(['weapp', 'alipay', 'h5']);
    expect(login.responses.default.content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorResponse');
    expect(res.body.components.schemas.ErrorResponse.properties.error).toBeDefined();
  });
});

describe('readiness when a store is down', () => {
  it('answers /readyz 503 naming the failed store', async () => {
    const down = await startTestApp('embedded');
    try {
      await down.app.hotStore.close();
      const res = await down.request('GET', '/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable', checks: { database: 'ok', hotStore: 'fail' } });
    } finally {
      await down.close();
    }
  });
});
