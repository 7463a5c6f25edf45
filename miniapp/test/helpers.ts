import type { LoginResponse, MeResponse, SessionUser } from '@govpass/shared-types';
import Taro from '@tarojs/taro';
import { sessionStore, TOKEN_STORAGE_KEY, USER_STORAGE_KEY } from '../src/store/session';
import { fakeServer } from '../test-doubles/taro';

export const citizen: SessionUser = { id: 'acc-1', verified: false, roles: [{ role: 'citizen', scopeId: null }] };

/** As if silent login had already run: token and user in storage and in the session store. */
export function signedIn(user: SessionUser = citizen, token = 'token-1'): void {
  Taro.setStorageSync(TOKEN_STORAGE_KEY, token);
  Taro.setStorageSync(USER_STORAGE_KEY, user);
  sessionStore.set({ status: 'ready', user, error: null });
}

export function signedOut(): void {
  sessionStore.set({ status: 'idle', user: null, error: null });
}

export function loginAnswer(token: string, user: SessionUser = citizen): LoginResponse {
  return { token, expiresAt: '2030-01-01T00:00:00.000Z', user };
}

export function meAnswer(overrides: Partial<MeResponse> = {}): MeResponse {
  return {
    account: { id: 'acc-1', channel: 'h5', createdAt: '2024-01-01T00:00:00.000Z' },
    verified: true,
    identity: { name: '张*', idNumber: '1101**********1234' },
    roles: [
      { role: 'citizen', scopeId: null },
      { role: 'pharmacist', scopeId: 'pharmacy-7' },
    ],
    ...overrides,
  };
}

export { fakeServer };
