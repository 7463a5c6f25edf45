import type { AppEntryOptions, LaunchEntrySource } from './types';

let lastShown: string | null = null;

/**
 * Alipay puts the scanned URL of an associated ordinary QR code (关联普通二维码) in `query.qrCode`
 * (not encoded) and the `query_param` of a mini-program code (`scene=p/ph-001`) in the query.
 * Its show from the background repeats the last query, so a show is read only when it differs
 * from the last one read (the same code scanned twice in a row while the app stays open is not
 * re-routed: the person is already there).
 */
export const launchEntry: LaunchEntrySource = {
  read(options: AppEntryOptions | undefined, event) {
    const q = options?.query?.qrCode ?? options?.query?.q;
    const scene = options?.query?.scene;
    if (q === undefined && scene === undefined) return null;
    const key = JSON.stringify([q, scene]);
    if (event === 'show' && key === lastShown) return null;
    lastShown = key;
    return { q, scene };
  },
};

/** Tests start each case as a fresh app. */
export function resetAlipayLaunchEntry(): void {
  lastShown = null;
}
