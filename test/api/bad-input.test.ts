import { gzipSync } from 'node:zlib';
import { ErrorResponse } from '@govpass/shared-types';
import { startTestApp, type StorageMode, type TestApp } from '../support/test-app';

/**
 * Bad input found from outside (issue 13): each answered with a 4xx in the one error shape, on a
 * cold server as on a warm one, and nothing stored. Both stores: SQLite truncated a NUL.
 */
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const pharmacy = { name: '康民药房', address: '东城区1号', district: '东城区', lat: 39.9, lng: 116.4, phone: '010-1234', openingHours: '8:00-20:00' };

async function send(t: TestApp, path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(t.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body as BodyInit });
  const json = await res.json();
  expect(ErrorResponse.safeParse(json).success).toBe(true);
  return { status: res.status, code: json.error?.code as string, message: json.error?.message as string };
}

describe.each<StorageMode>(['real', 'embedded'])('bad input on the %s stores', (mode) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(mode);
  });
  afterAll(() => t.close());

  it('answers deeply nested JSON inside the body limit 400 on a cold server: login, booking (fast lane), create pharmacy', async () => {
    const bodies = [deepArray(10_000), deepArray(16_000), deepObject(5_000)];
    const booking = { authorization: 'Bearer x', 'idempotency-key': 'deep-json-0001' };
    for (const body of bodies) {
      expect(body.length).toBeLessThan(32 * 1024);
      for (const [path, headers] of [['/api/v1/auth/login', {}], ['/api/v1/masks/reservations', booking], ['/api/v1/admin/pharmacies', {}]] as const) {
        expect(await send(t, path, body, headers)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: expect.stringMatching(/nests deeper than 32 levels/) });
      }
    }
    expect(t.logs()).not.toContain('request failed');
  });

  it('answers a body that is not what its Content-Encoding says 400, an unknown encoding 415', async () => {
    for (const path of ['/api/v1/auth/login', '/api/v1/masks/reservations', '/api/v1/admin/pharmacies']) {
      expect(await send(t, path, '{"channel":"h5","code":"dev:x"}', { 'content-encoding': 'gzip' })).toMatchObject({ status: 400, code: 'MALFORMED_BODY' });
      expect(await send(t, path, '{"channel":"h5","code":"dev:x"}', { 'content-encoding': 'br' })).toMatchObject({ status: 400, code: 'MALFORMED_BODY' });
      expect(await send(t, path, '{}', { 'content-encoding': 'compress' })).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    const real = await fetch(`${t.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"channel":"h5","code":"dev:gz"}') });
    expect(real.status).toBe(200);
    expect(t.logs()).not.toContain('request failed');
  });

  it('refuses a NUL or other control character in a pharmacy 400 VALIDATION_FAILED and stores nothing', async () => {
    const caller = await t.loginDev('bad-input-admin');
    await t.app.services.roles.grant('test', { accountId: caller.userId, role: 'admin', scopeId: null }, null);
    admin = caller.token;
    const before = (await t.request('GET', '/api/v1/admin/pharmacies', { token: admin })).body.items;
    for (const odd of ['a\u0000b', 'a\u001bb', 'a\nb', 'a\ud800b']) {
      const res = await t.request('POST', '/api/v1/admin/pharmacies', { token: admin, body: { ...pharmacy, name: odd, address: odd, openingHours: odd } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['name', 'address', 'openingHours']);
    }
    expect((await t.request('GET', '/api/v1/admin/pharmacies', { token: admin })).body.items).toEqual(before);
    // What is accepted reads back exactly as sent.
    const fine = { ...pharmacy, id: 'ph-odd', name: '康民药房 😷 No.1', address: '东城区\u3000一号' };
    expect((await t.request('POST', '/api/v1/admin/pharmacies', { token: admin, body: fine })).status).toBe(201);
    const stored = (await t.request('GET', '/api/v1/admin/pharmacies', { token: admin })).body.items.find((p: { id: string }) => p.id === 'ph-odd');
    expect(stored).toMatchObject({ name: fine.name, address: fine.address });
  });
});
