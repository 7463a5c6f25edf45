import Taro from '@tarojs/taro';
import type { Platform } from './types';

// Alipay offers no general file chooser to mini-programs: officials paste the CSV instead.
export const pickTextFile: Platform['pickTextFile'] = () => Promise.resolve(null);

export const canPickTextFile = false;

/** Mini-programs cannot download: the text goes to the clipboard, to paste into a chat or an email. */
export const saveTextFile: Platform['saveTextFile'] = async (_fileName, text) => {
  try {
    await Taro.setClipboardData({ data: text });
    return 'copied';
  } catch {
    return 'failed';
  }
};
