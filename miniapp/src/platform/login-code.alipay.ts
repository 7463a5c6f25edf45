import Taro from '@tarojs/taro';
import type { Platform } from './types';

/** Taro 4.2 promisifies my.getAuthCode on Alipay builds but its typings do not declare it. */
interface AlipayAuthApi {
  getAuthCode(options: { scopes: 'auth_base' | 'auth_user' }): Promise<{ authCode?: string; code?: string }>;
}

export const getLoginCode: Platform['getLoginCode'] = async () => {
  // auth_base is silent (no consent sheet) and is enough for the BFF to get the user id.
  const res = await (Taro as unknown as AlipayAuthApi).getAuthCode({ scopes: 'auth_base' });
  const code = res.authCode ?? res.code;
  if (!code) throw new Error('my.getAuthCode returned no authCode');
  return { channel: 'alipay', code };
};
