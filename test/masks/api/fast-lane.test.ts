import { adminSetup, book, idemKey, newPerson, PHARMACY, startMasksTestApp, type Caller, type MasksTestApp } from './support';

/**
 * Sold-out and round-not-open bookings are answered in the fast lane, in front of Koa
 * (core/fast-lane; a verified citizen's booking there too: gated-booking.test). Proven here: the
 * answer is the one Koa gives running the same declared route (status, error body, headers), it is
 * counted in the metrics but leaves no access-log line, and every invalid request (bad JSON, bad
 * body, bad header, too large) gets the same answer on both.
 */
const H5 = 'https://h5.govpass.example';
let t: MasksTestApp;
let a: Caller;
let b: Caller;

const accessLines = (path: string, status: number) =>
  t
    .logs()
    .split('\n')
    .filter((l) => l.includes('"msg":"request"') && l.includes(`"route":"${path}"`) && l.includes(`"status":${status}`)).length;
const ROUTE = '/api/v1/masks/reservations';

beforeAll(async () => {
  t = await startMasksTestApp({ start: '2020-02-02T08:00:00+08:00', corsOrigins: [H5] });
  const admin = await t.operator('early-boss', 'admin');
  await adminSetup(t, admin, {
    pharmacies: [PHARMACY('ph-e1'), PHARMACY('ph-e2')],
    round: { name: '早答轮', opensAt: '2020-02-02T09:00:00+08:00', closesAt: '2020-02-02T20:00:00+08:00' },
    quotas: [
      { pharmacyId: 'ph-e1', quota: 1 },
      { pharmacyId: 'ph-e2', quota: 1 },
    ],
  });
  a = await t.citizen('early-a', newPerson());
  b = await t.citizen('early-b', newPerson());
});
afterAll(() => t.close());

describe('refusals in the fast lane', () => {
  it('before opening: ROUND_NOT_OPEN with opensAt, same answer as the full stack, counted but not access-logged', async () => {
    // The first request loads the round cache the front reads (a stale cache goes the full way).
    await book(t, a, { pharmacyId: 'ph-e1' });
    const logged = accessLines(ROUTE, 409);
    const early = await book(t, a, { pharmacyId: 'ph-e1' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'ROUND_NOT_OPEN', details: { opensAt: '2020-02-02T01:00:00.000Z' } });
    expect(accessLines(ROUTE, 409)).toBe(logged);

    // With an Origin Koa answers (for CORS), running the same declared route: same status, code,
    // details and message, and the same quiet refusal (one definition: Koa no longer logs what the lane does not).
    const full = await t.request('POST', ROUTE, { token: a.token, body: { pharmacyId: 'ph-e1' }, headers: { 'Idempotency-Key': idemKey(), origin: H5 } });
    expect(full.headers.get('access-control-allow-origin')).toBe(H5);
    expect(accessLines(ROUTE, 409)).toBe(logged);
    const { requestId: earlyId, ...earlyError } = early.body.error;
    const { requestId: fullId, ...fullError } = full.body.error;
    expect(earlyError).toEqual(fullError);
    expect(earlyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(early.headers.get('x-request-id')).toBe(earlyId);
    expect(fullId).not.toBe(earlyId);
    for (const h of ['content-type', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'vary']) {
      expect([h, early.headers.get(h)]).toEqual([h, full.headers.get(h)]);
    }

    const metrics = (await t.request('GET', '/metrics')).body as string;
    const count = Number(/http_requests_total\{method="POST",route="\/api\/v1\/masks\/reservations",status="409"\} (\d+)/.exec(metrics)?.[1]);
    expect(count).toBeGreaterThanOrEqual(3);
  });

  it('sold out: the next booking is refused early, and a caller-supplied request id is echoed', async () => {
    t.clock.set('2020-02-02T09:00:00+08:00');
    expect((await book(t, a, { pharmacyId: 'ph-e1' })).status).toBe(201);
    expect((await book(t, b, { pharmacyId: 'ph-e1' })).body.error.code).toBe('SOLD_OUT'); // the hot path says so, the cache learns it
    const logged = accessLines(ROUTE, 409);
    const res = await t.request('POST', ROUTE, { token: b.token, body: { pharmacyId: 'ph-e1' }, headers: { 'Idempotency-Key': idemKey(), 'X-Request-Id': 'mp-trace-0001' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: 'SOLD_OUT', message: 'This pharmacy has no masks left in this round', requestId: 'mp-trace-0001' });
    expect(res.headers.get('x-request-id')).toBe('mp-trace-0001');
    expect(accessLines(ROUTE, 409)).toBe(logged);
  });

  it('a retry after a lost answer (X-Retry-Attempt ≥ 2) skips the sold-out cache and gets its booking back', async () => {
    const c = await t.citizen('early-c', newPerson());
    const d = await t.citizen('early-d', newPerson());
    const key = idemKey();
    const lost = await book(t, c, { pharmacyId: 'ph-e2' }, key); // took the last unit; say its answer was lost
    expect(lost.status).toBe(201);
    expect((await book(t, d, { pharmacyId: 'ph-e2' })).body.error.code).toBe('SOLD_OUT'); // the cache learns it
    // A plain retry meets the cache (the documented limit of the cache) …
    expect((await book(t, c, { pharmacyId: 'ph-e2' }, key)).body.error.code).toBe('SOLD_OUT');
    // … a retry that says so reaches the hot path, which replays the booking.
    const retry = (attempt: string) => t.request('POST', ROUTE, { token: c.token, body: { pharmacyId: 'ph-e2' }, headers: { 'Idempotency-Key': key, 'X-Retry-Attempt': attempt } });
    const replayed = await retry('2');
    expect(replayed.status).toBe(201);
    expect(replayed.body).toEqual(lost.body);
    expect((await retry('1')).body.error.code).toBe('SOLD_OUT');
    expect((await retry('x')).body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'x-retry-attempt' }] });
    // A fresh attempt that claims to be a retry gets the hot path's own answer: still SOLD_OUT.
    expect((await t.request('POST', ROUTE, { token: d.token, body: { pharmacyId: 'ph-e2' }, headers: { 'Idempotency-Key': idemKey(), 'X-Retry-Attempt': '3' } })).body.error.code).toBe('SOLD_OUT');
  });

  it('leaves every invalid request to the route: 400 MALFORMED_JSON, VALIDATION_FAILED, 413 — as with the full stack', async () => {
    const cases: Array<[string, { body?: unknown; raw?: string; headers?: Record<string, string> }, number, string]> = [
      ['malformed JSON', { raw: '{"pharmacyId":', headers: { 'Idempotency-Key': idemKey() } }, 400, 'MALFORMED_JSON'],
      ['no Idempotency-Key', { body: { pharmacyId: 'ph-e1' } }, 400, 'VALIDATION_FAILED'],
      ['bad Idempotency-Key', { body: { pharmacyId: 'ph-e1' }, headers: { 'Idempotency-Key': 'x' } }, 400, 'VALIDATION_FAILED'],
      ['bad pharmacy id', { body: { pharmacyId: 'bad id!' }, headers: { 'Idempotency-Key': idemKey() } }, 400, 'VALIDATION_FAILED'],
      ['too large', { raw: JSON.stringify({ pharmacyId: 'ph-e1', pad: 'x'.repeat(64 * 1024) }), headers: { 'Idempotency-Key': idemKey() } }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [name, opts, status, code] of cases) {
      const early = await t.request('POST', ROUTE, { token: b.token, ...opts });
      const full = await t.request('POST', ROUTE, { token: b.token, ...opts, headers: { ...opts.headers, origin: H5 } });
      expect([name, early.status, early.body.error.code]).toEqual([name, status, code]);
      expect([name, full.status, full.body.error.code]).toEqual([name, status, code]);
    }
  });
});
