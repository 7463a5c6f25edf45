import Taro from '@tarojs/taro';
import { PRIVACY_AGREE_BUTTON_ID, type Platform } from './types';

interface WechatPrivacyResolve {
  (answer: { buttonId?: string; event: 'agree' | 'disagree' | 'exposureAuthorization' }): void;
}
interface WechatPrivacyApi {
  onNeedPrivacyAuthorization?: (listener: (resolve: WechatPrivacyResolve) => void) => void;
}

/**
 * WeChat asks before a privacy API (getLocation) runs when the user has not agreed to the app's
 * privacy guide: `wx.onNeedPrivacyAuthorization` hands us a `resolve`; our own popup (with the
 * policy link) answers it — agree through the button with open-type agreePrivacyAuthorization.
 */
export const onNeedPrivacyAuthorization: Platform['onNeedPrivacyAuthorization'] = (ask) => {
  const wx = Taro as unknown as WechatPrivacyApi;
  if (typeof wx.onNeedPrivacyAuthorization !== 'function') return;
  wx.onNeedPrivacyAuthorization((resolve) => {
    resolve({ event: 'exposureAuthorization' });
    ask((agreed) => resolve(agreed ? { buttonId: PRIVACY_AGREE_BUTTON_ID, event: 'agree' } : { event: 'disagree' }));
  });
};

/** On WeChat the agree button must carry this open-type for the platform to count the agreement. */
export const privacyAgreeOpenType: Platform['privacyAgreeOpenType'] = 'agreePrivacyAuthorization';
