import Taro from '@tarojs/taro';
import { DEV_ACCOUNT_STORAGE_KEY } from '../src/platform/dev-account.h5';
import { getToken, sessionStore, silentLogin, USER_STORAGE_KEY } from '../src/store/session';
import { citizen, fakeServer, loginAnswer, signedOut } from './helpers';

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
