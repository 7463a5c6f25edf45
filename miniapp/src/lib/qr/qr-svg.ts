import { create } from 'qrcode/lib/core/qrcode';
import { base64Encode } from '../../utils/base64';
import { utf8Bytes } from '@govpass/shared-types';

/** Modules of light border around the symbol; the QR spec asks for 4. */
export const QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** dark(row, col) for 0 ≤ row, col < size. */
  dark(row: number, col: number): boolean;
}

/**
 * The QR symbol of `text`, built by the `qrcode` package from bytes encoded here: its own string
 * path calls `new TextEncoder()`, which mini-program runtimes do not promise. Level M restores
 * ~15% damage (a scuffed screen at a crowded counter); a ~60-character pickup code is version 4
 * (33×33), a 120-character personal code version 7 (45×45). Shared by the mask and health subpackages
 * (Taro copies a module that only subpackages use into each of them, not into the main package).
 */
export function qrMatrix(text: string): QrMatrix {
  if (!text) throw new TypeError('qrMatrix needs a non-empty text');
  const symbol = create([{ data: utf8Bytes(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const { size } = symbol.modules;
  return { size, dark: (row, col) => Boolean(symbol.modules.get(row, col)) };
}

/**
 * The matrix as an SVG document: one path of 1-module-high runs of dark modules (a few hundred
 * bytes) on a white square that includes the quiet zone; viewBox units are modules.
 */
export function qrSvg(matrix: QrMatrix, quietZone = QUIET_ZONE): string {
  const total = matrix.size + quietZone * 2;
  let d = '';
  for (let row = 0; row < matrix.size; row += 1) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.dark(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.dark(row, col)) col += 1;
      d += `M${start + quietZone} ${row + quietZone}h${col - start}v1h-${col - start}z`;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" width="${total * 8}" height="${total * 8}" shape-rendering="crispEdges">` +
    `<rect width="${total}" height="${total}" fill="#ffffff"/>` +
    `<path fill="#000000" d="${d}"/>` +
    '</svg>'
  );
}

/** `data:image/svg+xml;base64,…` for an <Image src>, base64 encoded in plain JS (no btoa). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${base64Encode(utf8Bytes(svg))}`;
}

/** A code (pickup code, personal code) as a QR image source. */
export function qrDataUrl(text: string): string {
  return svgDataUrl(qrSvg(qrMatrix(text)));
}
