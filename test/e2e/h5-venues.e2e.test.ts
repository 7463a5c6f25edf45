import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { parseVenueScan, withCheckChar } from '@govpass/shared-types';
import { E2eDevices, settle } from '../support/e2e-devices';
import { decodeQr } from '../support/decode-qr';
import { visibleTexts, waitForText } from '../support/page-text';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * 场所码 end to end, four people on four phones against the real BFF (MariaDB + Redis stream): a
 * venue manager registers a venue and prints its poster → a case checks in there → a citizen scans
 * the poster (its QR read back from a screenshot) and checks in → the manager sees counts, no names →
 * an official traces the case → the citizen's health code turns yellow naming the venue and time.
 */
const ROOT = resolve(__dirname, '../..');
const H5_DIST = join(ROOT, 'miniapp/dist/h5');
const SHOTS = join(ROOT, 'artifacts/screenshots');
const CITIZEN = { name: '陈十二', idNumber: withCheckChar('34010319860606303') };
const CASE = { name: '周十三', idNumber: withCheckChar('34010319870707404') };
const VENUE_NAME = '幸福里菜市场';

let t: TestApp;
const devices = new E2eDevices(() => t.baseUrl);
/** A phone at 375×812 logged in as `login` (H5 dev accounts), on `route`. */
const phone = (login: string, route: string) => devices.page(login, route);

/** 关怀模式 as 我的 stores it; the page is reloaded to pick it up. */
async function setElderly(page: Page, on: boolean, route?: string): Promise<void> {
  await page.evaluate((v) => localStorage.setItem('govpass.elderlyMode', JSON.stringify({ data: v })), on);
  if (route) await page.goto(`${t.baseUrl}/#${route}`);
  await page.reload();
}

async function shoot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Printed codes name the public https origin (production requires it): the poster's QR is read
  // back and checked in with, whatever host serves the app.
  t = await startTestApp('real', { server: { staticDir: H5_DIST }, scanEntry: { publicBaseUrl: 'https://govpass.example.cn' } });
  await t.app.services.registry.loadCsv(`${CITIZEN.name},${CITIZEN.idNumber}\n${CASE.name},${CASE.idNumber}\n`);
  for (const [login, person] of [['e2e-venue-citizen', CITIZEN], ['e2e-venue-case', CASE]] as const) {
    const caller = await t.loginDev(login);
    expect((await t.request('POST', '/api/v1/identity', { token: caller.token, body: person })).status).toBe(200);
  }
  const manager = await t.loginDev('e2e-venue-manager');
  await t.app.services.roles.grant('e2e', { accountId: manager.userId, role: 'venue_manager', scopeId: null }, null);
  const official = await t.loginDev('e2e-venue-official');
  await t.app.services.roles.grant('e2e', { accountId: official.userId, role: 'health_official', scopeId: '340100' }, null);
}, 90_000);

afterAll(async () => {
  await devices.close();
  await t?.close();
});

describe('venue codes end to end: H5 in Chromium against the real BFF (MariaDB + Redis)', () => {
  let manager: Page;
  let citizen: Page;
  let scanned = '';
  let venueId = '';

  it('lets a venue manager register a venue and print its poster, whose QR is a signed venue code', async () => {
    manager = await phone('e2e-venue-manager', '/packageVenues/pages/venues/index');
    await manager.waitForSelector('#venues-register', { timeout: 20_000 });
    await manager.click('#venues-register');
    await manager.waitForSelector('#venue-name-input input', { timeout: 10_000 });
    await manager.fill('#venue-name-input input', VENUE_NAME);
    await manager.fill('#venue-address-input input', '长江路88号');
    await manager.fill('#venue-district-input input', '庐阳区');
    await manager.click('#venue-type-market');
    await manager.fill('#venue-lat-input input', '31.86');
    await manager.fill('#venue-lng-input input', '117.28');
    await shoot(manager, 'venue-register');
    await manager.click('#venue-submit');

    await manager.waitForSelector('#poster-qr', { timeout: 15_000 });
    // The one poster page of every printed code (packageScan), for a venue.
    await waitForText(manager, '#poster-name', VENUE_NAME);
    expect(await manager.textContent('#poster-address')).toBe('长江路88号');
    expect(await manager.textContent('#poster-line-2')).toContain('登记');
    await shoot(manager, 'venue-poster');
    scanned = (await decodeQr(manager, '#poster-qr')) ?? '';
    const scan = parseVenueScan(scanned);
    expect(scanned).toMatch(/^https:\/\/govpass\.example\.cn\/s\/venue\/GPV1\./);
    expect(scan).not.toBeNull();
    venueId = (await t.app.database.db.selectFrom('venues').select('id').where('name', '=', VENUE_NAME).executeTakeFirstOrThrow()).id;

    // The A4 poster as printed (the page's print stylesheet): one page.
    const pdf = await manager.pdf({ path: join(SHOTS, 'venue-poster.pdf'), format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  }, 60_000);

  it('checks the citizen in from the scanned poster and shows the guard a live result', async () => {
    // The case was there first (checked in through the API, as the app would).
    const caseCaller = await t.loginDev('e2e-venue-case');
    expect((await t.request('POST', '/api/v1/venues/checkins', { token: caseCaller.token, body: { venueCode: scanned } })).status).toBe(200);

    // On H5 there is no camera scanner: the citizen pastes the scanned poster link.
    citizen = await phone('e2e-venue-citizen', '/packageVenues/pages/checkin/index');
    await citizen.waitForSelector('#checkin-code-input input', { timeout: 20_000 });
    await shoot(citizen, 'venue-checkin-entry');
    await citizen.fill('#checkin-code-input input', scanned);
    await citizen.click('#checkin-code-submit');
    await citizen.waitForSelector('#checkin-submit', { timeout: 10_000 });
    await shoot(citizen, 'venue-checkin-choose');
    await citizen.click('#checkin-submit');

    await waitForText(citizen, '#checkin-venue-name', VENUE_NAME, 15_000);
    expect(await citizen.getAttribute('#checkin-person-0', 'data-colour')).toBe('green');
    expect((await visibleTexts(citizen, '#checkin-person-0')).join('')).toContain('陈**');
    await shoot(citizen, 'venue-checkin-result');
    // The seconds tick: a screenshot is visibly stale.
    const before = await citizen.locator('#checkin-clock').textContent();
    await citizen.waitForTimeout(1200);
    expect(await citizen.locator('#checkin-clock').textContent()).not.toBe(before);

    // Opened straight from the poster link (?code=, as WeChat/Alipay land), in 关怀模式: the same
    // check-in again within 30 minutes is one check-in.
    const code = parseVenueScan(scanned)?.venueCode ?? '';
    await setElderly(citizen, true, `/packageVenues/pages/checkin/index?code=${encodeURIComponent(code)}`);
    await citizen.waitForSelector('#page-venue-checkin.elderly #checkin-submit', { timeout: 20_000 });
    await shoot(citizen, 'venue-checkin-choose-elderly');
    await citizen.click('#checkin-submit');
    await waitForText(citizen, '#checkin-venue-name', VENUE_NAME, 15_000);
    expect(await citizen.locator('#checkin-time').textContent()).toContain('30分钟内已登记过');
    await shoot(citizen, 'venue-checkin-result-elderly');
    await setElderly(citizen, false);
  }, 90_000);

  it("shows the manager today's counts by hour — numbers, no names", async () => {
    await manager.goto(`${t.baseUrl}/#/packageVenues/pages/counts/index?id=${venueId}`);
    await waitForText(manager, '#counts-today', '2', 20_000);
    const page = (await manager.locator('#page-venue-counts').textContent()) ?? '';
    expect(page).not.toContain('陈');
    expect(page).not.toContain('周');
    await shoot(manager, 'venue-counts');
    await setElderly(manager, true);
    await waitForText(manager, '#counts-today', '2', 20_000);
    await shoot(manager, 'venue-counts-elderly');
    await setElderly(manager, false);
  }, 60_000);

  it("lets an official trace the case: the report lists the venue and the citizen masked, and exports CSV", async () => {
    const official = await phone('e2e-venue-official', '/packageVenues/pages/trace/index');
    await official.waitForSelector('#trace-id-number-input input', { timeout: 20_000 });
    await official.fill('#trace-id-number-input input', CASE.idNumber);
    await shoot(official, 'venue-trace-form');
    await official.click('#trace-submit');
    await official.waitForSelector('#trace-report', { timeout: 15_000 });
    expect(await official.locator('#trace-case').textContent()).toContain('周*');
    const venues = (await official.locator('#trace-venues').textContent()) ?? '';
    expect(venues).toContain(VENUE_NAME);
    expect(venues).toContain('陈**');
    expect(venues).not.toContain(CITIZEN.idNumber);
    await shoot(official, 'venue-trace-report');

    const [download] = await Promise.all([official.waitForEvent('download'), official.click('#trace-export')]);
    expect(download.suggestedFilename()).toMatch(/^流调报告-.+\.csv$/);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv).toContain(VENUE_NAME);
    await waitForText(official, '#trace-exported', '已下载CSV文件');
  }, 60_000);

  it("turns the citizen's health code yellow, naming the venue and the time", async () => {
    await citizen.goto(`${t.baseUrl}/#/packageHealth/pages/code/index`);
    await citizen.reload();
    await waitForText(citizen, '#health-code-colour', '黄码', 20_000);
    const reasons = (await visibleTexts(citizen, '#health-reasons')).join('');
    expect(reasons).toContain(VENUE_NAME);
    expect(reasons).toMatch(/\d{2}:\d{2}/);
    await shoot(citizen, 'venue-health-code-yellow');
    await setElderly(citizen, true);
    await citizen.waitForSelector('#page-health-code.elderly', { timeout: 20_000 });
    await waitForText(citizen, '#health-code-colour', '黄码', 20_000);
    await shoot(citizen, 'venue-health-code-yellow-elderly');
    expect(devices.errors).toEqual([]);
  }, 60_000);
});
