import { act, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import IndexPage from '../src/pages/index/index';
import { prefersLargeText as alipayPrefersLargeText } from '../src/platform/large-text.alipay';
import { prefersLargeText as weappPrefersLargeText } from '../src/platform/large-text.weapp';
import { platform } from '../src/platform/platform';
import { systemTextIsLarge } from '../src/platform/system-text-size';
import { decideElderlyMode, ELDERLY_MODE_STORAGE_KEY, elderlyModeStore, setElderlyMode, syncElderlyMode } from '../src/store/elderly-mode';

// The Taro test double has no system-info calls: each test installs the platform answer it needs.
const taro = Taro as unknown as Record<string, unknown>;

afterEach(() => {
  delete taro['getSystemInfoSync'];
  delete taro['getAppBaseInfo'];
  jest.restoreAllMocks();
});

describe('关怀模式 follows a large system font until the person chooses', () => {
  it('decides: an explicit choice wins over the system font, both ways', () => {
    expect(decideElderlyMode('', () => true)).toBe(true);
    expect(decideElderlyMode('', () => false)).toBe(false);
    expect(decideElderlyMode(false, () => true)).toBe(false);
    expect(decideElderlyMode(true, () => false)).toBe(true);
  });

  it('turns on with a fake platform that reports large text, and stays off once the person said no', () => {
    const large = jest.spyOn(platform, 'prefersLargeText').mockReturnValue(true);
    syncElderlyMode();
    expect(elderlyModeStore.get()).toBe(true);

    setElderlyMode(false);
    syncElderlyMode();
    expect(elderlyModeStore.get()).toBe(false);
    expect(Taro.getStorageSync(ELDERLY_MODE_STORAGE_KEY)).toBe(false);

    large.mockReturnValue(false);
    Taro.removeStorageSync(ELDERLY_MODE_STORAGE_KEY);
    syncElderlyMode();
    expect(elderlyModeStore.get()).toBe(false);
  });

  it('reads WeChat’s fontSizeSetting (px, standard 16/17) and scale factor', () => {
    expect(systemTextIsLarge({ fontSizeSetting: 17 })).toBe(false);
    expect(systemTextIsLarge({ fontSizeSetting: 20 })).toBe(true);
    expect(systemTextIsLarge({ fontSizeScaleFactor: 1 })).toBe(false);
    expect(systemTextIsLarge({ fontSizeScaleFactor: 1.25 })).toBe(true);
    expect(systemTextIsLarge({})).toBe(false);
    expect(systemTextIsLarge(null)).toBe(false);

    taro['getAppBaseInfo'] = () => ({ fontSizeSetting: 22 });
    expect(weappPrefersLargeText()).toBe(true);
    delete taro['getAppBaseInfo'];
    taro['getSystemInfoSync'] = () => ({ fontSizeSetting: 16 });
    expect(weappPrefersLargeText()).toBe(false);
  });

  it('reads Alipay’s my.getSystemInfoSync fontSizeSetting; a failing call means standard text', () => {
    taro['getSystemInfoSync'] = () => ({ fontSizeSetting: 20 });
    expect(alipayPrefersLargeText()).toBe(true);
    taro['getSystemInfoSync'] = () => {
      throw new Error('getSystemInfoSync:fail');
    };
    expect(alipayPrefersLargeText()).toBe(false);
  });
});

describe('the home page’s 关怀模式 button', () => {
  it('switches it on and off, as the person’s remembered choice', () => {
    jest.spyOn(platform, 'prefersLargeText').mockReturnValue(false);
    Taro.removeStorageSync(ELDERLY_MODE_STORAGE_KEY);
    act(() => syncElderlyMode());
    render(<IndexPage />);
    const toggle = () => fireEvent.click(document.getElementById('home-elderly-toggle')!);

    expect(document.getElementById('page-index')?.classList.contains('elderly')).toBe(false);
    expect(document.getElementById('home-elderly-toggle')?.textContent).toContain('关怀模式');
    act(() => {
      toggle();
    });
    expect(document.getElementById('page-index')?.classList.contains('elderly')).toBe(true);
    expect(document.getElementById('home-elderly-toggle')?.textContent).toContain('退出关怀模式');
    expect(Taro.getStorageSync(ELDERLY_MODE_STORAGE_KEY)).toBe(true);
    act(() => {
      toggle();
    });
    expect(document.getElementById('page-index')?.classList.contains('elderly')).toBe(false);
    expect(Taro.getStorageSync(ELDERLY_MODE_STORAGE_KEY)).toBe(false);
  });
});
