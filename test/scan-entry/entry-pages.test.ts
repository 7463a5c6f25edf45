import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLaunchParams } from '@govpass/shared-types';
import { startTestApp, type TestApp } from '../support/test-app';
import { rawGet } from './raw-get';

const WECHAT_FILE = { name: 'Rq5xOsN8yU.txt', content: '8f3c2a9b1d7e4f60a5b2c8d9e1f03a47' };
const ALIPAY_FILE = { name: 'alipay-Zx81.txt', content: 'alipay-verify-2f9a' };
const OP = { accountId: 'scan-admin', requestId: null };
const VENUE_CODE = `GPV1.AAECAwQFBgcICQ.${'A'.repeat(86)}`;

let t: TestApp;
let staticDir: string;

/** What the H5 app will read from the query the BFF sent it to. */
function launchOf(location: string | undefined) {
  const query = new URL(location ?? '', 'http://x').searchParams;
  return parseLaunchParams({ q: query.get('q') ?? undefined, scene: query.get('scene') ?? undefined });
}

const HALL_CSV = 'kind,hallId,id,name,a,b,c,d,e\nhall,hall-1,,扫码测试大厅,蜀山区测试路 9 号,蜀山区,,1-7 00:00-23:59,\nservice,hall-1,svc-1,社保,社保,A,10,off,\nwindow,hall-1,win-1,1号窗口,1,svc-1,open,,\n';
let venueCode = '';

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'govpass-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>govpass</title>');
  writeFileSync(join(staticDir, 'app.js'), 'void 0;');
  t = await startTestApp('embedded', { server: { staticDir }, scanEntry: { wechatVerifyFile: WECHAT_FILE, alipayVerifyFile: ALIPAY_FILE } });
  await t.app.services.masks.pharmacyAdmin.create(OP, { id: 'scan-ph-1', name: '扫码测试药房', address: '蜀山区长江西路 1 号', district: '蜀山区', lat: 31.8, lng: 117.2, phone: '0551-1', openingHours: '08:00-20:00' });
  await t.app.services.hall.admin.importCsv('test', HALL_CSV);
  const venueOp = { actor: 'test', grants: [{ role: 'admin' as const, scopeId: null }], requestId: null };
  venueCode = (await t.app.services.venues.venues.register(venueOp, { name: '扫码测试超市', address: '蜀山区测试路 10 号', district: '蜀山区', type: 'shop', lat: 31.8, lng: 117.2 })).poster.venueCode;
});

afterAll(async () => {
  await t?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('/s/<kind>/<id> in a browser', () => {
  it.each([
    ['/s/pharmacy/scan-ph-1', { kind: 'pharmacy', id: 'scan-ph-1' }],
    ['/s/pharmacy/scan-ph-1/', { kind: 'pharmacy', id: 'scan-ph-1' }],
    ['/s/hall/hall-1', { kind: 'hall', id: 'hall-1' }],
    ['/s/window/w-7', { kind: 'window', id: 'w-7' }],
    [`/s/venue/${VENUE_CODE}`, { kind: 'venue', id: VENUE_CODE }],
    ['/s/home', { kind: 'home' }],
    ['/s/pharmacy/0f8fad5b-d9cb-469f-a165-70867728950e', { kind: 'pharmacy', id: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
    ['/s/hall/abcdefghijabcdefghijabcdefghij12345', { kind: 'hall', id: 'abcdefghijabcdefghijabcdefghij12345' }],
  ])('%s opens the H5 app with that entry', async (path, entry) => {
    const res = await rawGet(t.baseUrl, path);
    expect(res.status).toBe(302);
    expect(res.location?.startsWith('/?')).toBe(true);
    expect(launchOf(res.location)).toEqual({ status: 'entry', entry });
  });

  it.each(['/s', '/s/', '/s/shop/1', '/s/pharmacy', '/s/pharmacy/a/b', '/s/pharmacy/%ff', '/s/pharmacy/%E4%B8', encodeURI('/s/pharmacy/药'), `/s/pharmacy/${'x'.repeat(300)}`, '/s/%00'])(
    'garbage %s opens the home page with the "unknown code" marker',
    async (path) => {
      const res = await rawGet(t.baseUrl, path);
      expect(res.status).toBe(302);
      expect(launchOf(res.location)).toEqual({ status: 'invalid' });
    },
  );
});

describe('domain-verification files', () => {
  it.each([`/${WECHAT_FILE.name}`, `/s/${WECHAT_FILE.name}`])('serves WeChat’s file at %s, name and content from config', async (path) => {
    const res = await rawGet(t.baseUrl, path);
    expect(res).toMatchObject({ status: 200, body: WECHAT_FILE.content });
    expect(res.contentType).toMatch(/^text\/plain/);
  });

  it('serves Alipay’s at the root, and no other .txt', async () => {
    expect(await rawGet(t.baseUrl, `/${ALIPAY_FILE.name}`)).toMatchObject({ status: 200, body: ALIPAY_FILE.content });
    expect((await rawGet(t.baseUrl, '/other.txt')).status).toBe(404);
  });
});

describe('malformed percent-encoding outside /api', () => {
  it.each(['/%ff', '/%E4%B8', '/js/%E4%B8.js', '/%', '/%zz', '/%00', '/a%00.js'])('%s answers 400, not 500', async (path) => {
    const res = await rawGet(t.baseUrl, path);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('well-formed paths still serve files and 404 the rest', async () => {
    expect((await rawGet(t.baseUrl, '/app.js')).status).toBe(200);
    expect((await rawGet(t.baseUrl, '/%61pp.js')).status).toBe(200);
    expect((await rawGet(t.baseUrl, '/%E4%B8%AD.js')).status).toBe(404);
    expect((await rawGet(t.baseUrl, '/')).body).toContain('govpass');
  });
});

describe('GET /api/v1/entries/:kind/:id', () => {
  it('answers an existing pharmacy with its URL, scene, name and address', async () => {
    const res = await t.request('GET', '/api/v1/entries/pharmacy/scan-ph-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: 'pharmacy',
      id: 'scan-ph-1',
      url: `${t.baseUrl}/s/pharmacy/scan-ph-1`,
      scene: 'p/scan-ph-1',
      place: { name: '扫码测试药房', address: '蜀山区长江西路 1 号' },
    });
    // No public host configured here: the URL comes from the request's Host, so no shared cache may keep it.
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('404s a pharmacy that does not exist, 400s a bad kind or id', async () => {
    expect(await t.request('GET', '/api/v1/entries/pharmacy/gone-1')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect((await t.request('GET', '/api/v1/entries/shop/x')).status).toBe(400);
    expect((await t.request('GET', '/api/v1/entries/pharmacy/a%20b')).status).toBe(400);
  });

  it('answers a hall, and a window with its hall (a window opens its hall page); 404 when gone', async () => {
    expect(await t.request('GET', '/api/v1/entries/hall/hall-1')).toMatchObject({ status: 200, body: { kind: 'hall', id: 'hall-1', scene: 'h/hall-1', place: { name: '扫码测试大厅', address: '蜀山区测试路 9 号' } } });
    expect(await t.request('GET', '/api/v1/entries/window/win-1')).toMatchObject({ status: 200, body: { kind: 'window', id: 'win-1', place: { name: '扫码测试大厅 1号窗口', hallId: 'hall-1' } } });
    expect(await t.request('GET', '/api/v1/entries/hall/hall-gone')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect((await t.request('GET', '/api/v1/entries/window/win-gone')).status).toBe(404);
  });

  it('answers a venue by its poster code, with no scene (a signed code does not fit 32 characters)', async () => {
    const res = await t.request('GET', `/api/v1/entries/venue/${venueCode}`);
    expect(res).toMatchObject({ status: 200, body: { kind: 'venue', id: venueCode, url: `${t.baseUrl}/s/venue/${venueCode}`, scene: null, place: { name: '扫码测试超市' } } });
    // A well-formed code whose signature does not verify names no place.
    expect(await t.request('GET', `/api/v1/entries/venue/${VENUE_CODE}`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect((await t.request('GET', '/api/v1/entries/venue/V7Q2KD')).status).toBe(400);
  });
});

describe('with a public host configured', () => {
  it('builds every URL on it, whatever Host the request came with, and lets caches keep the answer', async () => {
    const other = await startTestApp('embedded', { scanEntry: { publicBaseUrl: 'https://gov.example.cn/' } });
    try {
      await other.app.services.hall.admin.importCsv('test', HALL_CSV);
      const res = await other.request('GET', '/api/v1/entries/hall/hall-1', { headers: { host: 'evil.example' } });
      expect(res.body).toMatchObject({ url: 'https://gov.example.cn/s/hall/hall-1' });
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    } finally {
      await other.close();
    }
  });
});
