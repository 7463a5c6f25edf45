import Taro from '@tarojs/taro';
import { platform } from '../platform/platform';
import { createStore } from './create-store';

/** The person's own choice (true / false); absent until they toggle 关怀模式 once. */
export const ELDERLY_MODE_STORAGE_KEY = 'govpass.elderlyMode';

/**
 * 关怀模式 on or off: the person's choice when they made one, otherwise what the platform says
 * about their text size (large system font → on). An explicit "off" beats a large system font.
 */
export function decideElderlyMode(choice: unknown, systemPrefersLargeText: () => boolean): boolean {
  return typeof choice === 'boolean' ? choice : systemPrefersLargeText();
}

function current(): boolean {
  return decideElderlyMode(Taro.getStorageSync<unknown>(ELDERLY_MODE_STORAGE_KEY), () => platform.prefersLargeText());
}

/** 关怀模式: at least 18 px text, larger touch targets, a simpler layout; remembered across launches. */
export const elderlyModeStore = createStore<boolean>(current());

/** The person's choice (home page or 我的): remembered, and from now on the system font no longer decides. */
export function setElderlyMode(on: boolean): void {
  Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, on);
  elderlyModeStore.set(on);
}

/** Re-reads storage and the system setting; pages call it on show so a value saved elsewhere always wins. */
export function syncElderlyMode(): void {
  elderlyModeStore.set(current());
}
