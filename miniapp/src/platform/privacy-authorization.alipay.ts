import type { Platform } from './types';


/**
 * Alipay has no run-time privacy callback: its privacy guide is configured in the open-platform
 * console and shown by Alipay before sensitive APIs. The app's own first-use popup and record
 * (store/consent.ts) are the agreement that counts for us.
 */
export const onNeedPrivacyAuthorization: Platform['onNeedPrivacyAuthorization'] = () => undefined;

export const privacyAgreeOpenType: Platform['privacyAgreeOpenType'] = undefined;
