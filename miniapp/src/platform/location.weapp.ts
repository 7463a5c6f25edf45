import Taro from '@tarojs/taro';
import type { Platform } from './types';

export const getLocation: Platform['getLocation'] = async () => {
  try {
    const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' });
    return { lat: latitude, lng: longitude };
  } catch {
    return null;
  }
};
