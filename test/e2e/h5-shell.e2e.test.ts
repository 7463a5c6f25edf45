import { existsSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { withCheckChar } from '@govpass/shared-types';
import { launchMobileBrowser, type MobileBrowser } from '../support/browser';
import { visibleTargets, visibleTextSamples, worstContrast } from '../support/legibility';
import { waitForText } from '../support/page-text';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The app shell in headless Chromium against the real BFF (MariaDB + Redis): the H5 title bar and
 * deep links, `?dev=` account switching (no request with the previous person's token), and
 * 关怀模式 measured — rendered text ≥ 18 px, contrast ≥ 4.5 : 1, touch targets — on the home,
 * mask and health-code pages. Screenshots (375×812, 关怀模式 on and off) go to SHOTS.
 */
const ROOT = resolve(__dirname, '../..');
const H5_DIST = join(ROOT, 'miniapp/dist/h5');
const SHOTS = process.env.GOVPASS_SHOTS_DIR ?? join(ROOT, 'artifacts/screenshots');
const A = { login: 'e2e-shell-a', name: '钱十二', idNumber: withCheckChar('34010419880808301') };
const B = { login: 'e2e-shell-b', name: '孙十三', idNumber: withCheckChar('34010419900909402') };
const PHARMACY = 'e2e-shell-ph';
const PHARMACY_NAME = '外壳大药房（测试店）';
const OP = { accountId: 'e2e-admin', requestId: null };
const CHINA = 8 * 3_600_000;
const DAY = 86_400_000;

/** MIIT 适老化: main text ≥ 18 px in 关怀模式; WCAG AA contrast; tap targets ≥ 44 px (48 in 关怀模式). */
const ELDERLY_MIN_FONT_PX = 18;
const MIN_CONTRAST = 4.5;
const MIN_TARGET_PX = 44;
const ELDERLY_MIN_TARGET_PX = 48;
const TARGETS = 'taro-button-core, button, .service-item, #home-elderly-toggle, .chip, #taro-navigation-bar.taro-navigation-bar-back-icon .taro-navigation-bar-back, #taro-navigation-bar.taro-navigation-bar-home-icon .taro-navigation-bar-home';

let t: TestApp;
let browser: MobileBrowser;
let page: Page;
let userB = '';
const pageErrors: string[] = [];

const settle = () => page.waitForTimeout(700); // Taro's H5 page slide-in
const shot = async (name: string) => {
  await settle();
  await page.screenshot({ path: join(SHOTS, `shell-${name}.png`) });
};

async function verifiedCitizen(who: typeof A): Promise<{ token: string; userId: string }> {
  const caller = await t.loginDev(who.login);
  expect((await t.request('POST', '/api/v1/identity', { token: caller.token, body: { name: who.name, idNumber: who.idNumber } })).status).toBe(200);
  return caller;
}

beforeAll(async () => {
  if (!existsSync(join(H5_DIST, 'index.html'))) throw new Error('The H5 build is required: run `npm run build:h5` first');
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('real', { server: { staticDir: H5_DIST } });
  await t.app.services.registry.loadCsv(`${A.name},${A.idNumber}\n${B.name},${B.idNumber}\n`);
  const { masks } = t.app.services;
  await masks.pharmacyAdmin.create(OP, { id: PHARMACY, name: PHARMACY_NAME, address: '庐阳区测试路 12 号', district: '庐阳区', lat: 31.86, lng: 117.28, phone: '0551-00000012', openingHours: '08:00-21:00' });
  const now = Date.now();
  const endOfChinaDay = Math.floor((now + CHINA) / DAY) * DAY + DAY - CHINA - 1000;
  const round = await masks.roundAdmin.create(OP, {
    name: '外壳测试轮次',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(Math.min(now + 30 * 60_000, endOfChinaDay)).toISOString(),
    pickupDate: new Date(now + CHINA).toISOString().slice(0, 10),
  });
  await masks.roundAdmin.setQuotas(OP, round.id, { items: [{ pharmacyId: PHARMACY, quota: 50 }] });
  const a = await verifiedCitizen(A);
  userB = (await verifiedCitizen(B)).userId;
  const booked = await t.request('POST', '/api/v1/masks/reservations', { token: a.token, body: { pharmacyId: PHARMACY }, headers: { 'idempotency-key': randomUUID() } });
  expect(booked.status).toBe(201);
  browser = await launchMobileBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 375, height: 812 });
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const titleBar = '#taro-navigation-bar';

describe('H5 title bar and deep links', () => {
  it('a deep link to a sub-page shows the title bar with a way home; back returns home', async () => {
    await page.goto(`${t.baseUrl}/?dev=${A.login}#/packageMasks/pages/pharmacies/index`);
    await page.waitForSelector(`#book-${PHARMACY}`, { timeout: 20_000 });
    await page.waitForSelector(`${titleBar}.taro-navigation-bar-show`);
    await waitForText(page, `${titleBar} .taro-navigation-bar-title`, '口罩预约');
    // Opened directly: nothing to go back to, so the bar offers home.
    await page.locator(`${titleBar}.taro-navigation-bar-home-icon .taro-navigation-bar-home`).waitFor();
    await shot('deep-link-title-bar');
    await page.click(`${titleBar} .taro-navigation-bar-home`);
    await page.waitForSelector('#page-index #service-grid', { timeout: 10_000 });
    // The home page draws its own header: no title bar there.
    await page.waitForSelector(`${titleBar}.taro-navigation-bar-hide`, { state: 'attached' });

    // Opened from home: the bar's back button goes back.
    await page.click('#service-mask');
    await page.waitForSelector(`${titleBar}.taro-navigation-bar-back-icon`);
    await page.locator(`#book-${PHARMACY}`).first().waitFor();
    await page.click(`${titleBar} .taro-navigation-bar-back`);
    await page.waitForSelector('#page-index #service-grid:visible', { timeout: 10_000 });
    await page.waitForSelector(`${titleBar}.taro-navigation-bar-hide`, { state: 'attached' });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

/** Authorization headers of the API requests the page sends (login excluded). */
function watchTokens(p: Page) {
  const sent: Array<{ path: string; auth: string | null }> = [];
  const onRequest = (r: Request) => {
    const path = new URL(r.url()).pathname;
    if (!path.startsWith('/api/') || path === '/api/v1/auth/login') return;
    sent.push({ path, auth: r.headers().authorization ?? null });
  };
  p.on('request', onRequest);
  return {
    sent,
    stop: () => p.off('request', onRequest),
  };
}

/** Whose token each distinct Authorization header was, asked of the BFF itself (GET /me). */
async function ownersOf(sent: Array<{ auth: string | null }>): Promise<string[]> {
  const tokens = [...new Set(sent.map((s) => s.auth).filter((a): a is string => a !== null))];
  const owners: string[] = [];
  for (const auth of tokens) {
    const me = await t.request('GET', '/api/v1/me', { token: auth.replace(/^Bearer /, '') });
    owners.push(me.status === 200 ? (me.body as { account: { id: string } }).account.id : `status ${me.status}`);
  }
  return owners;
}

describe('?dev= account switching (H5, development)', () => {
  const reservations = '/packageMasks/pages/reservations/index';

  async function showsAsReservations(): Promise<void> {
    await waitForText(page, '#reservation-list .reservation-value', `${A.name.slice(0, 1)}**`, 20_000).catch(async () => {
      await page.waitForFunction((name) => document.querySelector('#reservation-list')?.textContent?.includes(name), PHARMACY_NAME, { timeout: 20_000 });
    });
  }

  it('a full page load with ?dev=OTHER: every request carries the other account’s token, and its data shows', async () => {
    await page.goto(`${t.baseUrl}/?dev=${A.login}#${reservations}`);
    await showsAsReservations();
    const watch = watchTokens(page);
    await page.goto(`${t.baseUrl}/?dev=${B.login}#${reservations}`);
    await page.waitForSelector('#reservations-empty:visible', { timeout: 20_000 });
    await shot('dev-switch-other-account');
    watch.stop();
    expect(watch.sent.some((s) => s.path === '/api/v1/masks/reservations')).toBe(true);
    expect(await ownersOf(watch.sent)).toEqual([userB]);
    expect(await page.locator('#reservation-list:visible').count()).toBe(0);
  }, 60_000);

  it('a link that changes only the hash (#/…?dev=OTHER) switches too', async () => {
    await page.goto(`${t.baseUrl}/#${reservations}?dev=${A.login}`);
    await showsAsReservations();
    const watch = watchTokens(page);
    await page.goto(`${t.baseUrl}/#${reservations}?dev=${B.login}`);
    await page.waitForSelector('#reservations-empty:visible', { timeout: 20_000 });
    await settle();
    watch.stop();
    expect(watch.sent.some((s) => s.path === '/api/v1/masks/reservations')).toBe(true);
    // Possibly two tokens (the gate's login, then the launch login after the reload): both B's.
    expect(new Set(await ownersOf(watch.sent))).toEqual(new Set([userB]));
    expect(await page.locator('#reservation-list:visible').count()).toBe(0);
  }, 60_000);
});

interface KeyPage {
  name: string;
  route: string;
  ready: string;
}
const KEY_PAGES: KeyPage[] = [
  { name: 'home', route: '/pages/index/index', ready: '#page-index #service-grid' },
  { name: 'masks', route: '/packageMasks/pages/pharmacies/index', ready: `#book-${PHARMACY}` },
  { name: 'health-code', route: '/packageHealth/pages/code/index', ready: '#health-code-colour' },
];

async function measure(p: KeyPage, elderly: boolean) {
  await page.goto(`${t.baseUrl}/?dev=${A.login}#${p.route}`);
  await page.locator(p.ready).first().waitFor({ timeout: 20_000 });
  await page.waitForSelector(elderly ? '.page.elderly' : '.page:not(.elderly)', { state: 'attached' });
  await shot(`${p.name}-${elderly ? 'elderly' : 'normal'}`);
  const samples = await visibleTextSamples(page);
  const targets = await visibleTargets(page, TARGETS);
  return { samples, targets };
}

describe('关怀模式 measured in Chromium', () => {
  it('is switched on from the home page and remembered across reloads', async () => {
    await page.goto(`${t.baseUrl}/?dev=${A.login}#/pages/index/index`);
    await page.waitForSelector('#page-index:not(.elderly) #home-elderly-toggle', { timeout: 20_000 });
    await page.click('#home-elderly-toggle');
    await page.waitForSelector('#page-index.elderly');
    await page.reload();
    await page.waitForSelector('#page-index.elderly #service-grid', { timeout: 20_000 });
    expect(await page.evaluate(() => document.body.classList.contains('govpass-elderly'))).toBe(true);
  }, 60_000);

  it.each(KEY_PAGES)('$name: every visible text ≥ 18 px, contrast ≥ 4.5 : 1, targets ≥ 48 px', async (p) => {
    const { samples, targets } = await measure(p, true);
    expect(samples.length).toBeGreaterThan(3);
    expect(samples.filter((s) => s.fontSizePx < ELDERLY_MIN_FONT_PX).map((s) => `${s.text} ${s.fontSizePx}px`)).toEqual([]);
    expect(samples.filter((s) => worstContrast(s) < MIN_CONTRAST).map((s) => `${s.text} ${worstContrast(s).toFixed(2)}`)).toEqual([]);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((x) => x.height < ELDERLY_MIN_TARGET_PX || x.width < ELDERLY_MIN_TARGET_PX)).toEqual([]);
  }, 60_000);

  it('is switched off from the home page; the explicit choice stays', async () => {
    await page.goto(`${t.baseUrl}/?dev=${A.login}#/pages/index/index`);
    await page.waitForSelector('#page-index.elderly #home-elderly-toggle', { timeout: 20_000 });
    await page.click('#home-elderly-toggle');
    await page.waitForSelector('#page-index:not(.elderly)');
    expect(await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.includes('govpass.elderlyMode'))?.[1])).toContain('false');
  }, 60_000);

  it.each(KEY_PAGES)('$name in normal mode: contrast ≥ 4.5 : 1, targets ≥ 44 px', async (p) => {
    const { samples, targets } = await measure(p, false);
    expect(samples.filter((s) => worstContrast(s) < MIN_CONTRAST).map((s) => `${s.text} ${worstContrast(s).toFixed(2)}`)).toEqual([]);
    expect(targets.filter((x) => x.height < MIN_TARGET_PX || x.width < MIN_TARGET_PX)).toEqual([]);
    // 关怀模式 is not just bigger: normal text is smaller than the 18 px floor somewhere.
    expect(samples.some((s) => s.fontSizePx < ELDERLY_MIN_FONT_PX)).toBe(true);
  }, 60_000);
});

describe('screenshots of the other top-level pages (looked at by eye), 关怀模式 off and on', () => {
  const OTHERS = [
    { name: 'profile', route: '/pages/profile/index' },
    { name: 'family', route: '/pages/family/index' },
    { name: 'reservations', route: '/packageMasks/pages/reservations/index' },
    { name: 'halls', route: '/packageHall/pages/halls/index' },
  ];

  it.each(OTHERS)('$name', async ({ name, route }) => {
    for (const elderly of [false, true]) {
      await page.goto(`${t.baseUrl}/?dev=${A.login}#/pages/index/index`);
      await page.waitForSelector('#home-elderly-toggle', { timeout: 20_000 });
      if ((await page.locator('#page-index.elderly').count()) !== Number(elderly)) await page.click('#home-elderly-toggle');
      await page.goto(`${t.baseUrl}/?dev=${A.login}#${route}`);
      await page.waitForSelector(elderly ? '.page.elderly' : '.page:not(.elderly)', { timeout: 20_000 });
      await page.waitForTimeout(800);
      await shot(`${name}-${elderly ? 'elderly' : 'normal'}`);
    }
  }, 60_000);
});
