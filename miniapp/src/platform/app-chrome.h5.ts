import type { AppChrome } from './types';
import './app-chrome.h5.scss';

const ELDERLY_CLASS = 'govpass-elderly';

/**
 * H5 has no native title bar; Taro's router draws one (`#taro-navigation-bar`) for pages whose
 * navigationStyle is 'default' (app.config.ts), with a back button when there is a page to go back
 * to and a home button on a page opened directly. app-chrome.h5.scss sizes it for fingers and
 * older eyes; 关怀模式 is mirrored onto <body> because the bar lives outside every page.
 */
export const appChrome: AppChrome = {
  showElderly(on) {
    document.body.classList.toggle(ELDERLY_CLASS, on);
  },
};
