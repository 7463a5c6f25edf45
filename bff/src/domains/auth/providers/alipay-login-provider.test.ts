import { createSign } from 'node:crypto';
import {
  alipayErrors,
  generateAppKeyPair,
  startFakeAlipayServer,
  type AppKeyPair,
  type FakeAlipayServer,
} from '../../../../../test/fakes/fake-alipay-server';
import { AppError } from '../../../core/app-error';
import { AlipayLoginProvider, type AlipayLoginConfig } from './alipay-login-provider';

const APP_ID = '2021000000000001';
const USER_ID = '2088102150477652';

let appKeys: AppKeyPair;
let otherKeys: AppKeyPair;
let fake: FakeAlipayServer;
/** Stands in for Alipay's key in answers built by hand (shapes the fake does not produce). */
let handAlipay: AppKeyPair;

// Key generation dominates the run time, so one fake (and one set of keys) serves the file.
beforeAll(async () => {
  [appKeys, otherKeys, handAlipay] = await Promise.all([generateAppKeyPair(), generateAppKeyPair(), generateAppKeyPair()]);
  fake = await startFakeAlipayServer({ appId: APP_ID, appPublicKey: appKeys.publicKeyPem });
});

beforeEach(() => {
  fake.reset();
});

afterAll(async () => {
  await fake.close();
});

function provider(overrides: Partial<AlipayLoginConfig> = {}, fetchImpl?: typeof fetch, now?: () => Date): AlipayLoginProvider {
  const config: AlipayLoginConfig = {
    appId: APP_ID,
    privateKey: appKeys.privateKeyPkcs8Pem,
    alipayPublicKey: fake.alipayPublicKey,
    gatewayUrl: fake.gatewayUrl,
    timeoutMs: 2000,
    ...overrides,
  };
  return new AlipayLoginProvider(config, fetchImpl, now);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

function expectNoLeak(err: AppError, code: string): void {
  const causes: string[] = [];
  for (let c: unknown = err.cause; c instanceof Error; c = c.cause) causes.push(`${c.message}\n${c.stack ?? ''}`);
  const text = JSON.stringify({ message: err.message, details: err.details, stack: err.stack, causes });
  expect(text).not.toContain(code);
  expect(text).not.toContain(appKeys.privateKeyPkcs8Base64.slice(0, 40));
}

/** A gateway answer signed with `key`, for shapes the fake does not produce. */
function signedBody(member: string, inner: string, key: string, signedContent = inner): string {
  const sign = createSign('RSA-SHA256').update(signedContent, 'utf8').sign(key, 'base64');
  return `{"${member}":${inner},"sign":"${sign}"}`;
}

function answering(body: string): typeof fetch {
  return async () => new Response(body, { status: 200 });
}

describe('AlipayLoginProvider', () => {
  describe('success', () => {
    it('exchanges an auth code for the user_id', async () => {
      const code = fake.issueCode({ userId: USER_ID });
      await expect(provider().exchange(code)).resolves.toEqual({ channelUserId: USER_ID });
    });

    it('uses open_id for an app in OpenID mode', async () => {
      const code = fake.issueCode({ openId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' });
      await expect(provider().exchange(code)).resolves.toEqual({ channelUserId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' });
    });

    it('prefers user_id when both ids are present', async () => {
      const code = fake.issueCode({ userId: USER_ID, openId: 'open-id-x' });
      await expect(provider().exchange(code)).resolves.toEqual({ channelUserId: USER_ID });
    });

    it('verifies the signature over the raw member text, whitespace and all', async () => {
      fake.respondNext({ kind: 'spaced-json' });
      await expect(provider().exchange(fake.issueCode({ userId: USER_ID }))).resolves.toEqual({ channelUserId: USER_ID });
    });

    it('accepts a signature made over "/" when the body escapes it as "\\/" (as Alipay\'s SDKs do)', async () => {
      const inner = `{"user_id":"${USER_ID}","access_token":"a\\/b"}`;
      const body = signedBody('alipay_system_oauth_token_response', inner, handAlipay.privateKeyPkcs8Pem, inner.replace('\\/', '/'));
      const p = provider({ alipayPublicKey: handAlipay.publicKeyPem }, answering(body));
      await expect(p.exchange('any-code')).resolves.toEqual({ channelUserId: USER_ID });
    });

    it('cuts the signed member out whole when it nests "sign" members and escaped quotes', async () => {
      // A scanner that lost track of strings or depth would cut at the inner "sign" or the escaped quote.
      const inner = `{"user_id":"${USER_ID}","note":{"sign":"x\\"}"},"list":[{"sign":1}]}`;
      const body = signedBody('alipay_system_oauth_token_response', inner, handAlipay.privateKeyPkcs8Pem);
      const p = provider({ alipayPublicKey: handAlipay.publicKeyPem }, answering(body));
      await expect(p.exchange('any-code')).resolves.toEqual({ channelUserId: USER_ID });
    });
  });

  describe('request', () => {
    it('POSTs a form like the SDKs: protocol parameters and sign in the query, grant in the body', async () => {
      const now = new Date();
      const code = fake.issueCode({ userId: USER_ID });
      await provider({}, undefined, () => now).exchange(code);
      const [request] = fake.requests();
      expect(request).toMatchObject({
        method: 'POST',
        contentType: 'application/x-www-form-urlencoded;charset=utf-8',
        query: {
          app_id: APP_ID,
          method: 'alipay.system.oauth.token',
          format: 'JSON',
          charset: 'utf-8',
          sign_type: 'RSA2',
          version: '1.0',
          sign: expect.any(String),
        },
        body: { grant_type: 'authorization_code', code },
      });
    });

    it('stamps the request in Beijing time (yyyy-MM-dd HH:mm:ss, UTC+8)', async () => {
      const now = new Date('2024-05-13T09:49:20.456Z');
      const atThatTime = await startFakeAlipayServer({ appId: APP_ID, appPublicKey: appKeys.publicKeyPem, now: () => now });
      try {
        const p = provider({ gatewayUrl: atThatTime.gatewayUrl, alipayPublicKey: atThatTime.alipayPublicKey }, undefined, () => now);
        await p.exchange(atThatTime.issueCode({ userId: USER_ID }));
        expect(atThatTime.requests()[0]?.query.timestamp).toBe('2024-05-13 17:49:20');
      } finally {
        await atThatTime.close();
      }
    });

    it('is refused by the gateway when the clock is far off (isv.invalid-timestamp)', async () => {
      const hourAgo = () => new Date(Date.now() - 60 * 60 * 1000);
      const err = await rejection(provider({}, undefined, hourAgo).exchange(fake.issueCode({ userId: USER_ID })));
      expect(err).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', details: { upstreamSubCode: 'isv.invalid-timestamp' } });
    });
  });

  describe('keys', () => {
    it.each([
      ['PKCS#8 PEM', () => appKeys.privateKeyPkcs8Pem],
      ['PKCS#1 PEM', () => appKeys.privateKeyPkcs1Pem],
      ['bare base64 PKCS#8 body', () => appKeys.privateKeyPkcs8Base64],
      ['bare base64 PKCS#1 body', () => appKeys.privateKeyPkcs1Base64],
      ['PKCS#1 body under a "PRIVATE KEY" header', () => appKeys.privateKeyPkcs1Pem.replace(/RSA PRIVATE KEY/g, 'PRIVATE KEY')],
      ['PEM with literal \\n escapes', () => appKeys.privateKeyPkcs8Pem.replace(/\n/g, '\\n')],
    ])('signs with a %s private key the gateway accepts', async (_shape, key) => {
      const code = fake.issueCode({ userId: USER_ID });
      await expect(provider({ privateKey: key() }).exchange(code)).resolves.toEqual({ channelUserId: USER_ID });
    });

    it('accepts the Alipay public key as a bare base64 body', async () => {
      const bare = fake.alipayPublicKey.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
      const code = fake.issueCode({ userId: USER_ID });
      await expect(provider({ alipayPublicKey: bare }).exchange(code)).resolves.toEqual({ channelUserId: USER_ID });
    });

    it('fails at construction on an unusable key, without quoting it', () => {
      const bad = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ-not-a-key';
      expect(() => provider({ privateKey: bad })).toThrow(/auth\.alipay\.privateKey is not a usable RSA key/);
      expect(() => provider({ privateKey: bad })).not.toThrow(new RegExp(bad.slice(0, 20)));
      expect(() => provider({ alipayPublicKey: '' })).toThrow(/auth\.alipay\.alipayPublicKey/);
    });

    it('is refused by the gateway when signing with a key Alipay does not know (isv.invalid-signature)', async () => {
      const code = fake.issueCode({ userId: USER_ID });
      const err = await rejection(provider({ privateKey: otherKeys.privateKeyPkcs8Pem }).exchange(code));
      expect(err).toMatchObject({
        status: 502,
        code: 'UPSTREAM_ERROR',
        details: { upstream: 'alipay', upstreamCode: '40002', upstreamSubCode: 'isv.invalid-signature' },
      });
      // The gateway's sub_msg quotes its sign content, login code included: it must not come through.
      expectNoLeak(err, code);
    });

    it('reports a wrong app_id from the unsigned gateway answer as 502, with the unverified sub code', async () => {
      const err = await rejection(provider({ appId: '2021999999999999' }).exchange(fake.issueCode({ userId: USER_ID })));
      expect(err).toMatchObject({
        status: 502,
        code: 'UPSTREAM_ERROR',
        details: { reason: 'signature_missing', unverifiedUpstreamSubCode: 'isv.invalid-app-id' },
      });
    });
  });

  describe('response signature', () => {
    it.each([
      ['unsigned', 'missing', 'signature_missing'],
      ['tampered', 'tampered', 'signature_invalid'],
      ['signed by another key', 'wrong-key', 'signature_invalid'],
    ] as const)('refuses a %s success answer with 502 UPSTREAM_ERROR', async (_name, signing, reason) => {
      fake.respondNext({ kind: 'signing', signing });
      const code = fake.issueCode({ userId: USER_ID });
      const err = await rejection(provider().exchange(code));
      expect(err).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', details: { upstream: 'alipay', reason } });
      expectNoLeak(err, code);
    });

    it('refuses a tampered or unsigned error answer instead of trusting its code', async () => {
      fake.respondNext({ ...alipayErrors.codeInvalid, signing: 'tampered' }, { ...alipayErrors.appCallLimited, signing: 'missing' });
      await expect(provider().exchange(fake.issueCode({ userId: USER_ID }))).rejects.toMatchObject({
        status: 502,
        details: { reason: 'signature_invalid' },
      });
      await expect(provider().exchange(fake.issueCode({ userId: USER_ID }))).rejects.toMatchObject({
        status: 502,
        details: { reason: 'signature_missing' },
      });
    });

    it('refuses a body that repeats the signed member', async () => {
      const good = signedBody('alipay_system_oauth_token_response', `{"user_id":"${USER_ID}"}`, handAlipay.privateKeyPkcs8Pem);
      const doubled = good.replace(/^\{/, '{"alipay_system_oauth_token_response":{"user_id":"2088000000000666"},');
      const err = await rejection(provider({ alipayPublicKey: handAlipay.publicKeyPem }, answering(doubled)).exchange('c'));
      expect(err).toMatchObject({ status: 502, details: { reason: 'malformed_body' } });
    });

    it('refuses a signed answer that names neither the method nor error_response', async () => {
      const body = signedBody('alipay_user_info_share_response', `{"user_id":"${USER_ID}"}`, handAlipay.privateKeyPkcs8Pem);
      const err = await rejection(provider({ alipayPublicKey: handAlipay.publicKeyPem }, answering(body)).exchange('c'));
      expect(err).toMatchObject({ status: 502, details: { reason: 'unexpected_body' } });
    });
  });

  describe('errors', () => {
    it('refuses an unknown code with 401 LOGIN_CODE_INVALID (isv.code-invalid)', async () => {
      const err = await rejection(provider().exchange('4b203fe6c11548bcabd8da5bb087a83b'));
      expect(err).toMatchObject({
        status: 401,
        code: 'LOGIN_CODE_INVALID',
        details: { upstream: 'alipay', upstreamCode: '40002', upstreamSubCode: 'isv.code-invalid' },
      });
      expectNoLeak(err, '4b203fe6c11548bcabd8da5bb087a83b');
    });

    it('treats auth codes as one-time', async () => {
      const code = fake.issueCode({ userId: USER_ID });
      const p = provider();
      await p.exchange(code);
      const err = await rejection(p.exchange(code));
      expect(err).toMatchObject({ status: 401, code: 'LOGIN_CODE_INVALID', details: { upstreamSubCode: 'isv.code-invalid' } });
      expectNoLeak(err, code);
    });

    it.each([
      ['isv.code-invalid in the method member', { ...alipayErrors.codeInvalid, member: 'method' as const }, 401, 'LOGIN_CODE_INVALID'],
      ['20000 isp.unknow-error', alipayErrors.serviceUnavailable, 503, 'UPSTREAM_UNAVAILABLE'],
      ['20000 aop.ACQ.SYSTEM_ERROR', alipayErrors.systemError, 503, 'UPSTREAM_UNAVAILABLE'],
      ['40005 isv.app-call-limited', alipayErrors.appCallLimited, 429, 'UPSTREAM_RATE_LIMITED'],
      ['40005 isv.method-call-limited', alipayErrors.methodCallLimited, 429, 'UPSTREAM_RATE_LIMITED'],
      [
        '40004 with a call-limited sub code',
        { kind: 'error' as const, code: '40004', msg: 'Business Failed', subCode: 'aop.app-call-limited', subMsg: '调用频次超限' },
        429,
        'UPSTREAM_RATE_LIMITED',
      ],
      ['40006 isv.insufficient-isv-permissions', alipayErrors.insufficientPermissions, 502, 'UPSTREAM_ERROR'],
    ])('maps %s', async (_name, override, status, errorCode) => {
      fake.respondNext(override);
      const code = fake.issueCode({ userId: USER_ID });
      const err = await rejection(provider().exchange(code));
      expect(err).toMatchObject({
        status,
        code: errorCode,
        details: { upstream: 'alipay', upstreamCode: override.code, upstreamSubCode: override.subCode },
      });
      expect(JSON.stringify(err.details)).not.toContain(override.subMsg);
      expectNoLeak(err, code);
    });

    it('gives up after timeoutMs with 503 UPSTREAM_UNAVAILABLE', async () => {
      fake.respondNext({ kind: 'slow', delayMs: 3000 });
      const code = fake.issueCode({ userId: USER_ID });
      const started = Date.now();
      const err = await rejection(provider({ timeoutMs: 150 }).exchange(code));
      expect(Date.now() - started).toBeLessThan(1500);
      expect(err).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'timeout' } });
      expectNoLeak(err, code);
    });

    it('answers 502 to a body that is not JSON and 503 to an HTTP 5xx', async () => {
      fake.respondNext({ kind: 'malformed-json' }, { kind: 'http-status', status: 503 });
      await expect(provider().exchange(fake.issueCode({ userId: USER_ID }))).rejects.toMatchObject({
        status: 502,
        details: { reason: 'malformed_body' },
      });
      await expect(provider().exchange(fake.issueCode({ userId: USER_ID }))).rejects.toMatchObject({
        status: 503,
        code: 'UPSTREAM_UNAVAILABLE',
      });
    });

    it('answers 502 when a verified success carries neither user_id nor open_id', async () => {
      const body = signedBody('alipay_system_oauth_token_response', '{"access_token":"t","expires_in":300}', handAlipay.privateKeyPkcs8Pem);
      const err = await rejection(provider({ alipayPublicKey: handAlipay.publicKeyPem }, answering(body)).exchange('c'));
      expect(err).toMatchObject({ status: 502, details: { reason: 'unexpected_body' } });
    });

    it('refuses an empty code without calling Alipay', async () => {
      await expect(provider().exchange('')).rejects.toMatchObject({ status: 401, code: 'LOGIN_CODE_INVALID' });
      expect(fake.requests()).toHaveLength(0);
    });
  });
});
