import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { withCheckChar } from '@govpass/shared-types';
import { launchMobileBrowser, type MobileBrowser } from '../support/browser';
import { decodeQr } from '../support/decode-qr';
import { writeY4mOfPng } from '../support/fake-camera';
import { waitForText } from '../support/page-text';
import { startTestApp, type TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
const H5_DIST = join(ROOT, 'miniapp/dist/h5');
const SHOTS = join(ROOT, 'artifacts/screenshots');
/** The counter helper's own copies for review (set COUNTER_SHOTS to keep them elsewhere). */
const REVIEW_SHOTS = process.env.COUNTER_SHOTS ?? null;
const CITIZEN2 = { name: '郑十一', idNumber: withCheckChar('34010219880808101') };
const CITIZEN = { name: '吴十', idNumber: withCheckChar('34010219900909101') };
const PHARMACY = 'e2e-ph-1';
const OP = { accountId: 'e2e-admin', requestId: null };
const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;

let t: TestApp;
let citizenBrowser: MobileBrowser;
let pharmacistBrowser: MobileBrowser;
const pageErrors: string[] = [];

function watch(page: Page): Page {
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/api/')) pageErrors.push(`${r.status()} ${r.url()}`);
  });
  return page;
}

/** A round open now whose pickup day is today (China time), so the pharmacist can redeem at once. */
function roundOpenTodayWithPickupToday(now: number) {
  const endOfChinaDay = Math.floor((now + CHINA) / DAY) * DAY + DAY - CHINA - 1000;
  const today = new Date(now + CHINA).toISOString().slice(0, 10);
  return { name: '端到端测试轮次', opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(Math.min(now + 30 * 60_000, endOfChinaDay)).toISOString(), pickupDate: today };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('real', { server: { staticDir: H5_DIST } });
  await t.app.services.registry.loadCsv(`${CITIZEN.name},${CITIZEN.idNumber}\n${CITIZEN2.name},${CITIZEN2.idNumber}\n`);
  const { masks, roles } = t.app.services;
  await masks.pharmacyAdmin.create(OP, { id: PHARMACY, name: '端到端大药房（测试店）', address: '包河区测试路 1 号', district: '包河区', lat: 31.85, lng: 117.3, phone: '0551-00000000', openingHours: '08:00-21:00' });
  const { round } = { round: await masks.roundAdmin.create(OP, roundOpenTodayWithPickupToday(Date.now())) };
  await masks.roundAdmin.setQuotas(OP, round.id, { items: [{ pharmacyId: PHARMACY, quota: 100 }] });
  const citizen = await t.loginDev('e2e-masks');
  expect((await t.request('POST', '/api/v1/identity', { token: citizen.token, body: CITIZEN })).status).toBe(200);
  const pharmacist = await t.loginDev('e2e-pharmacist');
  await roles.grant('e2e', { accountId: pharmacist.userId, role: 'pharmacist', scopeId: PHARMACY }, null);
  citizenBrowser = await launchMobileBrowser();
}, 90_000);

async function shot(page: Page, name: string): Promise<void> {
  const path = join(SHOTS, name);
  await page.screenshot({ path });
  if (REVIEW_SHOTS) {
    mkdirSync(REVIEW_SHOTS, { recursive: true });
    copyFileSync(path, join(REVIEW_SHOTS, name));
  }
}

afterAll(async () => {
  await citizenBrowser?.close();
  await pharmacistBrowser?.close();
  await t?.close();
});

describe('mask booking end to end: H5 in Chromium against the real BFF (MariaDB + Redis)', () => {
  let citizen: Page;
  let reservationId = '';
  let pickupCode = '';

  it('lists the pharmacy with its live stock and books it', async () => {
    citizen = watch(await citizenBrowser.context.newPage());
    await citizen.goto(`${t.baseUrl}/?dev=e2e-masks#/pages/index/index`);
    await citizen.waitForSelector('#verify-status', { timeout: 20_000 });
    await citizen.click('#service-mask');
    await citizen.waitForSelector(`#pharmacy-${PHARMACY}`, { timeout: 15_000 });
    await waitForText(citizen, '#round-status', '预约中');
    await citizen.waitForTimeout(600);
    await citizen.screenshot({ path: join(SHOTS, 'masks-pharmacies.png') });
    await citizen.click(`#book-${PHARMACY}`);
    await citizen.waitForSelector('#confirm-person-self');
    await citizen.click('#confirm-submit');
    await citizen.waitForSelector('.reservation-item--new', { timeout: 15_000 });
    reservationId = ((await citizen.locator('.reservation-item--new').getAttribute('id')) ?? '').replace('reservation-', '');
    expect(reservationId).toMatch(/^[0-9a-f-]{36}$/);
    await waitForText(citizen, `#reservation-${reservationId}-status`, '待取');
  }, 60_000);

  it('shows a QR code that decodes to the signed pickup code of this reservation', async () => {
    pickupCode = ((await citizen.textContent(`#reservation-${reservationId}-code-text`)) ?? '').trim();
    await citizen.locator(`#reservation-${reservationId}-qr`).scrollIntoViewIfNeeded();
    await citizen.waitForTimeout(600);
    await citizen.screenshot({ path: join(SHOTS, 'masks-reservation-qr.png') });
    const decoded = await decodeQr(citizen, `#reservation-${reservationId}-qr`);
    expect(decoded).toBe(pickupCode);
    expect(t.app.services.masks.pickupCodes.verify(decoded as string)).toMatchObject({ reservationId, pharmacyId: PHARMACY });
  }, 30_000);

  it('lets the pharmacist scan it with the camera (a fake camera filming the QR) and redeem it once; the citizen then sees 已核销', async () => {
    // The counter's camera films the citizen's phone: frames made from the QR on the citizen's screen.
    const qrPng = await citizen.locator(`#reservation-${reservationId}-qr`).screenshot();
    const camera = join(mkdtempSync(join(tmpdir(), 'govpass-camera-')), 'qr.y4m');
    writeY4mOfPng(camera, qrPng);
    pharmacistBrowser = await launchMobileBrowser({ fakeCameraFile: camera });
    const pharmacist = watch(await pharmacistBrowser.context.newPage());
    await pharmacist.goto(`${t.baseUrl}/?dev=e2e-pharmacist#/pages/index/index`);
    await pharmacist.waitForSelector('#service-redeem', { timeout: 20_000 });
    // An operator is not nagged to verify a real-name identity.
    expect(await pharmacist.locator('#verify-banner').count()).toBe(0);
    await pharmacist.click('#service-redeem');
    await waitForText(pharmacist, '#redeem-pharmacy-name', '端到端大药房（测试店）');
    await pharmacist.waitForTimeout(400);
    await shot(pharmacist, 'masks-redeem-page.png');
    await pharmacist.click('#redeem-scan');
    await pharmacist.waitForSelector('#redeem-result[data-outcome="success"]', { timeout: 20_000 });
    await waitForText(pharmacist, '#redeem-holder', '持码人：吴*');
    expect(await pharmacist.locator('#h5-scanner').count()).toBe(0);
    await pharmacist.waitForTimeout(600);
    await shot(pharmacist, 'masks-redeem-success.png');

    await pharmacist.click('#redeem-next');
    await pharmacist.click('#redeem-manual-toggle');
    await pharmacist.fill('#redeem-manual-input input', pickupCode);
    await pharmacist.click('#redeem-submit');
    await pharmacist.waitForSelector('#redeem-result[data-outcome="failure"][data-code="ALREADY_REDEEMED"]', { timeout: 15_000 });
    await pharmacist.waitForTimeout(400);
    await shot(pharmacist, 'masks-redeem-failure.png');

    await citizen.reload();
    await citizen.waitForSelector(`#reservation-${reservationId}-status`, { timeout: 20_000 });
    await waitForText(citizen, `#reservation-${reservationId}-status`, '已核销');
    const row = await t.app.database.db.selectFrom('mask_reservations').select(['status', 'active_person_id']).where('id', '=', reservationId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'redeemed', active_person_id: null });
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('redeems a short 取货码 read off the citizen screen and typed with spaces, in elderly mode too', async () => {
    const second = await t.loginDev('e2e-masks-2');
    expect((await t.request('POST', '/api/v1/identity', { token: second.token, body: CITIZEN2 })).status).toBe(200);
    const page2 = watch(await citizenBrowser.context.newPage());
    await page2.goto(`${t.baseUrl}/?dev=e2e-masks-2#/pages/index/index`);
    await page2.waitForSelector('#verify-status', { timeout: 20_000 });
    await page2.click('#service-mask');
    await page2.waitForSelector(`#book-${PHARMACY}`, { timeout: 15_000 });
    await page2.click(`#book-${PHARMACY}`);
    await page2.waitForSelector('#confirm-person-self');
    await page2.click('#confirm-submit');
    await page2.waitForSelector('.reservation-item--new', { timeout: 15_000 });
    const id = ((await page2.locator('.reservation-item--new').getAttribute('id')) ?? '').replace('reservation-', '');
    const shown = ((await page2.textContent(`#reservation-${id}-short-code`)) ?? '').trim();
    expect(shown).toMatch(/^\d{3} \d{3} \d{4}$/);
    await page2.locator(`#reservation-${id}-short-code`).scrollIntoViewIfNeeded();
    await page2.waitForTimeout(400);
    await shot(page2, 'masks-reservation-short-code.png');

    const pharmacist = watch(await pharmacistBrowser.context.newPage());
    await pharmacist.setViewportSize({ width: 375, height: 812 });
    await pharmacist.goto(`${t.baseUrl}/?dev=e2e-pharmacist#/pages/index/index`);
    await pharmacist.evaluate(() => localStorage.setItem('govpass.elderlyMode', JSON.stringify({ data: true })));
    await pharmacist.goto(`${t.baseUrl}/?dev=e2e-pharmacist#/packageMasks/pages/redeem/index`);
    await pharmacist.waitForSelector('.page.elderly #redeem-manual-toggle', { timeout: 20_000 });
    await pharmacist.click('#redeem-manual-toggle');
    await pharmacist.waitForSelector('#redeem-manual-input input');
    for (const button of ['#redeem-submit', '#redeem-manual-close']) {
      const box = await pharmacist.locator(button).boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
    const [a, b] = await Promise.all(['#redeem-submit', '#redeem-manual-close'].map((sel) => pharmacist.locator(sel).boundingBox()));
    expect(Math.abs((a?.y ?? 0) - (b?.y ?? 1))).toBeLessThan(1);
    expect(Math.abs((a?.width ?? 0) - (b?.width ?? 1))).toBeLessThan(1);
    await pharmacist.fill('#redeem-manual-input input', shown);
    await pharmacist.waitForTimeout(300);
    await shot(pharmacist, 'masks-redeem-manual-elderly.png');
    await pharmacist.click('#redeem-submit');
    await pharmacist.waitForSelector('#redeem-result[data-outcome="success"]', { timeout: 15_000 });
    await waitForText(pharmacist, '#redeem-holder', '持码人：郑**');
    await pharmacist.waitForTimeout(400);
    await shot(pharmacist, 'masks-redeem-success-elderly.png');
    const row = await t.app.database.db.selectFrom('mask_reservations').select(['status', 'short_code']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'redeemed', short_code: shown.replace(/ /g, '') });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
