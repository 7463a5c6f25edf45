import Taro from '@tarojs/taro';
import type { Platform } from './types';

export const getLoginCode: Platform['getLoginCode'] = async () => {
  const { code } = await Taro.login();
  if (!code) throw new Error('wx.login returned no code');
  return { channel: 'weapp', code };
};
