import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { withCheckChar } from '@govpass/shared-types';
import { launchMobileBrowser, type MobileBrowser } from '../support/browser';
import { decodeQr } from '../support/decode-qr';
import { waitForText } from '../support/page-text';
import { startTestApp, type TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
const H5_DIST = join(ROOT, 'miniapp/dist/h5');
const SHOTS = join(ROOT, 'artifacts/screenshots');
const PHARMACY = { id: 'e2e-scan-ph', name: '扫码大药房（测试店）', address: '庐阳区扫码路 8 号' };
const HALL = 'hall-e2e-scan';
const HALL_CSV = [
  'kind,hallId,id,name,a,b,c,d,e',
  `hall,${HALL},,扫码政务服务中心,庐阳区扫码路 9 号,庐阳区,,1-7 00:00-23:59,`,
  `service,${HALL},svc-scan,户籍业务,公安,A,8,allowed,居民身份证*`,
  `window,${HALL},win-scan-1,户籍窗口,1,svc-scan,open,,`,
].join('\n');
// The account a fresh H5 browser logs in as by default (platform/dev-account.h5.ts).
const FRESH_CITIZEN = { dev: 'citizen-1', name: '郑十一', idNumber: withCheckChar('34010219850505202') };
const OP = { accountId: 'e2e-scan-admin', requestId: null };
const PHONE = { width: 375, height: 812 };

let t: TestApp;
let adminBrowser: MobileBrowser;
const pageErrors: string[] = [];

function watch(page: Page): Page {
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

/** A phone that has never seen govpass: a new Chromium profile. */
async function freshPhone(): Promise<{ browser: MobileBrowser; page: Page; apiCalls: string[] }> {
  const browser = await launchMobileBrowser();
  const page = watch(await browser.context.newPage());
  await page.setViewportSize(PHONE);
  const apiCalls: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/')) apiCalls.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return { browser, page, apiCalls };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('real', { server: { staticDir: H5_DIST } });
  await t.app.services.registry.loadCsv(`${FRESH_CITIZEN.name},${FRESH_CITIZEN.idNumber}\n`);
  await t.app.services.masks.pharmacyAdmin.create(OP, { ...PHARMACY, district: '庐阳区', lat: 31.86, lng: 117.28, phone: '0551-88888888', openingHours: '08:00-21:00' });
  const citizen = await t.loginDev(FRESH_CITIZEN.dev);
  expect((await t.request('POST', '/api/v1/identity', { token: citizen.token, body: { name: FRESH_CITIZEN.name, idNumber: FRESH_CITIZEN.idNumber } })).status).toBe(200);
  const admin = await t.loginDev('e2e-scan-admin');
  await t.app.services.roles.grant('e2e', { accountId: admin.userId, role: 'admin', scopeId: null }, null);
  expect((await t.request('POST', '/api/v1/admin/halls/import', { token: admin.token, body: { csv: HALL_CSV } })).status).toBe(200);
  adminBrowser = await launchMobileBrowser();
}, 90_000);

afterAll(async () => {
  await adminBrowser?.close();
  await t?.close();
});

describe('entry by scan end to end: H5 in Chromium against the real BFF (MariaDB + Redis)', () => {
  let printedUrl = '';
  let poster: Page;

  it('the administrator opens the pharmacy’s poster from 扫码海报; its QR decodes to the printed URL', async () => {
    poster = watch(await adminBrowser.context.newPage());
    await poster.setViewportSize(PHONE);
    await poster.goto(`${t.baseUrl}/?dev=e2e-scan-admin#/pages/index/index`);
    await poster.waitForSelector('#service-posters', { timeout: 20_000 });
    await poster.click('#service-posters');
    await poster.waitForSelector(`#poster-item-${PHARMACY.id}`, { timeout: 15_000 });
    // Halls are chosen from a list too, a hall's windows one tap further.
    await poster.waitForSelector(`#poster-item-hall-${HALL}`, { timeout: 15_000 });
    await poster.click(`#hall-windows-${HALL}`);
    await waitForText(poster, '#poster-item-window-win-scan-1 .poster-item-name', '1号窗口', 15_000);
    await poster.waitForTimeout(400);
    await poster.screenshot({ path: join(SHOTS, 'scan-posters-list.png'), fullPage: true });
    await poster.click(`#poster-item-${PHARMACY.id}`);
    await waitForText(poster, '#poster-name', PHARMACY.name, 15_000);
    await waitForText(poster, '#poster-address', PHARMACY.address);
    await poster.waitForTimeout(600);
    await poster.screenshot({ path: join(SHOTS, 'scan-poster-pharmacy.png'), fullPage: true });
    printedUrl = (await decodeQr(poster, '#poster-qr')) ?? '';
    expect(printedUrl).toBe(`${t.baseUrl}/s/pharmacy/${PHARMACY.id}`);
    expect(await poster.textContent('#poster-elderly')).toContain('不会用手机');
  }, 60_000);

  it('prints the poster to one A4 page of PDF', async () => {
    const pdf = await poster.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(SHOTS, 'scan-poster-pharmacy.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    // What the sheet looks like: print media at A4's width in CSS pixels (210 mm at 96 dpi).
    await poster.emulateMedia({ media: 'print' });
    await poster.setViewportSize({ width: 794, height: 1123 });
    expect(await poster.locator('#poster-print').isVisible()).toBe(false);
    await poster.screenshot({ path: join(SHOTS, 'scan-poster-print.png') });
    expect(await decodeQr(poster, '#poster-qr')).toBe(printedUrl);
    await poster.emulateMedia({ media: 'screen' });
    await poster.setViewportSize(PHONE);
  }, 30_000);

  it('a fresh phone opening the decoded URL lands on that pharmacy’s booking page, logged in', async () => {
    const { browser, page, apiCalls } = await freshPhone();
    try {
      await page.goto(printedUrl);
      await waitForText(page, '#confirm-pharmacy-name', PHARMACY.name, 20_000);
      await waitForText(page, '#confirm-pharmacy-address', PHARMACY.address);
      await page.waitForSelector('#confirm-person-self', { timeout: 15_000 });
      await page.waitForTimeout(600);
      await page.screenshot({ path: join(SHOTS, 'scan-entry-booking.png') });
      // The silent login answered before the booking page asked for anything that needs a session.
      const login = apiCalls.indexOf('200 POST /api/v1/auth/login');
      expect(login).toBeGreaterThanOrEqual(0);
      expect(apiCalls.filter((c) => c.startsWith('401'))).toEqual([]);
      expect(apiCalls.findIndex((c) => c.includes('/api/v1/family') || c.includes('/api/v1/masks/'))).toBeGreaterThan(login);
      // The entry was taken out of the address bar: a reload does not open it again.
      expect(new URL(page.url()).search).toBe('');
      expect(await page.locator('#confirm-error-box').count()).toBe(0);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it.each([
    ['a damaged code', '/s/pharmacy/%E4%B8', '这个二维码无法识别'],
    ['an unknown kind', '/s/shop/e2e-scan-ph', '这个二维码无法识别'],
    ['a pharmacy that no longer exists', '/s/pharmacy/e2e-gone-ph', '这个二维码对应的地点已不存在'],
  ])('%s lands on home with the sentence', async (_name, path, sentence) => {
    const { browser, page } = await freshPhone();
    try {
      await page.goto(`${t.baseUrl}${path}`);
      await page.waitForSelector('#entry-notice-text', { timeout: 20_000 });
      expect(await page.textContent('#entry-notice-text')).toContain(sentence);
      expect(await page.locator('#page-index').count()).toBe(1);
      await page.waitForSelector('#verify-status', { timeout: 15_000 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(SHOTS, `scan-entry-home-${path.split('/')[2]}.png`) });
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('logs no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
