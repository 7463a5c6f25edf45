import Taro from '@tarojs/taro';
import { systemTextIsLarge } from './system-text-size';

/** WeChat: getAppBaseInfo (base library ≥ 2.20.1) carries the text size; older ones only getSystemInfoSync. */
export function prefersLargeText(): boolean {
  try {
    const info = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync();
    return systemTextIsLarge(info);
  } catch {
    return false;
  }
}
