import { Buffer } from 'node:buffer';
import jsQR from 'jsqr';
import { create } from 'qrcode';
import { base64Encode } from '../src/utils/base64';
import { utf8Bytes } from '@govpass/shared-types';
import { QUIET_ZONE, qrDataUrl, qrMatrix, qrSvg, svgDataUrl } from '../src/lib/qr/qr-svg';

// The shape of a real pickup code: GP1. + base64url(UUID reservation id 17 B, pharmacy slug
// `ph-001` 8 B, pickup day 2 B, MAC 16 B) = 62 characters.
const PICKUP_CODE = 'GP1.AZ3x8Qm2TnqWJ4aJcX0u0-sAAnBoLTAwMRK7cWpX3V9kZk2bC0u7Yg_1a9';

/** Reads the dark modules back out of the SVG's path (M x y h n v1 h-n z runs). */
function modulesOf(svg: string): { total: number; dark: boolean[][] } {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  const d = /<path[^>]* d="([^"]*)"/.exec(svg);
  if (!viewBox || !d) throw new Error('not a QR svg');
  const total = Number(viewBox[1]);
  const dark = Array.from({ length: total }, () => new Array<boolean>(total).fill(false));
  const run = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/g;
  let consumed = 0;
  for (let m = run.exec(d[1]); m; m = run.exec(d[1])) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    expect(Number(m[4])).toBe(w);
    for (let c = x; c < x + w; c += 1) dark[y][c] = true;
    consumed += m[0].length;
  }
  expect(consumed).toBe(d[1].length); // nothing in the path that the reader did not understand
  return { total, dark };
}

/** Renders the module grid to RGBA pixels (scale px per module) and lets jsQR read it. */
function decode(svg: string, scale = 4): string | null {
  const { total, dark } = modulesOf(svg);
  const px = total * scale;
  const rgba = new Uint8ClampedArray(px * px * 4);
  for (let y = 0; y < px; y += 1) {
    for (let x = 0; x < px; x += 1) {
      const v = dark[Math.floor(y / scale)][Math.floor(x / scale)] ? 0 : 255;
      rgba.set([v, v, v, 255], (y * px + x) * 4);
    }
  }
  return jsQR(rgba, px, px)?.data ?? null;
}

function svgOfDataUrl(url: string): string {
  const prefix = 'data:image/svg+xml;base64,';
  expect(url.startsWith(prefix)).toBe(true);
  const b64 = url.slice(prefix.length);
  expect(b64).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
  expect(b64.length % 4).toBe(0);
  return Buffer.from(b64, 'base64').toString('utf8');
}

describe('pickup QR code', () => {
  it('decodes back to the pickup code (jsQR reads the rendered SVG)', () => {
    const svg = svgOfDataUrl(qrDataUrl(PICKUP_CODE));
    expect(decode(svg)).toBe(PICKUP_CODE);
  });

  it('decodes non-ASCII text too (bytes are UTF-8 encoded without TextEncoder)', () => {
    const text = '口罩预约 GP1.测试-✓';
    expect(decode(svgOfDataUrl(qrDataUrl(text)))).toBe(text);
  });

  it("draws exactly qrcode's own matrix for that text, inside a quiet zone", () => {
    const reference = create([{ data: Buffer.from(PICKUP_CODE, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules;
    const { total, dark } = modulesOf(qrSvg(qrMatrix(PICKUP_CODE)));

    expect(total).toBe(reference.size + 2 * QUIET_ZONE);
    for (let r = 0; r < total; r += 1) {
      for (let c = 0; c < total; c += 1) {
        const inside = r >= QUIET_ZONE && c >= QUIET_ZONE && r < QUIET_ZONE + reference.size && c < QUIET_ZONE + reference.size;
        const expected = inside ? Boolean(reference.get(r - QUIET_ZONE, c - QUIET_ZONE)) : false;
        if (dark[r][c] !== expected) throw new Error(`module (${r}, ${c}) differs`);
      }
    }
  });

  it('is not fooled: a different code gives a different, still readable symbol', () => {
    const other = `${PICKUP_CODE.slice(0, -1)}x`;
    const a = qrSvg(qrMatrix(PICKUP_CODE));
    const b = qrSvg(qrMatrix(other));
    expect(a).not.toBe(b);
    expect(decode(b)).toBe(other);
  });

  it('keeps a typical pickup code small (version 4: 33×33 modules)', () => {
    expect(PICKUP_CODE).toHaveLength(62);
    expect(qrMatrix(PICKUP_CODE).size).toBe(33);
  });

  it('refuses an empty text', () => {
    expect(() => qrMatrix('')).toThrow(TypeError);
  });
});

describe('base64 and UTF-8 without btoa/TextEncoder', () => {
  it('matches Node for every remainder length and all byte values', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 7; n += 1) {
      expect(base64Encode(all.subarray(0, n))).toBe(Buffer.from(all.subarray(0, n)).toString('base64'));
    }
    expect(base64Encode(all)).toBe(Buffer.from(all).toString('base64'));
  });

  it('encodes UTF-8 like Node, surrogate pairs included', () => {
    for (const text of ['', 'GP1.abc', '张三·李', '𠮷野家 🎉', 'x\u00e9\u20ac']) {
      expect(Array.from(utf8Bytes(text))).toEqual(Array.from(Buffer.from(text, 'utf8')));
    }
  });

  it('produces a data URL that Node decodes back to the same SVG', () => {
    const svg = qrSvg(qrMatrix('hello'));
    expect(svgOfDataUrl(svgDataUrl(svg))).toBe(svg);
  });
});
