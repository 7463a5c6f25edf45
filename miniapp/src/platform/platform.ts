import { appChrome } from './app-chrome';
import { devAccountSwitcher } from './dev-account';
import { launchEntry } from './launch-entry';
import { prefersLargeText } from './large-text';
import { getLocation } from './location';
import { getLoginCode } from './login-code';
import { canPrint, printPage } from './print';
import { canPickTextFile, pickTextFile, saveTextFile } from './text-file';
import { canScan, scanCode } from './scan-code';
import { requestSubscribe } from './subscribe-message';
import { onNeedPrivacyAuthorization, privacyAgreeOpenType } from './privacy-authorization';
import type { Platform } from './types';

/** The one object the app uses for platform differences; files are chosen per target at build time. */
export const platform: Platform = {
  getLoginCode,
  scanCode,
  canScan,
  getLocation,
  printPage,
  canPrint,
  pickTextFile,
  canPickTextFile,
  saveTextFile,
  devAccounts: devAccountSwitcher,
  requestSubscribe,
  launchEntry,
  onNeedPrivacyAuthorization,
  privacyAgreeOpenType,
  appChrome,
  prefersLargeText,
};
