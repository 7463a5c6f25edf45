import Taro from '@tarojs/taro';
import type { Platform } from './types';

// A cancelled or failed scan also yields null: the UI offers manual entry instead of an error.
export const scanCode: Platform['scanCode'] = async () => {
  try {
    const res = await Taro.scanCode({ scanType: ['qrCode', 'barCode'] });
    // Our own mini-program code (小程序码) answers its page path with `?scene=` in `path`, not in `result`.
    return res.path || res.result || null;
  } catch {
    return null;
  }
};

export const canScan = true;
