import Taro from '@tarojs/taro';
import { DEV_ACCOUNT_STORAGE_KEY } from '../src/platform/dev-account.h5';
import { api } from '../src/api/api';
import { getToken, sessionStore, silentLogin, TOKEN_ACCOUNT_STORAGE_KEY, TOKEN_STORAGE_KEY, USER_STORAGE_KEY } from '../src/store/session';
import { citizen, fakeServer, loginAnswer, meAnswer, signedOut } from './helpers';

const LOGIN = '/api/v1/auth/login';

describe('silent login', () => {
  beforeEach(() => signedOut());

  it('exchanges the platform login code for a token and user, and stores both', async () => {
    fakeServer.on('POST', LOGIN, fakeServer.json(200, loginAnswer('tok-1')));

    const user = await silentLogin();

    expect(user).toEqual(citizen);
    expect(fakeServer.requestsTo(LOGIN)[0].data).toEqual({ channel: 'h5', code: 'dev:citizen-1' });
    expect(getToken()).toBe('tok-1');
    expect(Taro.getStorageSync(USER_STORAGE_KEY)).toEqual(citizen);
    expect(sessionStore.get()).toMatchObject({ status: 'ready', user: citizen });
  });

  it('logs in as the remembered H5 dev account', async () => {
    Taro.setStorageSync(DEV_ACCOUNT_STORAGE_KEY, 'dev:pharmacist-1');
    fakeServer.on('POST', LOGIN, fakeServer.json(200, loginAnswer('tok-2')));

    await silentLogin();

    expect(fakeServer.requestsTo(LOGIN)[0].data).toEqual({ channel: 'h5', code: 'dev:pharmacist-1' });
  });

  it('records a failed login in the session store', async () => {
    fakeServer.on('POST', LOGIN, fakeServer.error(403, 'LOGIN_CHANNEL_DISABLED'));

    await expect(silentLogin()).rejects.toMatchObject({ code: 'LOGIN_CHANNEL_DISABLED' });

    expect(sessionStore.get().status).toBe('failed');
  });
});

describe('the session gate (?dev= account switching on H5)', () => {
  const ME = '/api/v1/me';
  const other: typeof citizen = { id: 'acc-2', verified: true, roles: [{ role: 'citizen', scopeId: null }] };

  beforeEach(() => signedOut());

  it('drops the token of the previous dev account and logs in as the URL’s account before any request', async () => {
    // Logged in as citizen-1 earlier; then the URL said ?dev=citizen-2 (dev-account.h5.ts stores it).
    fakeServer.on('POST', LOGIN, fakeServer.json(200, loginAnswer('tok-citizen-1')));
    await silentLogin();
    Taro.setStorageSync(DEV_ACCOUNT_STORAGE_KEY, 'dev:citizen-2');
    fakeServer.on('POST', LOGIN, fakeServer.json(200, loginAnswer('tok-citizen-2', other)));
    fakeServer.on('GET', ME, fakeServer.json(200, meAnswer({ account: { id: 'acc-2', channel: 'h5', createdAt: '2024-01-01T00:00:00.000Z' } })));

    await api.call('me');

    const meRequests = fakeServer.requestsTo(ME);
    expect(meRequests.map((r) => r.header.Authorization)).toEqual(['Bearer tok-citizen-2']);
    expect(fakeServer.requestsTo(LOGIN).map((r) => r.data)).toEqual([
      { channel: 'h5', code: 'dev:citizen-1' },
      { channel: 'h5', code: 'dev:citizen-2' },
    ]);
    expect(Taro.getStorageSync(TOKEN_ACCOUNT_STORAGE_KEY)).toBe('dev:citizen-2');
    expect(sessionStore.get().user).toEqual(other);
  });

  it('holds requests made while a login is under way until it has finished', async () => {
    Taro.setStorageSync(TOKEN_STORAGE_KEY, 'tok-old');
    let finishLogin: () => void = () => undefined;
    const loginHeld = new Promise<void>((resolve) => {
      finishLogin = resolve;
    });
    fakeServer.on('POST', LOGIN, fakeServer.json(200, loginAnswer('tok-new')));
    fakeServer.on('GET', ME, fakeServer.json(200, meAnswer()));
    // The login's answer is held back until finishLogin runs.
    const originalRequest = Taro.request.bind(Taro);
    const held = async (options: Parameters<typeof Taro.request>[0]) => {
      if (options.url.endsWith(LOGIN)) await loginHeld;
      return originalRequest(options);
    };
    const spy = jest.spyOn(Taro, 'request').mockImplementation(held as unknown as typeof Taro.request);
    try {
      const login = silentLogin();
      const me = api.call('me');
      await Promise.resolve();
      expect(fakeServer.requestsTo(ME)).toHaveLength(0);
      finishLogin();
      await Promise.all([login, me]);
      expect(fakeServer.requestsTo(ME).map((r) => r.header.Authorization)).toEqual(['Bearer tok-new']);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps a token whose owner is not recorded (mini-programs, older builds)', async () => {
    Taro.setStorageSync(TOKEN_STORAGE_KEY, 'tok-unrecorded');
    Taro.setStorageSync(DEV_ACCOUNT_STORAGE_KEY, 'dev:citizen-2');
    fakeServer.on('GET', ME, fakeServer.json(200, meAnswer()));

    await api.call('me');

    expect(fakeServer.requestsTo(ME).map((r) => r.header.Authorization)).toEqual(['Bearer tok-unrecorded']);
    expect(fakeServer.requestsTo(LOGIN)).toHaveLength(0);
  });
});
