import { toBuffer } from 'qrcode';

/** What a fake platform draws for a mini-program code: a real PNG QR code of `text`, readable back in tests. */
export function miniCodeImage(text: string): Promise<Buffer> {
  return toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 4 });
}
