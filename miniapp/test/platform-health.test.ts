import Taro from '@tarojs/taro';
import * as printAlipay from '../src/platform/print.alipay';
import * as printH5 from '../src/platform/print.h5';
import * as printWeapp from '../src/platform/print.weapp';
import * as fileAlipay from '../src/platform/text-file.alipay';
import * as fileWeapp from '../src/platform/text-file.weapp';
import { platform } from '../src/platform/platform';

describe('platform: printing and picking a CSV (health pages)', () => {
  it('h5 prints through the browser; mini-programs cannot and say so', () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    expect(platform.canPrint).toBe(true);
    printH5.printPage();
    expect(print).toHaveBeenCalledTimes(1);
    expect([printWeapp.canPrint, printAlipay.canPrint]).toEqual([false, false]);
    printWeapp.printPage();
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it('weapp reads the CSV chosen from a chat; a cancelled choice gives null; alipay offers paste only', async () => {
    const fake = Taro as unknown as Record<string, unknown>;
    fake.chooseMessageFile = jest.fn(async () => ({ tempFiles: [{ path: 'wxfile://tmp/list.csv' }] }));
    fake.getFileSystemManager = () => ({ readFileSync: (p: string, enc: string) => `read ${p} as ${enc}` });
    try {
      await expect(fileWeapp.pickTextFile()).resolves.toBe('read wxfile://tmp/list.csv as utf8');
      fake.chooseMessageFile = jest.fn(async () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- Taro rejects with a plain { errMsg } object, not an Error
        throw { errMsg: 'chooseMessageFile:fail cancel' };
      });
      await expect(fileWeapp.pickTextFile()).resolves.toBeNull();
    } finally {
      delete fake.chooseMessageFile;
      delete fake.getFileSystemManager;
    }
    expect(fileAlipay.canPickTextFile).toBe(false);
    await expect(fileAlipay.pickTextFile()).resolves.toBeNull();
  });
});
