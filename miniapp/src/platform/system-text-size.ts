/** What WeChat (getAppBaseInfo / getSystemInfoSync) and Alipay (my.getSystemInfoSync) report about text size. */
export interface SystemTextInfo {
  /** The user's text size in px: WeChat 我-设置-通用-字体大小 (standard 16 on Android, 17 on iOS); Alipay likewise. */
  fontSizeSetting?: unknown;
  /** WeChat's text scale (1 = standard). */
  fontSizeScaleFactor?: unknown;
}

/** Above the largest platform standard (17 px on iOS). */
export const LARGE_FONT_SIZE_SETTING = 17;
/** One step up from standard on WeChat's slider is ~1.12; from there on, text is "large". */
export const LARGE_FONT_SCALE = 1.1;

/** Whether the person chose larger text than standard in the platform's own settings. */
export function systemTextIsLarge(info: object | null | undefined): boolean {
  if (!info) return false;
  const { fontSizeSetting, fontSizeScaleFactor } = info as SystemTextInfo;
  if (typeof fontSizeSetting === 'number' && fontSizeSetting > LARGE_FONT_SIZE_SETTING) return true;
  return typeof fontSizeScaleFactor === 'number' && fontSizeScaleFactor > LARGE_FONT_SCALE;
}
