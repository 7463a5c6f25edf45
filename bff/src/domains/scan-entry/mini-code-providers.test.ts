import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { generateAppKeyPair, alipayErrors, startFakeAlipayServer, type AppKeyPair, type FakeAlipayServer } from '../../../../test/fakes/fake-alipay-server';
import { startFakeWechatServer, wechatErrors, type FakeWechatServer } from '../../../../test/fakes/fake-wechat-server';
import { AppError } from '../../core/app-error';
import { WechatAccessToken } from '../notifications/wechat-access-token';
import { AlipayMiniCodeProvider } from './alipay-mini-code-provider';
import type { MiniCodeImage } from './mini-code-provider';
import { WechatMiniCodeProvider } from './wechat-mini-code-provider';

const WX = { appId: 'wx-scan-app', secret: 'wx-scan-secret' };
const ALIPAY_APP_ID = '2021000000000077';
const PAGE = 'pages/index/index';

let wechat: FakeWechatServer;
let alipay: FakeAlipayServer;
let appKeys: AppKeyPair;

beforeAll(async () => {
  appKeys = await generateAppKeyPair();
  [wechat, alipay] = await Promise.all([startFakeWechatServer(WX), startFakeAlipayServer({ appId: ALIPAY_APP_ID, appPublicKey: appKeys.publicKeyPem })]);
});
beforeEach(() => {
  wechat.reset();
  alipay.reset();
});
afterAll(async () => {
  await Promise.all([wechat.close(), alipay.close()]);
});

function wechatConfig(baseUrl = wechat.baseUrl) {
  return { ...WX, baseUrl, timeoutMs: 1000 };
}
function wechatProvider(baseUrl?: string) {
  const config = wechatConfig(baseUrl);
  return new WechatMiniCodeProvider(config, new WechatAccessToken(config), { page: PAGE, envVersion: 'trial' });
}
function alipayProvider(gatewayUrl = alipay.gatewayUrl) {
  return new AlipayMiniCodeProvider({ appId: ALIPAY_APP_ID, privateKey: appKeys.privateKeyPkcs8Pem, alipayPublicKey: alipay.alipayPublicKey, gatewayUrl, timeoutMs: 1000 }, PAGE);
}

/** What the image's QR code says, read back as a camera would. */
function decoded(image: MiniCodeImage): string | null {
  const png = PNG.sync.read(image.bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('WeChat wxacode.getUnlimited', () => {
  it('answers the image of a code that opens the page with the scene', async () => {
    const image = await wechatProvider().create('p/ph-001');
    expect(image.contentType).toBe('image/jpeg');
    expect(decoded(image)).toBe(`${PAGE}?scene=p/ph-001`);
    const call = wechat.requests().find((r) => r.path === '/wxa/getwxacodeunlimit');
    expect(call?.query.access_token).toMatch(/^ACCESS_/);
  });

  it('fetches a new token once when WeChat says the token expired', async () => {
    const provider = wechatProvider();
    await provider.create('h/hall-1');
    wechat.expireAccessTokens();
    expect(decoded(await provider.create('h/hall-1'))).toBe(`${PAGE}?scene=h/hall-1`);
    expect(wechat.requests().filter((r) => r.path === '/cgi-bin/token')).toHaveLength(2);
  });

  it('maps the daily quota (45009) to 429 UPSTREAM_RATE_LIMITED', async () => {
    const provider = wechatProvider();
    await provider.create('p/ph-001'); // the token is cached: the next request is the code's
    wechat.respondNext(wechatErrors.dailyQuota);
    const err = await rejection(provider.create('p/ph-002'));
    expect(err).toMatchObject({ status: 429, code: 'UPSTREAM_RATE_LIMITED', details: { upstream: 'wechat', upstreamCode: 45009 } });
  });

  it('maps system busy to 503 and a refused scene to 502', async () => {
    const provider = wechatProvider();
    await provider.create('p/ph-001');
    wechat.respondNext(wechatErrors.systemBusy);
    await expect(provider.create('p/ph-001')).rejects.toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    await expect(provider.create('p/ph 001')).rejects.toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', details: { upstreamCode: 40169 } });
  });

  it('answers 503 UPSTREAM_UNAVAILABLE when WeChat is down (5xx, or nobody listening)', async () => {
    const provider = wechatProvider();
    await provider.create('p/ph-001');
    wechat.respondNext({ kind: 'http-status', status: 502 });
    await expect(provider.create('p/ph-001')).rejects.toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    const err = await rejection(wechatProvider('http://127.0.0.1:9').create('p/ph-001'));
    expect(err).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'network' } });
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain(WX.secret);
  });
});

describe('Alipay alipay.open.app.qrcode.create', () => {
  it('asks for a code of the page with scene= in its query, then downloads the round one', async () => {
    const image = await alipayProvider().create('p/ph-001');
    expect(image.contentType).toBe('image/png');
    expect(decoded(image)).toBe(`${PAGE}?scene=p/ph-001`);
    const [call] = alipay.requests();
    expect(call.query).toMatchObject({ method: 'alipay.open.app.qrcode.create', app_id: ALIPAY_APP_ID, sign_type: 'RSA2' });
    expect(JSON.parse(call.body.biz_content)).toMatchObject({ url_param: PAGE, query_param: 'scene=p/ph-001' });
  });

  it('maps call limits to 429, the gateway’s unavailable to 503, a business refusal to 502', async () => {
    alipay.respondNext({ ...alipayErrors.appCallLimited, member: 'method' }, alipayErrors.serviceUnavailable, { kind: 'error', code: '40004', msg: 'Business Failed', subCode: 'URL_PARAM_ERROR', member: 'method' });
    await expect(alipayProvider().create('p/ph-001')).rejects.toMatchObject({ status: 429, code: 'UPSTREAM_RATE_LIMITED', details: { upstreamSubCode: 'isv.app-call-limited' } });
    await expect(alipayProvider().create('p/ph-001')).rejects.toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    await expect(alipayProvider().create('p/ph-001')).rejects.toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', details: { upstreamCode: '40004' } });
  });

  it('refuses an unsigned answer and answers 503 when Alipay is down', async () => {
    alipay.respondNext({ kind: 'signing', signing: 'missing' }, { kind: 'http-status', status: 503 });
    await expect(alipayProvider().create('p/ph-001')).rejects.toMatchObject({ status: 502, details: { reason: 'signature_missing' } });
    await expect(alipayProvider().create('p/ph-001')).rejects.toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    await expect(alipayProvider('http://127.0.0.1:9/gateway.do').create('p/ph-001')).rejects.toMatchObject({ status: 503, details: { reason: 'network' } });
  });
});
