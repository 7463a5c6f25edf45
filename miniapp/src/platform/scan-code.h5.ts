import type { Platform } from './types';

// A plain browser has no scanner (Taro.scanCode needs WeChat's JS-SDK): the UI shows manual entry.
export const scanCode: Platform['scanCode'] = () => Promise.resolve(null);

/** No camera scanner here: pages offer typing the code instead of a scan button. */
export const canScan = false;
