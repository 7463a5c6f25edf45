import Taro from '@tarojs/taro';
import { systemTextIsLarge } from './system-text-size';

/** Alipay: my.getSystemInfoSync reports fontSizeSetting (the 支付宝 设置-字体大小 choice, px). */
export function prefersLargeText(): boolean {
  try {
    return systemTextIsLarge(Taro.getSystemInfoSync());
  } catch {
    return false;
  }
}
