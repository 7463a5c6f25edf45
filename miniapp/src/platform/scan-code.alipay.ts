import Taro from '@tarojs/taro';
import type { Platform } from './types';

// Taro maps scanCode to my.scan but passes its result through untouched: the text is in `code`.
export const scanCode: Platform['scanCode'] = async () => {
  try {
    const res = (await Taro.scanCode({ scanType: ['qrCode'] })) as { result?: string; code?: string };
    return res.code || res.result || null;
  } catch {
    return null;
  }
};

export const canScan = true;
