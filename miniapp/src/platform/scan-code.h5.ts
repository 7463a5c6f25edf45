import jsQR from 'jsqr';
import type { Platform } from './types';

/*
 * A plain browser has no native scanner (Taro.scanCode needs WeChat's JS-SDK), but most phones
 * and counter PCs have a camera: getUserMedia streams it into a <video>, frames are drawn onto a
 * canvas and decoded with jsQR (a maintained decoder). Where there is no camera, the page offers
 * typing the code instead. A refused or failed camera, or 取消, yields null (the page then opens
 * manual entry), never an error.
 */

const FRAME_INTERVAL_MS = 120;
/** Frames are decoded at most this wide: plenty for a phone-screen QR, cheap on a slow PC. */
const MAX_DECODE_WIDTH = 640;

export const canScan: boolean =
  typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices) && typeof navigator.mediaDevices.getUserMedia === 'function';

interface Overlay {
  root: HTMLDivElement;
  video: HTMLVideoElement;
  cancel: HTMLButtonElement;
}

function buildOverlay(): Overlay {
  const root = document.createElement('div');
  root.id = 'h5-scanner';
  root.setAttribute('role', 'dialog');
  root.setAttribute('aria-label', '扫描取货码');
  root.style.cssText = 'position:fixed;inset:0;z-index:10000;background:#000;display:flex;flex-direction:column;align-items:center;justify-content:center;';
  const video = document.createElement('video');
  video.id = 'h5-scanner-video';
  video.setAttribute('playsinline', 'true');
  video.muted = true;
  video.style.cssText = 'width:100%;max-height:70vh;object-fit:cover;';
  const hint = document.createElement('div');
  hint.textContent = '请把居民手机上的二维码放进画面';
  hint.style.cssText = 'color:#fff;font-size:18px;margin:16px;text-align:center;';
  const cancel = document.createElement('button');
  cancel.id = 'h5-scanner-cancel';
  cancel.type = 'button';
  cancel.textContent = '取消扫码，手动输入';
  cancel.style.cssText = 'min-height:52px;padding:0 24px;font-size:18px;border-radius:8px;border:none;background:#fff;color:#1a1a1a;';
  root.append(video, hint, cancel);
  document.body.appendChild(root);
  return { root, video, cancel };
}

/** Decodes the current frame; null when it holds no QR code. */
function decodeFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (!w || !h) return null;
  const scale = Math.min(1, MAX_DECODE_WIDTH / w);
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data || null;
}

export const scanCode: Platform['scanCode'] = async () => {
  if (!canScan) return null;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch {
    return null;
  }
  const overlay = buildOverlay();
  const canvas = document.createElement('canvas');
  return new Promise<string | null>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (text: string | null) => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      for (const track of stream.getTracks()) track.stop();
      overlay.root.remove();
      resolve(text);
    };
    const tick = () => {
      timer = undefined;
      let text: string | null;
      try {
        text = decodeFrame(overlay.video, canvas);
      } catch {
        text = null;
      }
      if (text) finish(text);
      else timer = setTimeout(tick, FRAME_INTERVAL_MS);
    };
    overlay.cancel.addEventListener('click', () => finish(null));
    overlay.video.srcObject = stream;
    overlay.video.play().then(tick, () => finish(null));
  });
};
