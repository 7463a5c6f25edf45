import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { generateAppKeyPair, startFakeAlipayServer, type FakeAlipayServer } from '../fakes/fake-alipay-server';
import { startFakeWechatServer, wechatErrors, type FakeWechatServer } from '../fakes/fake-wechat-server';
import type { Caller } from '../support/http-request';
import { startTestApp, type TestApp } from '../support/test-app';

const WX = { appId: 'wx-scan-api', secret: 'wx-scan-api-secret' };
const ALIPAY_APP_ID = '2021000000000088';
const OP = { accountId: 'scan-admin', requestId: null };

let t: TestApp;
let wechat: FakeWechatServer;
let alipay: FakeAlipayServer;
let admin: Caller;
let citizen: Caller;

async function download(path: string, token: string): Promise<{ status: number; type: string | null; text: string | null; json: unknown }> {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type');
  if (!type?.startsWith('image/')) return { status: res.status, type, text: null, json: JSON.parse(bytes.toString('utf8')) };
  const png = PNG.sync.read(bytes);
  return { status: res.status, type, text: jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null, json: null };
}

beforeAll(async () => {
  const keys = await generateAppKeyPair();
  [wechat, alipay] = await Promise.all([startFakeWechatServer(WX), startFakeAlipayServer({ appId: ALIPAY_APP_ID, appPublicKey: keys.publicKeyPem })]);
  t = await startTestApp('real', {
    auth: {
      devLoginEnabled: true,
      wechat: { ...WX, baseUrl: wechat.baseUrl },
      alipay: { appId: ALIPAY_APP_ID, privateKey: keys.privateKeyPkcs8Pem, alipayPublicKey: alipay.alipayPublicKey, gatewayUrl: alipay.gatewayUrl },
    },
    scanEntry: { miniCodes: { weappEnvVersion: 'develop' } },
  });
  await t.app.services.masks.pharmacyAdmin.create(OP, { id: 'mc-ph-1', name: '小程序码药房', address: '瑶海区测试路 2 号', district: '瑶海区', lat: 31.87, lng: 117.31, phone: '0551-2', openingHours: '08:00-20:00' });
  await t.app.services.hall.admin.importCsv('test', 'kind,hallId,id,name,a,b,c,d,e\nhall,hall-7,,小程序码大厅,瑶海区测试路 7 号,瑶海区,,1-7 00:00-23:59,\n');
  admin = await t.loginDev('scan-code-admin');
  await t.app.services.roles.grant('test', { accountId: admin.userId, role: 'admin', scopeId: null }, null);
  citizen = await t.loginDev('scan-code-citizen');
}, 60_000);

afterAll(async () => {
  await t?.close();
  await Promise.all([wechat?.close(), alipay?.close()]);
});

describe('GET /api/v1/admin/entries/:kind/:id/mini-code', () => {
  it('downloads the WeChat code of a pharmacy, fetched once and then kept', async () => {
    const path = '/api/v1/admin/entries/pharmacy/mc-ph-1/mini-code?platform=weapp';
    const first = await download(path, admin.token);
    expect(first).toMatchObject({ status: 200, type: 'image/jpeg', text: 'pages/index/index?scene=p/mc-ph-1' });
    expect(await download(path, admin.token)).toMatchObject({ status: 200, text: 'pages/index/index?scene=p/mc-ph-1' });
    expect(wechat.requests().filter((r) => r.path === '/wxa/getwxacodeunlimit')).toHaveLength(1);
    // Each download is an audited operator action, naming the place and the platform.
    const rows = await t.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'entries.mini_code_download').where('target_id', '=', 'mc-ph-1').execute();
    expect(rows.map((r) => [r.actor, r.target_type, JSON.parse(String(r.details)).platform])).toEqual([
      [admin.userId, 'pharmacy', 'weapp'],
      [admin.userId, 'pharmacy', 'weapp'],
    ]);
  });

  it('downloads the Alipay code', async () => {
    const res = await download('/api/v1/admin/entries/pharmacy/mc-ph-1/mini-code?platform=alipay', admin.token);
    expect(res).toMatchObject({ status: 200, type: 'image/png', text: 'pages/index/index?scene=p/mc-ph-1' });
  });

  it('maps a quota refusal to 429 and does not keep the failure', async () => {
    wechat.respondNext(wechatErrors.dailyQuota);
    const path = '/api/v1/admin/entries/hall/hall-7/mini-code?platform=weapp';
    expect(await download(path, admin.token)).toMatchObject({ status: 429, json: { error: { code: 'UPSTREAM_RATE_LIMITED' } } });
    expect(await download(path, admin.token)).toMatchObject({ status: 200, text: 'pages/index/index?scene=h/hall-7' });
  });

  it('404s a place that does not exist; 400s a bad platform; 403s a citizen', async () => {
    expect(await download('/api/v1/admin/entries/pharmacy/no-such-ph/mini-code?platform=weapp', admin.token)).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
    expect((await download('/api/v1/admin/entries/pharmacy/mc-ph-1/mini-code?platform=qq', admin.token)).status).toBe(400);
    expect((await download('/api/v1/admin/entries/pharmacy/mc-ph-1/mini-code?platform=weapp', citizen.token)).status).toBe(403);
  });
});
