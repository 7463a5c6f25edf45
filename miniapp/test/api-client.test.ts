import { api } from '../src/api/api';
import { ApiError } from '../src/api/api-error';
import { createApiClient } from '../src/api/client';
import { getToken } from '../src/store/session';
import { fakeServer, loginAnswer, meAnswer, signedIn } from './helpers';

const ME = '/api/v1/me';
const LOGIN = '/api/v1/auth/login';

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('api client', () => {
  it('sends the session token as a Bearer header on auth routes and validates the answer', async () => {
    signedIn(undefined, 'token-abc');
    fakeServer.on('GET', ME, fakeServer.json(200, meAnswer()));

    const me = await api.call('me');

    expect(me.identity?.name).toBe('张*');
    const [req] = fakeServer.requestsTo(ME);
    expect(req.url).toBe('http://api.test/api/v1/me');
    expect(req.header.Authorization).toBe('Bearer token-abc');
  });

  it('sends no Authorization header on the login route', async () => {
    signedIn(undefined, 'token-abc');
    fakeServer.on('POST', LOGIN, fakeServer.json(200, loginAnswer('fresh')));
    const client = createApiClient({ baseUrl: 'http://api.test', getToken: () => 'token-abc' });

    await client.call('login', { channel: 'h5', code: 'dev:citizen-1' });

    expect(fakeServer.requestsTo(LOGIN)[0].header.Authorization).toBeUndefined();
  });

  it('turns an error body into an ApiError with code, status, field issues and request id', async () => {
    signedIn();
    fakeServer.on(
      'POST',
      '/api/v1/identity',
      fakeServer.error(400, 'VALIDATION_FAILED', [{ path: 'idNumber', message: '身份证号最后一位不对，请核对' }]),
    );

    const error = await caught(api.call('bindIdentity', { name: '张三', idNumber: '110105194912310021' }));

    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    expect(error.details).toEqual([{ path: 'idNumber', message: '身份证号最后一位不对，请核对' }]);
    expect(error.requestId).toBe('req-test');
  });

  it('accepts field issues wrapped as { issues: [...] }', async () => {
    signedIn();
    fakeServer.on('POST', '/api/v1/identity', fakeServer.error(400, 'VALIDATION_FAILED', { issues: [{ path: 'name', message: 'x' }] }));

    const error = await caught(api.call('bindIdentity', { name: '张三', idNumber: '110105194912310021' }));

    expect(error.details).toEqual([{ path: 'name', message: 'x' }]);
  });

  it('reports a body outside the error contract as INVALID_RESPONSE', async () => {
    signedIn();
    fakeServer.on('GET', ME, fakeServer.json(502, '<html>Bad Gateway</html>'));

    const error = await caught(api.call('me'));

    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', status: 502 });
  });

  it('reports a 200 answer that breaks the response schema as INVALID_RESPONSE', async () => {
    signedIn();
    fakeServer.on('GET', ME, fakeServer.json(200, { account: 'nope' }));

    expect(await caught(api.call('me'))).toMatchObject({ code: 'INVALID_RESPONSE', status: 200 });
  });

  it('reports a request that never got an answer as NETWORK_ERROR', async () => {
    signedIn();
    fakeServer.on('GET', ME, { reject: { errMsg: 'request:fail timeout' } });

    expect(await caught(api.call('me'))).toMatchObject({ code: 'NETWORK_ERROR', status: 0, message: 'request:fail timeout' });
  });

  it("reads the BFF's error out of Alipay-style failures that carry status and data", async () => {
    signedIn();
    fakeServer.on('GET', ME, { reject: { error: 19, status: 403, data: fakeServer.error(403, 'FORBIDDEN').data } });

    expect(await caught(api.call('me'))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  describe('on 401', () => {
    it('logs in again once and retries with the new token', async () => {
      signedIn(undefined, 'expired');
      fakeServer.on('GET', ME, fakeServer.error(401, 'UNAUTHENTICATED'), fakeServer.json(200, meAnswer()));
      fakeServer.on('POST', LOGIN, fakeServer.json(200, loginAnswer('renewed')));

      await api.call('me');

      const meCalls = fakeServer.requestsTo(ME);
      expect(meCalls.map((r) => r.header.Authorization)).toEqual(['Bearer expired', 'Bearer renewed']);
      expect(fakeServer.requestsTo(LOGIN)).toHaveLength(1);
      expect(fakeServer.requestsTo(LOGIN)[0].data).toEqual({ channel: 'h5', code: 'dev:citizen-1' });
      expect(getToken()).toBe('renewed');
    });

    it('gives up after the retry also answers 401', async () => {
      signedIn(undefined, 'expired');
      fakeServer.on('GET', ME, fakeServer.error(401, 'UNAUTHENTICATED'));
      fakeServer.on('POST', LOGIN, fakeServer.json(200, loginAnswer('renewed')));

      const error = await caught(api.call('me'));

      expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
      expect(fakeServer.requestsTo(ME)).toHaveLength(2);
      expect(fakeServer.requestsTo(LOGIN)).toHaveLength(1);
    });

    it('shares one login between concurrent calls that hit 401', async () => {
      signedIn(undefined, 'expired');
      fakeServer.on('GET', ME, (req) =>
        req.header.Authorization === 'Bearer renewed'
          ? fakeServer.json(200, meAnswer())
          : fakeServer.error(401, 'UNAUTHENTICATED'),
      );
      fakeServer.on('POST', LOGIN, fakeServer.json(200, loginAnswer('renewed')));

      await Promise.all([api.call('me'), api.call('me'), api.call('me')]);

      expect(fakeServer.requestsTo(LOGIN)).toHaveLength(1);
    });

    it('does not retry the login route itself', async () => {
      fakeServer.on('POST', LOGIN, fakeServer.error(401, 'LOGIN_CODE_INVALID'));
      const client = createApiClient({ baseUrl: 'http://api.test', reauthenticate: jest.fn() });

      const error = await caught(client.call('login', { channel: 'h5', code: 'dev:x' }));

      expect(error.code).toBe('LOGIN_CODE_INVALID');
      expect(fakeServer.requestsTo(LOGIN)).toHaveLength(1);
    });
  });
});
