import type { Page } from 'playwright-core';
import { launchMobileBrowser, type MobileBrowser } from './browser';

export interface Viewport {
  width: number;
  height: number;
}

export const PHONE: Viewport = { width: 375, height: 812 };
export const DESK: Viewport = { width: 1280, height: 800 };

export interface OpenOptions {
  size?: Viewport;
  /** 关怀模式 as 我的 stores it, set on the home page before the page under test opens. */
  elderly?: boolean;
  /** What the home page shows once signed in, awaited before storage is touched. */
  signedIn?: string;
  /** Runs on the new page before it loads anything (route stubs). */
  prepare?: (page: Page) => Promise<void>;
}

/**
 * The devices of one end-to-end suite: a fresh Chromium per account (one account's session never
 * leaks into another's pages), signed in through the H5 dev login, at a phone's size unless told.
 * Script errors and failed loads of the app's own files (not API refusals, which tests provoke)
 * are collected in `errors`, which a suite expects empty.
 */
export class E2eDevices {
  readonly errors: string[] = [];
  private readonly browsers: MobileBrowser[] = [];

  constructor(private readonly baseUrl: () => string) {}

  async open(login: string, route: string, options: OpenOptions = {}): Promise<{ page: Page; browser: MobileBrowser }> {
    const browser = await launchMobileBrowser();
    this.browsers.push(browser);
    const page = await browser.context.newPage();
    await page.setViewportSize(options.size ?? PHONE);
    page.on('pageerror', (e) => this.errors.push(`${login}: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().includes('/api/')) this.errors.push(`${login}: ${r.status()} ${r.url()}`);
    });
    await options.prepare?.(page);
    if (options.elderly !== undefined) {
      await page.goto(`${this.baseUrl()}/?dev=${login}#/pages/index/index`);
      if (options.signedIn) await page.waitForSelector(options.signedIn, { timeout: 20_000 });
      await page.evaluate((on) => localStorage.setItem('govpass.elderlyMode', JSON.stringify({ data: on })), options.elderly);
    }
    await page.goto(`${this.baseUrl()}/?dev=${login}#${route}`);
    return { page, browser };
  }

  async page(login: string, route: string, options: OpenOptions = {}): Promise<Page> {
    return (await this.open(login, route, options)).page;
  }

  async close(): Promise<void> {
    for (const b of this.browsers.splice(0)) await b.close();
  }
}

/** Taro's H5 page slide-in, so a screenshot shows the settled page. */
export const settle = (page: Page): Promise<void> => page.waitForTimeout(700);
