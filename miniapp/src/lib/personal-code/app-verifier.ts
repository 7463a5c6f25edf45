import Taro from '@tarojs/taro';
import { codeApi } from '../../api/code-api';
import { VerifierCache } from './verifier-cache';

/** The app's verifier cache: Taro storage, the published keys and revocation list from the BFF. */
export const verifierCache = new VerifierCache(
  { get: (key) => Taro.getStorageSync(key), set: (key, value) => Taro.setStorageSync(key, value) },
  { fetchKeys: () => codeApi.call('codeKeys'), fetchRevocations: () => codeApi.call('codeRevocations') },
);
