import { withCheckChar } from '@govpass/shared-types';
import { generateAppKeyPair, startFakeAlipayServer, alipayErrors, type FakeAlipayServer } from '../fakes/fake-alipay-server';
import { startFakeWechatServer, wechatErrors, type FakeWechatServer } from '../fakes/fake-wechat-server';
import { startTestApp, type TestApp } from '../support/test-app';

const PERSON = { name: '孙八', idNumber: withCheckChar('32010619880808123') };

let wechat: FakeWechatServer;
let alipay: FakeAlipayServer;
let t: TestApp;

beforeAll(async () => {
  wechat = await startFakeWechatServer({ appId: 'wx-test-app', secret: 'wx-test-secret' });
  const keys = await generateAppKeyPair();
  alipay = await startFakeAlipayServer({ appId: '2021000000000001', appPublicKey: keys.publicKeyPem });
  t = await startTestApp('real', {
    auth: {
      wechat: { appId: 'wx-test-app', secret: 'wx-test-secret', baseUrl: wechat.baseUrl, timeoutMs: 1000 },
      alipay: { appId: '2021000000000001', privateKey: keys.privateKeyPkcs8Base64, alipayPublicKey: alipay.alipayPublicKey, gatewayUrl: alipay.gatewayUrl, timeoutMs: 1000 },
    },
  });
  await t.app.services.registry.loadCsv(`${PERSON.name},${PERSON.idNumber}\n`);
});
afterAll(async () => {
  await t.close();
  await wechat.close();
  await alipay.close();
});

const login = (channel: string, code: string) => t.request('POST', '/api/v1/auth/login', { body: { channel, code } });

describe('login through WeChat, Alipay and H5 (fake upstreams over real HTTP)', () => {
  it('logs in on WeChat; the session_key never reaches the client', async () => {
    const code = wechat.issueCode('o-openid-1');
    const res = await login('weapp', code);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: expect.any(String), verified: false, roles: [{ role: 'citizen', scopeId: null }] });
    expect(JSON.stringify(res.body)).not.toContain(wechat.sessionKeyOf(code)!);
    const again = await login('weapp', wechat.issueCode('o-openid-1'));
    expect(again.body.user.id).toBe(res.body.user.id);
  });

  it("maps WeChat's errors to clear codes", async () => {
    expect((await login('weapp', 'never-issued-code')).body.error.code).toBe('LOGIN_CODE_INVALID');
    wechat.respondNext(wechatErrors.rateLimited);
    const limited = await login('weapp', wechat.issueCode('o-2'));
    expect([limited.status, limited.body.error.code]).toEqual([429, 'UPSTREAM_RATE_LIMITED']);
    wechat.respondNext(wechatErrors.highRiskUser);
    const risky = await login('weapp', wechat.issueCode('o-3'));
    expect([risky.status, risky.body.error.code]).toEqual([403, 'LOGIN_HIGH_RISK_USER']);
  });

  it('logs in on Alipay with a signed request and a verified response', async () => {
    const res = await login('alipay', alipay.issueCode({ userId: '2088000000000001' }));
    expect(res.status).toBe(200);
    alipay.respondNext(alipayErrors.codeInvalid);
    const bad = await login('alipay', alipay.issueCode({ userId: '2088000000000002' }));
    expect([bad.status, bad.body.error.code]).toEqual([401, 'LOGIN_CODE_INVALID']);
    alipay.respondNext({ kind: 'signing', signing: 'tampered' });
    const tampered = await login('alipay', alipay.issueCode({ userId: '2088000000000003' }));
    expect([tampered.status, tampered.body.error.code]).toEqual([502, 'UPSTREAM_ERROR']);
  });

  it('makes the same citizen on WeChat, Alipay and H5 ONE person', async () => {
    const tokens = [
      (await login('weapp', wechat.issueCode('o-same'))).body.token,
      (await login('alipay', alipay.issueCode({ userId: '2088000000000099' }))).body.token,
      (await t.loginDev('same-citizen')).token,
    ];
    for (const token of tokens) {
      expect((await t.request('POST', '/api/v1/identity', { token, body: PERSON })).status).toBe(200);
    }
    const accounts = await t.app.database.db.selectFrom('accounts').select(['channel', 'person_id']).where('person_id', 'is not', null).execute();
    expect(accounts.map((a) => a.channel).sort()).toEqual(['alipay', 'h5', 'weapp']);
    expect(new Set(accounts.map((a) => a.person_id)).size).toBe(1);
    const me = await t.request('GET', '/api/v1/me', { token: tokens[0] });
    expect(me.body.identity).toEqual({ name: '孙*', idNumber: `3201**********${PERSON.idNumber.slice(-4)}` });
  });
});

describe('channel switches', () => {
  it('refuses the development login when config turns it off (as production does)', async () => {
    const prod = await startTestApp('embedded', { auth: { devLoginEnabled: false } });
    try {
      const res = await prod.request('POST', '/api/v1/auth/login', { body: { channel: 'h5', code: 'dev:admin' } });
      expect([res.status, res.body.error.code]).toEqual([403, 'LOGIN_CHANNEL_DISABLED']);
      const weapp = await prod.request('POST', '/api/v1/auth/login', { body: { channel: 'weapp', code: 'abc' } });
      expect(weapp.body.error.code).toBe('LOGIN_CHANNEL_DISABLED');
    } finally {
      await prod.close();
    }
  });

  it('kills a revoked token at once', async () => {
    const app = await startTestApp('embedded');
    try {
      const { token } = await app.loginDev('revoke');
      expect((await app.request('GET', '/api/v1/me', { token })).status).toBe(200);
      await app.app.services.sessions.revoke(token);
      expect((await app.request('GET', '/api/v1/me', { token })).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
