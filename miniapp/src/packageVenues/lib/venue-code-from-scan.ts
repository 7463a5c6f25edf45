/**
 * The venue code in whatever a scan or a paste gives: the poster's URL (the page's `code` query,
 * before or after an H5 `#`), WeChat's ordinary-QR landing (`q` = the URL, URI-encoded), Alipay's
 * (`qrCode` = the URL) or the bare code typed from under the QR. Null when nothing looks like a code.
 */
const CODE_PARAM = /[?&#]code=([^&#\s]+)/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A text that may be the poster URL (or URI-encoded once or twice) → the code in it. */
export function venueCodeFromText(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim();
  if (!text) return null;
  let candidate = text;
  // WeChat passes the whole URL URI-encoded; a pasted URL may be encoded once more.
  for (let i = 0; i < 3; i += 1) {
    const m = CODE_PARAM.exec(candidate);
    if (m) return decode(m[1]).trim() || null;
    const next = decode(candidate);
    if (next === candidate) break;
    candidate = next;
  }
  if (/^[a-z]+:\/\//i.test(text) || /\s/.test(text)) return null;
  return text;
}

/**
 * The code a page was opened with: `code` (the app's own link, H5 poster URL), `q` (WeChat's
 * 扫普通链接二维码打开小程序) or `qrCode` (Alipay's equivalent).
 */
export function venueCodeFromParams(params: Record<string, string | undefined> | undefined): string | null {
  if (!params) return null;
  if (params.code) return venueCodeFromText(params.code.includes('%') ? decode(params.code) : params.code);
  const landing = params.q ?? params.qrCode;
  return landing ? venueCodeFromText(landing) : null;
}
