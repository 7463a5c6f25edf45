import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/**
 * Writes a Y4M video (what Chromium's --use-file-for-fake-video-capture plays, looped) of `frames`
 * identical grey frames showing `png` centred on white, as a camera held over a phone would see it.
 * 4:2:0 with neutral chroma: a QR code is black and white, luminance is all a decoder reads.
 */
export function writeY4mOfPng(path: string, png: Buffer, opts: { width?: number; height?: number; frames?: number } = {}): void {
  const width = opts.width ?? 640;
  const height = opts.height ?? 480;
  const image = PNG.sync.read(png);
  const luma = Buffer.alloc(width * height, 255);
  const left = Math.max(0, Math.floor((width - image.width) / 2));
  const top = Math.max(0, Math.floor((height - image.height) / 2));
  for (let y = 0; y < Math.min(image.height, height); y++) {
    for (let x = 0; x < Math.min(image.width, width); x++) {
      const i = (y * image.width + x) * 4;
      const a = image.data[i + 3] / 255;
      const grey = 0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2];
      luma[(top + y) * width + left + x] = Math.round(grey * a + 255 * (1 - a));
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: opts.frames ?? 10 }, () => frame)]));
}
