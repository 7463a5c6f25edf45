import Taro from '@tarojs/taro';
import fakeTaro from '../test-doubles/taro';
import { getLoginCode as alipayLogin } from '../src/platform/login-code.alipay';
import { getLoginCode as weappLogin } from '../src/platform/login-code.weapp';
import { canScan as alipayCanScan, scanCode as alipayScan } from '../src/platform/scan-code.alipay';
import { canScan as weappCanScan, scanCode as weappScan } from '../src/platform/scan-code.weapp';
import { getLocation as weappLocation } from '../src/platform/location.weapp';
import {
  DEFAULT_DEV_ACCOUNT,
  DEV_ACCOUNT_STORAGE_KEY,
  devAccountFromUrl,
  devAccountSwitcher,
} from '../src/platform/dev-account.h5';
import { platform } from '../src/platform/platform';

describe('platform layer', () => {
  it('weapp: uses wx.login', async () => {
    await expect(weappLogin()).resolves.toEqual({ channel: 'weapp', code: 'wx-code-1' });
  });

  it('alipay: asks for a silent auth_base auth code', async () => {
    await expect(alipayLogin()).resolves.toEqual({ channel: 'alipay', code: 'ali-auth-code' });
    expect(fakeTaro.getAuthCode).toHaveBeenCalledWith({ scopes: 'auth_base' });
  });

  it('weapp/alipay: scanning returns the text, a cancelled scan returns null', async () => {
    await expect(weappScan()).resolves.toBe('scanned-text');
    (Taro.scanCode as jest.Mock).mockResolvedValueOnce({ code: 'ali-text' });
    await expect(alipayScan()).resolves.toBe('ali-text');
    (Taro.scanCode as jest.Mock).mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' });
    await expect(weappScan()).resolves.toBeNull();
  });

  it('weapp: location is null when the user refuses', async () => {
    await expect(weappLocation()).resolves.toEqual({ lat: 31.23, lng: 121.47 });
    (Taro.getLocation as jest.Mock).mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' });
    await expect(weappLocation()).resolves.toBeNull();
  });

  it('h5: no scanner, so scanCode resolves null and pages offer typed entry', async () => {
    await expect(platform.scanCode()).resolves.toBeNull();
    expect(platform.canScan).toBe(false);
    expect([weappCanScan, alipayCanScan]).toEqual([true, true]);
  });

  it('h5: logs in with dev:citizen-1 unless another dev account was chosen', async () => {
    await expect(platform.getLoginCode()).resolves.toEqual({ channel: 'h5', code: DEFAULT_DEV_ACCOUNT });
    devAccountSwitcher.choose('admin');
    expect(Taro.getStorageSync(DEV_ACCOUNT_STORAGE_KEY)).toBe('dev:admin');
    await expect(platform.getLoginCode()).resolves.toEqual({ channel: 'h5', code: 'dev:admin' });
  });

  it('h5: reads ?dev= before or inside the hash, with or without the dev: prefix', () => {
    expect(devAccountFromUrl('?dev=admin', '#/pages/index/index')).toBe('dev:admin');
    expect(devAccountFromUrl('', '#/pages/index/index?dev=dev:pharmacist-1')).toBe('dev:pharmacist-1');
    expect(devAccountFromUrl('', '#/pages/index/index')).toBeNull();
    expect(devAccountFromUrl('?dev=<script>', '')).toBeNull();
  });

  it('h5: a ?dev= in the page URL becomes the remembered account at load', () => {
    window.history.replaceState(null, '', '/?dev=citizen-2#/pages/index/index');
    try {
      jest.isolateModules(() => {
        // A fresh module registry = a fresh page load, with its own Taro double.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules needs a synchronous load
        const reloaded = require('../src/platform/dev-account.h5') as typeof import('../src/platform/dev-account.h5');
        expect(reloaded.devAccountSwitcher.current()).toBe('dev:citizen-2');
      });
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });
});
