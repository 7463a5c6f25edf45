import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { withCheckChar } from '@govpass/shared-types';
import { E2eDevices, settle } from '../support/e2e-devices';
import { waitForText } from '../support/page-text';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * What a citizen meets around the booking, in Chromium against the real BFF (MariaDB + Redis):
 * the reason a booking would be refused is on the pharmacy page BEFORE 确认预约 is tapped, the
 * counts say 份 and 只, family cards tell 李* from 李**, and the profile names the person, not the
 * account. Screenshots at 375×812, 关怀模式 off and on, go to SHOTS_DIR (default artifacts/screenshots).
 */
const ROOT = resolve(__dirname, '../..');
const SHOTS = process.env.SHOTS_DIR ?? join(ROOT, 'artifacts/screenshots');
const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;
const OP = { accountId: 'e2e-admin', requestId: null };
const CITIZEN = { name: '李建国', idNumber: withCheckChar('34010219700101201') };
const FATHER = { name: '李大山', idNumber: withCheckChar('34010219450303301') };
const MOTHER = { name: '李芳', idNumber: withCheckChar('34010219480404402') };
const EARLY = { name: '赵一', idNumber: withCheckChar('34010219900505503') };
const OTHER = { name: '钱二', idNumber: withCheckChar('34010219910606604') };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let t: TestApp;
const devices = new E2eDevices(() => t.baseUrl);
/** Signed in (verified or not) before 关怀模式 is stored and the page under test opened. */
const open = (login: string, route: string, elderly: boolean) => devices.page(login, route, { elderly, signedIn: '#verify-status, #verify-banner' });

const pharmacy = (id: string, name: string, lat: number, lng: number) => ({ id, name, address: `包河区测试路 ${id.slice(-1)} 号`, district: '包河区', lat, lng, phone: '0551-00000000', openingHours: '08:00-21:00' });

function openRound(now: number) {
  const endOfChinaDay = Math.floor((now + CHINA) / DAY) * DAY + DAY - CHINA - 1000;
  return { name: '口罩预约', opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(Math.min(now + 30 * 60_000, endOfChinaDay)).toISOString(), pickupDate: new Date(now + CHINA).toISOString().slice(0, 10) };
}

const confirmRoute = (id: string, name: string) => `/packageMasks/pages/confirm/index?id=${id}&name=${encodeURIComponent(name)}`;
const shot = (page: Page, name: string, elderly: boolean) => page.screenshot({ path: join(SHOTS, `citizen-${name}${elderly ? '-elderly' : ''}.png`), fullPage: true });
/** Taro's H5 button is a custom element: Playwright's isDisabled does not read it, the attribute does. */
const disabled = async (page: Page, selector: string) => (await page.getAttribute(selector, 'disabled')) !== null;

jest.setTimeout(90_000);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('real', { server: { staticDir: join(ROOT, 'miniapp/dist/h5') } });
  const { masks, registry } = t.app.services;
  await registry.loadCsv([CITIZEN, FATHER, MOTHER, EARLY, OTHER].map((p) => `${p.name},${p.idNumber}`).join('\n'));
  await masks.pharmacyAdmin.create(OP, pharmacy('cz-ph-1', '只剩一份大药房', 31.85, 117.3));
  await masks.pharmacyAdmin.create(OP, pharmacy('cz-ph-2', '隔壁大药房', 31.852, 117.302));
  await masks.pharmacyAdmin.create(OP, pharmacy('cz-ph-3', '远一点大药房', 31.87, 117.33));
  const round = await masks.roundAdmin.create(OP, openRound(Date.now()));
  await masks.roundAdmin.setQuotas(OP, round.id, { items: [{ pharmacyId: 'cz-ph-1', quota: 1 }, { pharmacyId: 'cz-ph-2', quota: 200 }, { pharmacyId: 'cz-ph-3', quota: 50 }] });

  const early = await t.loginDev('cz-early');
  expect((await t.request('POST', '/api/v1/identity', { token: early.token, body: EARLY })).status).toBe(200);
  expect((await t.request('POST', '/api/v1/masks/reservations', { token: early.token, body: { pharmacyId: 'cz-ph-1' }, headers: { 'Idempotency-Key': 'cz-early-key-1' } })).status).toBe(201);
  // The list serves a snapshot up to 5 s old; the sold-out count must be in it from the first page.
  masks.pharmacies.invalidate();

  const other = await t.loginDev('cz-other');
  expect((await t.request('POST', '/api/v1/identity', { token: other.token, body: OTHER })).status).toBe(200);

  const citizen = await t.loginDev('cz-citizen');
  expect((await t.request('POST', '/api/v1/identity', { token: citizen.token, body: CITIZEN })).status).toBe(200);
  for (const [person, relation] of [[FATHER, 'father'], [MOTHER, 'mother']] as const) {
    const added = await t.request('POST', '/api/v1/family', { token: citizen.token, body: { ...person, relation } });
    expect(added.status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await devices.close();
  await t?.close();
});

describe('the citizen around a booking, in Chromium (375×812)', () => {
  it('an unverified account sees 去实名认证 on the pharmacy page before tapping, and 确认预约 is disabled', async () => {
    const page = await open('cz-unverified', confirmRoute('cz-ph-2', '隔壁大药房'), false);
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/masks/reservations') && posts.push(r.url()));
    await page.waitForSelector('#confirm-eligibility[data-reason="IDENTITY_REQUIRED"]', { timeout: 15_000 });
    expect(await page.textContent('#confirm-eligibility-message')).toContain('实名认证');
    expect(await page.isVisible('#eligibility-go-identity')).toBe(true);
    expect(await disabled(page, '#confirm-submit')).toBe(true);
    await waitForText(page, '#confirm-submit', '请先实名认证');
    await settle(page);
    await shot(page, 'confirm-unverified', false);
    await page.click('#eligibility-go-identity');
    await page.waitForSelector('#page-identity, #identity-form', { timeout: 10_000 });
    expect(posts).toEqual([]);
  });

  it.each([false, true])('list, sold out with nearby stock, booking, already booked, family and profile (关怀模式 %s)', async (elderly) => {
    // The list: counts in 份 and 只.
    const list = await open('cz-citizen', '/packageMasks/pages/pharmacies/index', elderly);
    await list.waitForSelector('#pharmacy-cz-ph-2', { timeout: 15_000 });
    await waitForText(list, '#pharmacy-cz-ph-1-stock', '剩余 0 份 · 每份 5 只');
    await settle(list);
    await shot(list, 'pharmacies', elderly);

    // Sold out: said before tapping, with the pharmacies nearby that still have masks. (A holder
    // of a booking hears ALREADY_RESERVED first, so the second run asks as someone who has none.)
    const page = await open(elderly ? 'cz-other' : 'cz-citizen', confirmRoute('cz-ph-1', '只剩一份大药房'), elderly);
    await page.waitForSelector('#confirm-eligibility[data-reason="SOLD_OUT"]', { timeout: 15_000 });
    expect(await disabled(page, '#confirm-submit')).toBe(true);
    await waitForText(page, '#confirm-submit', '已约满');
    await page.waitForSelector('#nearby-cz-ph-2');
    expect(await page.textContent('#nearby-cz-ph-2')).toContain('每份 5 只');
    await settle(page);
    await shot(page, 'confirm-sold-out', elderly);

    // The nearest one is bookable: it says what is left, and books.
    await page.click('#nearby-cz-ph-2');
    await page.waitForSelector('#confirm-stock', { timeout: 15_000 });
    expect(await page.textContent('#confirm-stock')).toMatch(/^剩余 \d+ 份 · 每份 5 只$/);
    expect(await page.isVisible('#confirm-eligibility')).toBe(false);
    await shot(page, 'confirm-eligible', elderly);
    if (!elderly) {
      expect(await disabled(page, '#confirm-submit')).toBe(false);
      await page.click('#confirm-submit');
      await page.waitForSelector('.reservation-item--new', { timeout: 15_000 });
    }

    // Booked already: the next pharmacy says so before anything is tapped; the family member may still be booked for.
    const again = await open('cz-citizen', confirmRoute('cz-ph-3', '远一点大药房'), elderly);
    await again.waitForSelector('#confirm-eligibility[data-reason="ALREADY_RESERVED"]', { timeout: 15_000 });
    expect(await disabled(again, '#confirm-submit')).toBe(true);
    await settle(again);
    await shot(again, 'confirm-already-reserved', elderly);
    const fatherOption = again.locator('.person-option', { hasText: '父亲' });
    expect(await fatherOption.textContent()).toContain(`尾号 ${FATHER.idNumber.slice(-4)}`);
    await fatherOption.click();
    await again.waitForSelector('#confirm-eligibility', { state: 'detached', timeout: 10_000 });
    expect(await disabled(again, '#confirm-submit')).toBe(false);

    // Family: relation first, then 李** · 尾号 …, never the full ID number.
    const family = await open('cz-citizen', '/pages/family/index', elderly);
    await family.waitForSelector('#family-self-label', { timeout: 15_000 });
    // 本人 comes from the profile and the members from the family list: two answers, either first.
    await family.waitForFunction(() => document.querySelectorAll('#family-list .family-item').length === 3, undefined, { timeout: 15_000 });
    const cards = await family.$$eval('#family-list .family-item', (els) => els.map((el) => (el.textContent ?? '').trim()));
    expect(cards).toEqual([`本人李** · 尾号 ${CITIZEN.idNumber.slice(-4)}`, `父亲李** · 尾号 ${FATHER.idNumber.slice(-4)}删除`, `母亲李* · 尾号 ${MOTHER.idNumber.slice(-4)}删除`]);
    expect(await family.textContent('body')).not.toContain(FATHER.idNumber);
    await settle(family);
    await shot(family, 'family', elderly);

    // Profile: a person, not an account id.
    const profile = await open('cz-citizen', '/pages/profile/index', elderly);
    await profile.waitForSelector('#profile-verified', { timeout: 15_000 });
    await waitForText(profile, '#profile-verified', '已实名');
    await waitForText(profile, '#profile-who-name', '李**');
    expect(await profile.textContent('body')).not.toMatch(UUID);
    await settle(profile);
    await shot(profile, 'profile', elderly);
  });

  it('threw no page errors', () => {
    expect(devices.errors).toEqual([]);
  });
});
