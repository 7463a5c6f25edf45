import Taro from '@tarojs/taro';
import type { Platform } from './types';

// A cancelled or failed scan also yields null: the UI offers manual entry instead of an error.
export const scanCode: Platform['scanCode'] = async () => {
  try {
    const res = await Taro.scanCode({ scanType: ['qrCode', 'barCode'] });
    return res.result || null;
  } catch {
    return null;
  }
};

export const canScan = true;
