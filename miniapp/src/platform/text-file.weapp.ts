import Taro from '@tarojs/taro';
import type { Platform } from './types';

// WeChat picks files from a chat (chooseMessageFile); officials send themselves the CSV.
export const pickTextFile: Platform['pickTextFile'] = async () => {
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] });
    const path = tempFiles[0]?.path;
    if (!path) return null;
    // With an encoding WeChat returns the text (the type also allows the ArrayBuffer of no encoding).
    return Taro.getFileSystemManager().readFileSync(path, 'utf8') as string;
  } catch {
    return null;
  }
};

export const canPickTextFile = true;

/** Mini-programs cannot download: the text goes to the clipboard, to paste into a chat or an email. */
export const saveTextFile: Platform['saveTextFile'] = async (_fileName, text) => {
  try {
    await Taro.setClipboardData({ data: text });
    return 'copied';
  } catch {
    return 'failed';
  }
};
