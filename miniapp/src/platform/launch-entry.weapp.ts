import type { AppEntryOptions, LaunchEntrySource } from './types';

/**
 * WeChat scenes that mean "opened by a scan": 1011 scan a QR code, 1012 long-press a QR image,
 * 1013 a QR image from the album, 1047/1048/1049 the same for a mini-program code.
 */
export const WECHAT_SCAN_SCENES = new Set([1011, 1012, 1013, 1047, 1048, 1049]);

/**
 * WeChat puts a printed URL in `query.q` (URL-encoded: 扫普通链接二维码打开小程序) and a
 * mini-program code's scene in `query.scene` (URL-encoded). A show from the background without a
 * new scan keeps the old query, but its scene number is no scan: ignored.
 */
export const launchEntry: LaunchEntrySource = {
  read(options: AppEntryOptions | undefined) {
    const q = options?.query?.q;
    const scene = options?.query?.scene;
    if (q === undefined && scene === undefined) return null;
    if (options?.scene !== undefined && !WECHAT_SCAN_SCENES.has(Number(options.scene))) return null;
    return { q, scene };
  },
};
