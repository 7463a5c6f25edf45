import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { withCheckChar } from '@govpass/shared-types';
import { launchMobileBrowser, type MobileBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitForText } from '../support/page-text';

/**
 * A citizen's rights in the H5 app, in headless Chromium against the real BFF (MariaDB + Redis)
 * with the consent gate on: agree → bind → book → export shows the booking → delete → logged out,
 * data gone, registering again works. Screenshots at 375×812, 关怀模式 off and on.
 */
const ROOT = resolve(__dirname, '../..');
const H5_DIST = join(ROOT, 'miniapp/dist/h5');
const SHOTS = join(ROOT, 'artifacts/screenshots');
const CITIZEN = { name: '郑十一', idNumber: withCheckChar('34010419870707201') };
const PHARMACY = 'e2e-rights-ph';
const PHARMACY_NAME = '权利大药房（测试店）';
const OP = { accountId: 'e2e-admin', requestId: null };
const LOGIN = 'e2e-rights';

let t: TestApp;
let browser: MobileBrowser;
let page: Page;
const pageErrors: string[] = [];

const shot = async (name: string) => {
  await page.waitForTimeout(600); // Taro's H5 page slide-in, so the screenshot shows the settled page
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};
const accountIdNow = async () => (await t.app.database.db.selectFrom('accounts').select(['id', 'person_id']).where('channel_user_id', 'like', `%${LOGIN}%`).execute());

beforeAll(async () => {
  if (!existsSync(join(H5_DIST, 'index.html'))) throw new Error('The H5 build is required: run `npm run build:h5` first');
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('real', { server: { staticDir: H5_DIST }, privacy: { consentRequired: true } });
  await t.app.services.registry.loadCsv(`${CITIZEN.name},${CITIZEN.idNumber}\n`);
  const { masks } = t.app.services;
  await masks.pharmacyAdmin.create(OP, { id: PHARMACY, name: PHARMACY_NAME, address: '蜀山区测试路 9 号', district: '蜀山区', lat: 31.85, lng: 117.25, phone: '0551-00000009', openingHours: '08:00-21:00' });
  const now = Date.now();
  const round = await masks.roundAdmin.create(OP, { name: '权利测试轮次', opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString() });
  await masks.roundAdmin.setQuotas(OP, round.id, { items: [{ pharmacyId: PHARMACY, quota: 10 }] });
  browser = await launchMobileBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 375, height: 812 });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/api/')) pageErrors.push(`${r.status()} ${r.url()}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Taro's H5 keeps earlier pages in the DOM (hidden), each with its PageShell's popup: act on the visible one. */
async function agreeInPopup(): Promise<void> {
  await page.locator('#privacy-popup:visible').waitFor({ timeout: 20_000 });
  await page.locator('#privacy-agree:visible').click();
  await page.locator('#privacy-popup:visible').waitFor({ state: 'hidden', timeout: 10_000 });
}

async function bindIdentity(): Promise<void> {
  await page.click('#verify-banner');
  await page.waitForSelector('#identity-name input');
  await page.fill('#identity-name input', CITIZEN.name);
  await page.fill('#identity-id-number input', CITIZEN.idNumber);
  await page.click('#identity-submit');
  await waitForText(page, '#identity-masked-name', '郑**');
  await page.click('#identity-done');
  await page.waitForSelector('#verify-status', { timeout: 10_000 });
}

describe('a citizen’s rights in H5 against the real BFF (consent gate on)', () => {
  it('asks for agreement on first use, with the policy one tap away, and records it', async () => {
    await page.goto(`${t.baseUrl}/?dev=${LOGIN}#/pages/index/index`);
    await page.waitForSelector('#privacy-popup', { timeout: 20_000 });
    await shot('rights-consent-popup');
    await page.click('#privacy-policy-link');
    await waitForText(page, '.privacy-title', '政务通隐私政策');
    await shot('rights-privacy-policy');
    await page.goBack();
    await agreeInPopup();
    const [account] = await accountIdNow();
    const rows = await t.app.database.db.selectFrom('privacy_consents').select(['version', 'channel']).where('account_id', '=', account.id).execute();
    expect(rows).toEqual([{ version: 'v1', channel: 'h5' }]);
  }, 60_000);

  it('binds the identity and books masks', async () => {
    await bindIdentity();
    await page.click('#service-mask');
    await page.waitForSelector(`#book-${PHARMACY}`, { timeout: 15_000 });
    await page.click(`#book-${PHARMACY}`);
    await page.waitForSelector('#confirm-submit');
    await page.click('#confirm-submit');
    await page.waitForSelector('.reservation-item--new', { timeout: 15_000 });
  }, 60_000);

  it('shows sessions on 我的 and an export that includes the booking (关怀模式 off and on)', async () => {
    await t.loginDev(LOGIN); // another device
    await page.goto(`${t.baseUrl}/?dev=${LOGIN}#/pages/profile/index`); // and a new session here
    await page.waitForSelector('#profile-sessions .session-row', { timeout: 20_000 });
    expect(await page.locator('#profile-sessions .session-row').count()).toBeGreaterThanOrEqual(2);
    await shot('rights-profile');
    await page.locator('#profile-delete').scrollIntoViewIfNeeded();
    await shot('rights-profile-bottom');
    await page.click('#profile-export');
    await page.waitForSelector('#my-data-maskReservations', { timeout: 15_000 });
    expect(await page.textContent('#my-data-maskReservations')).toContain(PHARMACY_NAME);
    expect(await page.textContent('#my-data-identity')).toContain('郑**');
    expect(await page.textContent('body')).not.toContain(CITIZEN.idNumber);
    await shot('rights-my-data');
    await page.goBack();
    await page.waitForSelector('#elderly-switch');
    await page.click('#elderly-switch');
    await page.waitForSelector('#page-profile.elderly');
    await shot('rights-profile-elderly');
    await page.locator('#profile-delete').scrollIntoViewIfNeeded();
    await shot('rights-profile-bottom-elderly');
    await page.click('#profile-export');
    await page.waitForSelector('#page-my-data.elderly #my-data-maskReservations', { timeout: 15_000 });
    await shot('rights-my-data-elderly');
    await page.goBack();
    await page.click('#elderly-switch');
    await page.waitForSelector('#page-profile:not(.elderly)');
  }, 60_000);

  it('deletes the account after the typed phrase: logged out, booking cancelled, identity gone', async () => {
    const [before] = await accountIdNow();
    await page.click('#profile-delete-start');
    await page.waitForSelector('#profile-delete-input input');
    await page.fill('#profile-delete-input input', '确认注销');
    await shot('rights-delete-confirm');
    await page.click('#profile-delete-confirm');
    await waitForText(page, '#profile-signed-out .card-title', '账号已注销', 15_000);
    await shot('rights-deleted');
    expect(await accountIdNow()).toEqual([]);
    expect(await t.app.database.db.selectFrom('persons').select('id').where('id', '=', before.person_id as string).execute()).toEqual([]);
    const reservations = await t.app.database.db.selectFrom('mask_reservations').select('status').where('account_id', '=', before.id).execute();
    expect(reservations).toEqual([{ status: 'cancelled' }]);
    expect(await t.app.database.db.selectFrom('account_sessions').select('id').where('account_id', '=', before.id).execute()).toEqual([]);
  }, 60_000);

  it('registers again as a new account: agreement asked again, identity binds again', async () => {
    await page.click('#profile-login-again');
    await agreeInPopup();
    await page.goto(`${t.baseUrl}/?dev=${LOGIN}#/pages/index/index`);
    await page.waitForSelector('#verify-banner', { timeout: 20_000 });
    await bindIdentity();
    const accounts = await accountIdNow();
    expect(accounts).toHaveLength(1);
    expect(accounts[0].person_id).not.toBeNull();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
