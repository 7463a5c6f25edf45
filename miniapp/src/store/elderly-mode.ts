import Taro from '@tarojs/taro';
import { createStore } from './create-store';

export const ELDERLY_MODE_STORAGE_KEY = 'govpass.elderlyMode';

function stored(): boolean {
  return Taro.getStorageSync(ELDERLY_MODE_STORAGE_KEY) === true;
}

/** 关怀模式: larger text and a simpler layout, remembered across launches. */
export const elderlyModeStore = createStore<boolean>(stored());

export function setElderlyMode(on: boolean): void {
  Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, on);
  elderlyModeStore.set(on);
}

/** Re-reads storage; pages call it on show so a value saved elsewhere always wins. */
export function syncElderlyMode(): void {
  elderlyModeStore.set(stored());
}
