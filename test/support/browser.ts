import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google hosts this sandbox refuses.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface MobileBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /**
   * A camera that films this file (Y4M or MJPEG, looped): Chromium's fake capture device, with the
   * permission prompt answered yes, so getUserMedia works in tests (see test/support/fake-camera.ts).
   */
  fakeCameraFile?: string;
}

/** A fresh Chromium with its own profile, as a 375×667 phone. Required: fails if Chromium is missing. */
export async function launchMobileBrowser(options: BrowserOptions = {}): Promise<MobileBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is required for end-to-end tests at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`);
  const profile = mkdtempSync(join(tmpdir(), 'govpass-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: options.fakeCameraFile
      ? [...FLAGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${options.fakeCameraFile}`]
      : FLAGS,
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser };
