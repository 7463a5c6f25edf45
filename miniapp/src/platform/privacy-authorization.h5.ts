import type { Platform } from './types';


/** The browser has no privacy callback: the app's first-use popup and record are the agreement. */
export const onNeedPrivacyAuthorization: Platform['onNeedPrivacyAuthorization'] = () => undefined;

export const privacyAgreeOpenType: Platform['privacyAgreeOpenType'] = undefined;
