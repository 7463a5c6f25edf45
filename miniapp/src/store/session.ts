import Taro from '@tarojs/taro';
import { SessionUser } from '@govpass/shared-types';
import { API_BASE } from '../api/api-base';
import { ApiError } from '../api/api-error';
import { createApiClient } from '../api/client';
import { platform } from '../platform/platform';
import { createStore } from './create-store';

export const TOKEN_STORAGE_KEY = 'govpass.token';
export const USER_STORAGE_KEY = 'govpass.user';
/** H5 only: which dev account the stored token belongs to (see sessionGate). */
export const TOKEN_ACCOUNT_STORAGE_KEY = 'govpass.tokenAccount';

/** 'signed-out': the person logged out or deleted the account; no silent login until they ask (signInAgain). */
export type SessionStatus = 'idle' | 'loading' | 'ready' | 'failed' | 'signed-out';

export interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  error: unknown;
}

function storedUser(): SessionUser | null {
  const parsed = SessionUser.safeParse(Taro.getStorageSync(USER_STORAGE_KEY));
  return parsed.success ? parsed.data : null;
}

/**
 * H5 in development: the stored token belongs to one dev account while the URL (`?dev=NAME`) may
 * ask for another. Such a token must never be sent, nor its user shown. A token saved without a
 * record (older builds, mini-programs) is trusted: the launch login replaces it anyway.
 */
function tokenIsForAnotherAccount(): boolean {
  const wanted = platform.devAccounts?.current();
  if (!wanted) return false;
  const owner = Taro.getStorageSync<unknown>(TOKEN_ACCOUNT_STORAGE_KEY);
  return typeof owner === 'string' && owner !== '' && owner !== wanted;
}

function forgetStoredSession(): void {
  Taro.removeStorageSync(TOKEN_STORAGE_KEY);
  Taro.removeStorageSync(USER_STORAGE_KEY);
  Taro.removeStorageSync(TOKEN_ACCOUNT_STORAGE_KEY);
}

// Before the store exists: the first render must not show the previous account's user.
if (tokenIsForAnotherAccount()) forgetStoredSession();

export const sessionStore = createStore<SessionState>({ status: 'idle', user: storedUser(), error: null });

// Login needs no token and never retries, so it gets its own client (this also keeps api.ts,
// which depends on this module for tokens and re-login, free of an import cycle).
const loginClient = createApiClient({ baseUrl: API_BASE });

export function getToken(): string | null {
  const token = Taro.getStorageSync<unknown>(TOKEN_STORAGE_KEY);
  return typeof token === 'string' && token ? token : null;
}

function saveUser(user: SessionUser): void {
  Taro.setStorageSync(USER_STORAGE_KEY, user);
  sessionStore.set({ status: 'ready', user, error: null });
}

async function login(): Promise<SessionUser> {
  sessionStore.set({ ...sessionStore.get(), status: 'loading', error: null });
  try {
    const { channel, code } = await platform.getLoginCode();
    const res = await loginClient.call('login', { channel, code });
    Taro.setStorageSync(TOKEN_STORAGE_KEY, res.token);
    if (platform.devAccounts) Taro.setStorageSync(TOKEN_ACCOUNT_STORAGE_KEY, code);
    saveUser(res.user);
    return res.user;
  } catch (error) {
    sessionStore.set({ ...sessionStore.get(), status: 'failed', error });
    throw error;
  }
}

let inFlight: Promise<SessionUser> | null = null;

/** Platform login code → BFF session. Concurrent callers (launch, several 401s) share one login. */
export function silentLogin(): Promise<SessionUser> {
  if (sessionStore.get().status === 'signed-out') return Promise.reject(new ApiError({ code: 'UNAUTHENTICATED', status: 401, message: 'signed out' }));
  inFlight ??= login().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/**
 * What the API client awaits before every authenticated request: a login under way (the launch's,
 * or one after an account switch) finishes first, so no request leaves with the token it replaces;
 * a token that belongs to another dev account than the URL's is dropped and a login for the right
 * one runs first. Never rejects: a failed login shows on the home page, and the request then meets
 * the BFF's 401 (one more silent login) as before.
 */
export async function sessionGate(): Promise<void> {
  if (inFlight) await inFlight.catch(() => undefined);
  if (sessionStore.get().status === 'signed-out' || !tokenIsForAnotherAccount()) return;
  forgetStoredSession();
  sessionStore.set({ status: 'idle', user: null, error: null });
  await silentLogin().catch(() => undefined);
}

/** The BFF marks the account verified when identity binding succeeds; mirror it without a round trip. */
export function markVerified(): void {
  const { user } = sessionStore.get();
  if (user && !user.verified) saveUser({ ...user, verified: true });
}

export function clearSession(): void {
  forgetStoredSession();
  sessionStore.set({ status: 'idle', user: null, error: null });
}

/** After logout or account deletion: the token is gone and nothing logs in silently until signInAgain. */
export function signOut(): void {
  forgetStoredSession();
  sessionStore.set({ status: 'signed-out', user: null, error: null });
}

/** 重新登录 after signOut: a fresh silent login (after deletion: a new account). */
export function signInAgain(): Promise<SessionUser> {
  sessionStore.set({ status: 'idle', user: null, error: null });
  return silentLogin();
}
