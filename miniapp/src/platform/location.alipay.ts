import Taro from '@tarojs/taro';
import type { Platform } from './types';

export const getLocation: Platform['getLocation'] = async () => {
  try {
    // my.getLocation answers with numeric strings; type 0 = coordinates only (GCJ-02).
    const res = await Taro.getLocation({ type: 'gcj02' });
    const lat = Number(res.latitude);
    const lng = Number(res.longitude);
    return Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
  } catch {
    return null;
  }
};
