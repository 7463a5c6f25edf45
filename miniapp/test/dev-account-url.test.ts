import Taro from '@tarojs/taro';
import { DEV_ACCOUNT_STORAGE_KEY, followDevAccountInUrl } from '../src/platform/dev-account.h5';

const at = (url: string) => window.history.replaceState(null, '', url);

describe('?dev= in a URL that changes without a page load (H5)', () => {
  it('switches when the URL names another account, and only then', () => {
    at('/#/packageMasks/pages/reservations/index?dev=citizen-1');
    expect(followDevAccountInUrl()).toBe(true);
    expect(Taro.getStorageSync(DEV_ACCOUNT_STORAGE_KEY)).toBe('dev:citizen-1');
    // Moving between pages whose URLs carry the same account: nothing to do.
    at('/#/pages/index/index?dev=citizen-1');
    expect(followDevAccountInUrl()).toBe(false);

    // An account picked on 我的 is not undone by going back to a page whose URL names the old one.
    Taro.setStorageSync(DEV_ACCOUNT_STORAGE_KEY, 'dev:pharmacist-1');
    at('/#/packageMasks/pages/reservations/index?dev=citizen-1');
    expect(followDevAccountInUrl()).toBe(false);
    expect(Taro.getStorageSync(DEV_ACCOUNT_STORAGE_KEY)).toBe('dev:pharmacist-1');

    // A new link naming another account switches.
    at('/#/packageMasks/pages/reservations/index?dev=citizen-2');
    expect(followDevAccountInUrl()).toBe(true);
    expect(Taro.getStorageSync(DEV_ACCOUNT_STORAGE_KEY)).toBe('dev:citizen-2');
    at('/#/pages/index/index');
    expect(followDevAccountInUrl()).toBe(false);
  });
});
