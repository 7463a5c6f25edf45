import Taro from '@tarojs/taro';
import type { DevAccountSwitcher } from './types';

export const DEV_ACCOUNT_STORAGE_KEY = 'govpass.devAccount';
export const DEFAULT_DEV_ACCOUNT = 'dev:citizen-1';
const KNOWN_ACCOUNTS = ['dev:citizen-1', 'dev:citizen-2', 'dev:pharmacist-1', 'dev:admin'] as const;
// Same shape the BFF's dev login provider accepts.
const ACCOUNT_PATTERN = /^dev:[a-z0-9][a-z0-9-]{0,39}$/;

/** Accepts `admin` as well as `dev:admin`; anything else odd is ignored. */
export function normalizeDevAccount(raw: string | null | undefined): string | null {
  const value = (raw ?? '').trim().toLowerCase();
  if (!value) return null;
  const account = value.startsWith('dev:') ? value : `dev:${value}`;
  return ACCOUNT_PATTERN.test(account) ? account : null;
}

/** `?dev=` may sit before the hash (`/?dev=admin#/…`) or inside it (`#/pages/index/index?dev=admin`). */
export function devAccountFromUrl(search: string, hash: string): string | null {
  const hashQuery = hash.includes('?') ? hash.slice(hash.indexOf('?')) : '';
  for (const query of [search, hashQuery]) {
    const account = normalizeDevAccount(new URLSearchParams(query).get('dev'));
    if (account) return account;
  }
  return null;
}

function storedAccount(): string | null {
  return normalizeDevAccount(String(Taro.getStorageSync(DEV_ACCOUNT_STORAGE_KEY) || ''));
}

function choose(account: string): void {
  const normalized = normalizeDevAccount(account);
  if (normalized) Taro.setStorageSync(DEV_ACCOUNT_STORAGE_KEY, normalized);
}

/** Called once at page load: a `?dev=` in the URL becomes the remembered choice. */
export function adoptDevAccountFromUrl(): void {
  const fromUrl = devAccountFromUrl(window.location.search, window.location.hash);
  if (fromUrl) choose(fromUrl);
}

/** The account the URL named when last looked at (load, then each popstate / hashchange). */
let lastUrlAccount: string | null = null;

/**
 * A deep link that changes only the hash (`#/pages/x/index?dev=other`) loads no new document, so
 * the load-time adoption does not run again: when the URL names another account than it did,
 * remember it and report true (the caller starts over as that person: pages already open hold the
 * previous person's data). Going back to pages whose URLs carry the same `?dev=` changes nothing, so
 * an account picked on 我的 is not undone by the back button. The session gate keeps requests made
 * in the meantime from carrying the previous token.
 */
export function followDevAccountInUrl(): boolean {
  const fromUrl = devAccountFromUrl(window.location.search, window.location.hash);
  if (!fromUrl || fromUrl === lastUrlAccount) return false;
  lastUrlAccount = fromUrl;
  if (fromUrl === storedAccount()) return false;
  choose(fromUrl);
  return true;
}

adoptDevAccountFromUrl();
lastUrlAccount = devAccountFromUrl(window.location.search, window.location.hash);
// popstate comes before hashchange and before Taro's router (created after this module ran) renders
// the new page: the choice is stored before that page's first request reaches the session gate.
for (const event of ['popstate', 'hashchange']) {
  window.addEventListener(event, () => {
    if (followDevAccountInUrl()) window.location.reload();
  });
}

export const devAccountSwitcher: DevAccountSwitcher = {
  accounts: KNOWN_ACCOUNTS,
  current: () => storedAccount() ?? DEFAULT_DEV_ACCOUNT,
  choose,
};
