import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { withCheckChar } from '@govpass/shared-types';
import { launchMobileBrowser, type MobileBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';
import { visibleTexts, waitForText } from '../support/page-text';

const ROOT = resolve(__dirname, '../..');
const H5_DIST = join(ROOT, 'miniapp/dist/h5');
const SHOTS = join(ROOT, 'artifacts/screenshots');
const CITIZEN = { name: '周九', idNumber: withCheckChar('34010419921212301') };

let t: TestApp;
let browser: MobileBrowser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(H5_DIST, 'index.html'))) throw new Error('The H5 build is required: run `npm run build:h5` first');
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('real', { server: { staticDir: H5_DIST } });
  await t.app.services.registry.loadCsv(`${CITIZEN.name},${CITIZEN.idNumber}\n`);
  browser = await launchMobileBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/api/')) pageErrors.push(`${r.status()} ${r.url()}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('H5 in headless Chromium against the real BFF (MariaDB + Redis)', () => {
  it('logs in silently and lands on home, unverified', async () => {
    await page.goto(`${t.baseUrl}/?dev=e2e-citizen#/pages/index/index`);
    await page.waitForSelector('#verify-banner', { timeout: 20_000 });
    expect((await visibleTexts(page, '#service-grid')).join('')).toContain('口罩预约');
    await page.screenshot({ path: join(SHOTS, 'home.png') });
  }, 30_000);

  it('shows a wrong check digit inline, then verifies and returns home verified', async () => {
    await page.click('#verify-banner');
    await page.waitForSelector('#identity-name input');
    const wrong = CITIZEN.idNumber.slice(0, 17) + (CITIZEN.idNumber[17] === '1' ? '2' : '1');
    await page.fill('#identity-name input', CITIZEN.name);
    await page.fill('#identity-id-number input', wrong);
    await page.click('#identity-submit');
    await waitForText(page, '#identity-id-number-error', '身份证号最后一位不对，请核对');
    await page.screenshot({ path: join(SHOTS, 'identity-error.png') });
    const { userId } = await t.loginDev('e2e-citizen');
    expect((await t.app.services.accounts.findById(userId))?.personId).toBeNull();

    await page.fill('#identity-id-number input', CITIZEN.idNumber);
    await page.click('#identity-submit');
    await waitForText(page, '#identity-masked-name', '周*');
    await waitForText(page, '#identity-masked-id-number', `3401**********${CITIZEN.idNumber.slice(-4)}`);
    expect((await t.app.services.accounts.findById(userId))?.personId).not.toBeNull();
    await page.click('#identity-done');
    await page.waitForSelector('#verify-status', { timeout: 10_000 });
  }, 30_000);

  it('shows the masked identity and roles on 我的, and 关怀模式 sticks across a reload', async () => {
    await page.click('#service-profile');
    await waitForText(page, '#profile-name', '周*');
    expect(await visibleTexts(page, '#profile-roles .role-tag')).toEqual(['市民']);
    await page.waitForTimeout(600); // Taro's H5 page slide-in, so the screenshot shows the settled page
    await page.screenshot({ path: join(SHOTS, 'profile.png') });
    await page.click('#elderly-switch');
    await page.waitForSelector('#page-profile.elderly');
    await page.reload();
    await page.waitForSelector('#page-profile.elderly', { timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'profile-elderly.png') });
    expect(pageErrors).toEqual([]);
  }, 40_000);
});
