import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeWechatServer, wechatErrors, type FakeWechatServer } from '../../../../../test/fakes/fake-wechat-server';
import { AppError } from '../../../core/app-error';
import { WechatLoginProvider, type WechatLoginConfig } from './wechat-login-provider';

const APP_ID = 'wx0123456789abcdef';
const SECRET = 'fake-wechat-app-secret-0123456789';

let fake: FakeWechatServer;

beforeEach(async () => {
  fake = await startFakeWechatServer({ appId: APP_ID, secret: SECRET });
});

afterEach(async () => {
  await fake.close();
});

function provider(overrides: Partial<WechatLoginConfig> = {}, fetchImpl?: typeof fetch): WechatLoginProvider {
  return new WechatLoginProvider({ appId: APP_ID, secret: SECRET, baseUrl: fake.baseUrl, timeoutMs: 1000, ...overrides }, fetchImpl);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** Everything an error carries that could reach a client or a log line. */
function visibleText(err: AppError): string {
  const causes: string[] = [];
  for (let c: unknown = err.cause; c instanceof Error; c = c.cause) causes.push(`${c.message}\n${c.stack ?? ''}`);
  return JSON.stringify({ message: err.message, details: err.details, stack: err.stack, causes });
}

function expectNoLeak(err: AppError, ...values: string[]): void {
  const text = visibleText(err);
  for (const value of [SECRET, ...values]) expect(text).not.toContain(value);
}

describe('WechatLoginProvider', () => {
  it('exchanges a code for openid and session_key', async () => {
    const code = fake.issueCode('o-openid-1');
    const identity = await provider().exchange(code);
    expect(identity).toEqual({ channelUserId: 'o-openid-1', sessionKey: fake.sessionKeyOf(code) });
  });

  it('passes the unionid through when WeChat sends one', async () => {
    const code = fake.issueCode('o-openid-2', { unionid: 'u-union-2' });
    await expect(provider().exchange(code)).resolves.toMatchObject({ channelUserId: 'o-openid-2', unionId: 'u-union-2' });
  });

  it('accepts the older success shape with errcode 0', async () => {
    const code = fake.issueCode('o-openid-3', { withErrcodeZero: true });
    await expect(provider().exchange(code)).resolves.toMatchObject({ channelUserId: 'o-openid-3' });
  });

  it('calls GET /sns/jscode2session with appid, secret, js_code and grant_type', async () => {
    const code = fake.issueCode('o-openid-4');
    await provider({ baseUrl: `${fake.baseUrl}/` }).exchange(code);
    expect(fake.requests()).toEqual([
      {
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: APP_ID, secret: SECRET, js_code: code, grant_type: 'authorization_code' },
      },
    ]);
  });

  it('refuses an unknown code with 401 LOGIN_CODE_INVALID (40029)', async () => {
    const err = await rejection(provider().exchange('0a1b2c3d4e5f-not-issued'));
    expect(err).toMatchObject({ status: 401, code: 'LOGIN_CODE_INVALID', details: { upstreamCode: 40029 } });
    expectNoLeak(err, '0a1b2c3d4e5f-not-issued');
  });

  it('treats codes as one-time: the second use is 401 LOGIN_CODE_INVALID (40163)', async () => {
    const code = fake.issueCode('o-openid-5');
    const p = provider();
    const first = await p.exchange(code);
    const err = await rejection(p.exchange(code));
    expect(err).toMatchObject({ status: 401, code: 'LOGIN_CODE_INVALID', details: { upstreamCode: 40163 } });
    expectNoLeak(err, code, first.sessionKey as string);
  });

  it.each([
    ['45011 rate limit', wechatErrors.rateLimited, 429, 'UPSTREAM_RATE_LIMITED', 45011],
    ['40226 high-risk user', wechatErrors.highRiskUser, 403, 'LOGIN_HIGH_RISK_USER', 40226],
    ['-1 system busy', wechatErrors.systemBusy, 503, 'UPSTREAM_UNAVAILABLE', -1],
    ['an undocumented errcode', { kind: 'errcode' as const, errcode: 40001, errmsg: 'invalid credential' }, 502, 'UPSTREAM_ERROR', 40001],
  ])('maps %s', async (_name, override, status, code, upstreamCode) => {
    const loginCode = fake.issueCode('o-openid-6');
    fake.respondNext(override);
    const err = await rejection(provider().exchange(loginCode));
    expect(err).toMatchObject({ status, code, details: { upstream: 'wechat', upstreamCode } });
    expectNoLeak(err, loginCode, fake.sessionKeyOf(loginCode) as string);
  });

  it('reports a wrong appid (40013) or secret (40125) as 502 UPSTREAM_ERROR, not as the user\'s fault', async () => {
    const wrongAppId = await rejection(provider({ appId: 'wx-not-ours' }).exchange(fake.issueCode('o-1')));
    expect(wrongAppId).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', details: { upstreamCode: 40013 } });
    const wrongSecret = await rejection(provider({ secret: 'not-the-secret' }).exchange(fake.issueCode('o-2')));
    expect(wrongSecret).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', details: { upstreamCode: 40125 } });
    expect(visibleText(wrongSecret)).not.toContain('not-the-secret');
  });

  it('gives up after timeoutMs with 503 UPSTREAM_UNAVAILABLE', async () => {
    const code = fake.issueCode('o-openid-7');
    fake.respondNext({ kind: 'slow', delayMs: 2000 });
    const started = Date.now();
    const err = await rejection(provider({ timeoutMs: 150 }).exchange(code));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(err).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'timeout' } });
    expectNoLeak(err, code);
  });

  it('answers 502 UPSTREAM_ERROR to a body that is not JSON', async () => {
    const code = fake.issueCode('o-openid-8');
    fake.respondNext({ kind: 'malformed-json' });
    const err = await rejection(provider().exchange(code));
    expect(err).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', details: { reason: 'malformed_body' } });
  });

  it('answers 503 to an HTTP 5xx and 502 to another non-2xx status', async () => {
    fake.respondNext({ kind: 'http-status', status: 502 }, { kind: 'http-status', status: 404 });
    await expect(provider().exchange(fake.issueCode('o-1'))).rejects.toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    await expect(provider().exchange(fake.issueCode('o-2'))).rejects.toMatchObject({ status: 502, code: 'UPSTREAM_ERROR' });
  });

  it('answers 503 when nothing listens at the base URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const err = await rejection(provider({ baseUrl: `http://127.0.0.1:${port}` }).exchange('some-login-code'));
    expect(err).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'network' } });
    expectNoLeak(err, 'some-login-code');
  });

  it('keeps the secret and code out of the cause even when fetch quotes the whole URL', async () => {
    const err = await rejection(provider({ baseUrl: 'http://bad host' }).exchange('code-in-a-bad-url'));
    expect(err).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    expect((err.cause as Error).message).toContain('[redacted]');
    expectNoLeak(err, 'code-in-a-bad-url');
  });

  it('answers 502 when a success lacks openid or session_key', async () => {
    const fetchImpl = (async () => new Response('{"errcode":0,"errmsg":"ok"}', { status: 200 })) as typeof fetch;
    await expect(provider({}, fetchImpl).exchange('abc')).rejects.toMatchObject({
      status: 502,
      code: 'UPSTREAM_ERROR',
      details: { reason: 'unexpected_body' },
    });
  });

  it('refuses an empty or oversized code without calling WeChat', async () => {
    await expect(provider().exchange('')).rejects.toMatchObject({ status: 401, code: 'LOGIN_CODE_INVALID' });
    await expect(provider().exchange('x'.repeat(513))).rejects.toMatchObject({ status: 401, code: 'LOGIN_CODE_INVALID' });
    await expect(provider().exchange('abc\r\ndef')).rejects.toMatchObject({ status: 401, code: 'LOGIN_CODE_INVALID' });
    expect(fake.requests()).toHaveLength(0);
  });
});
