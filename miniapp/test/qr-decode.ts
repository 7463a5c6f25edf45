import { Buffer } from 'node:buffer';
import jsQR from 'jsqr';

/** An <img src> data URL of the shared QR renderer (an SVG of module runs) → the text jsQR reads from it. */
export function decodeQrDataUrl(url: string, scale = 4): string | null {
  const svg = Buffer.from(url.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');
  const total = Number(/viewBox="0 0 (\d+) /.exec(svg)?.[1] ?? 0);
  const d = /<path[^>]* d="([^"]*)"/.exec(svg)?.[1] ?? '';
  const dark = Array.from({ length: total }, () => new Array<boolean>(total).fill(false));
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let c = Number(m[1]); c < Number(m[1]) + Number(m[3]); c += 1) dark[Number(m[2])][c] = true;
  }
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
