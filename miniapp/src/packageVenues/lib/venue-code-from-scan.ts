import { parseVenueScan } from '../../api/venue-contract';

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The venue code in whatever a scan or a paste gives: the poster's URL
 * (`https://<host>/s/venue/<code>`), that URL URI-encoded once or twice (WeChat's `q`), a link to the
 * check-in page with `?code=`, or the bare code typed from under the QR. Null when it is no venue code.
 */
export function venueCodeFromText(raw: string | null | undefined): string | null {
  let text = (raw ?? '').trim();
  for (let i = 0; i < 3 && text; i += 1) {
    const scan = parseVenueScan(text);
    if (scan) return scan.venueCode;
    const param = /[?&#]code=([^&#\s]+)/.exec(text);
    if (param) {
      const inner = parseVenueScan(decode(param[1]));
      if (inner) return inner.venueCode;
    }
    const next = decode(text).trim();
    if (next === text) break;
    text = next;
  }
  return null;
}

/**
 * The code a page was opened with: `code` (the app's own link, the H5 poster redirect), `q` (WeChat's
 * 扫普通链接二维码打开小程序: the scanned URL) or `qrCode` (Alipay's equivalent).
 */
export function venueCodeFromParams(params: Record<string, string | undefined> | undefined): string | null {
  if (!params) return null;
  for (const key of ['code', 'q', 'qrCode']) {
    const value = params[key];
    if (value) return venueCodeFromText(value);
  }
  return null;
}
