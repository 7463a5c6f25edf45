import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { withCheckChar } from '@govpass/shared-types';
import { E2eDevices, settle, type Viewport } from '../support/e2e-devices';
import { decodeQr } from '../support/decode-qr';
import { visibleTexts, waitForText } from '../support/page-text';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The service hall end to end against the real BFF (MariaDB + Redis), in Chromium: a citizen books
 * an appointment on the phone → arrives and shows the personal code → window staff paste it into
 * the console, which takes a ticket for it → the console calls it → the display board, open in a
 * second browser at 1920×1080, shows the call → the citizen's phone says which window → the
 * window completes it → the citizen rates the visit.
 *
 * The hall, its service and window come in through the admin API's CSV import (the contract), so
 * the test depends on no backend internals. Until the hall registry and queue routes are mounted
 * in the BFF the test is skipped and says so.
 */
const ROOT = resolve(__dirname, '../..');
const SHOTS = join(ROOT, 'artifacts/screenshots');
const HALL = 'hall-e2e';
const CITIZEN = { name: '周十二', idNumber: withCheckChar('11010119560606303') };
const CSV = [
  'kind,hallId,id,name,a,b,c,d,e',
  `hall,${HALL},,东城区政务服务中心,建国门内大街18号,东城区,,1-7 00:00-23:59,`,
  `service,${HALL},svc-hz,户籍业务,公安,A,8,allowed,居民身份证*|户口簿|照片(两张一寸)`,
  `window,${HALL},win-e2e-3,综合窗口,3,svc-hz,open,,`,
].join('\n');

let t: TestApp;
let wired = false;
const devices = new E2eDevices(() => t.baseUrl);
const browserPage = (login: string, route: string, size?: Viewport) => devices.page(login, route, { size });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('real', { server: { staticDir: join(ROOT, 'miniapp/dist/h5') } });
  wired = (await t.request('GET', '/api/v1/halls')).status === 200;
  if (!wired) {
    console.warn('h5-hall e2e skipped: the BFF does not serve /api/v1/halls yet (hall registry and queue not mounted)');
    return;
  }
  const admin = await t.loginDev('e2e-hall-admin');
  await t.app.services.roles.grant('e2e', { accountId: admin.userId, role: 'admin', scopeId: null }, null);
  const imported = await t.request('POST', '/api/v1/admin/halls/import', { token: admin.token, body: { csv: CSV } });
  expect(imported.status).toBe(200);
  await t.app.services.registry.loadCsv(`${CITIZEN.name},${CITIZEN.idNumber}\n`);
  const citizen = await t.loginDev('e2e-hall-citizen');
  expect((await t.request('POST', '/api/v1/identity', { token: citizen.token, body: CITIZEN })).status).toBe(200);
  const staff = await t.loginDev('e2e-hall-staff');
  await t.app.services.roles.grant('e2e', { accountId: staff.userId, role: 'window_staff', scopeId: HALL }, null);
}, 90_000);

afterAll(async () => {
  await devices.close();
  await t?.close();
});

const it_ = (name: string, fn: () => Promise<void>, timeout: number) =>
  it(name, async () => {
    if (!wired) {
      // Not mounted yet: nothing of the hall can be reached (see the warning in beforeAll).
      expect((await t.request('GET', '/api/v1/halls')).status).toBe(404);
      return;
    }
    await fn();
  }, timeout);

describe('service hall end to end: H5 in Chromium against the real BFF (MariaDB + Redis)', () => {
  let citizen: Page;
  let staff: Page;
  let board: Page;
  let code = '';

  it('runs only with the hall routes mounted (else every step below is skipped, see the warning)', () => {
    expect(typeof wired).toBe('boolean');
  });

  it_('lets the citizen find the hall and book the first free time of the first bookable day', async () => {
    citizen = await browserPage('e2e-hall-citizen', '/packageHall/pages/halls/index');
    await citizen.waitForSelector(`#hall-${HALL}`, { timeout: 20_000 });
    await citizen.click(`#hall-${HALL}`);
    await waitForText(citizen, '#hall-name', '东城区政务服务中心', 15_000);
    await citizen.click('#service-svc-hz-book');
    await citizen.waitForSelector('.slot', { timeout: 15_000 });
    await citizen.locator('.slot:not(.slot--full)').first().click();
    await waitForText(citizen, '#book-submit', '确认预约');
    await citizen.click('#book-submit');
    await citizen.waitForSelector('#appointment-list [id^="appointment-"][data-status="booked"]', { timeout: 15_000 });
    expect((await visibleTexts(citizen, '#appointment-list .status-pill')).join('')).toContain('已预约');
    await settle(citizen);
    await citizen.screenshot({ path: join(SHOTS, 'hall-e2e-booked.png') });
  }, 90_000);

  it_('shows the personal code to bring; the window staff paste it into the console, which takes a ticket', async () => {
    await citizen.locator('[id$="-code"]').first().click();
    await citizen.waitForSelector('#hall-code-qr', { timeout: 15_000 });
    await settle(citizen);
    code = (await decodeQr(citizen, '#hall-code-qr')) ?? '';
    expect(code).toMatch(/^GPC1\./);
    await citizen.screenshot({ path: join(SHOTS, 'hall-e2e-code.png') });

    staff = await browserPage('e2e-hall-staff', '/packageHall/pages/console/index');
    await staff.waitForSelector('#console-windows-win-e2e-3', { timeout: 20_000 });
    await staff.click('#console-windows-win-e2e-3');
    await waitForText(staff, '#console-window', '3号窗口 · 综合窗口', 15_000);
    await staff.fill('#console-code-input input', code);
    await staff.click('#console-code-submit');
    await staff.waitForSelector('#console-issued', { timeout: 15_000 });
    expect((await visibleTexts(staff, '.console-issued-number'))[0]).toMatch(/^A\d{3,}$/);
  }, 60_000);

  it_('calls it at the window; the board in a second browser shows it and the phone says which window', async () => {
    board = await browserPage('e2e-hall-board', `/packageHall/pages/board/index?hallId=${HALL}`, { width: 1920, height: 1080 });
    await board.waitForSelector('#board-waiting', { timeout: 20_000 });

    const number = (await visibleTexts(staff, '.console-issued-number'))[0];
    await staff.click('#console-call-next');
    await waitForText(staff, '#console-number', number, 15_000);
    await settle(staff);
    await staff.screenshot({ path: join(SHOTS, 'hall-e2e-console-called.png') });

    await board.waitForSelector(`#board-call-${number}`, { timeout: 20_000 });
    expect((await visibleTexts(board, `#board-call-${number} .board-window`))[0]).toBe('3号窗口');
    await settle(board);
    await board.screenshot({ path: join(SHOTS, 'hall-e2e-board.png') });

    await citizen.goto(`${t.baseUrl}/#/packageHall/pages/ticket/index`);
    await waitForText(citizen, '#queue-window', '请到 3号窗口 办理', 20_000);
    await settle(citizen);
    await citizen.screenshot({ path: join(SHOTS, 'hall-e2e-called.png') });
  }, 90_000);

  it_('completes the visit at the window, and the citizen rates it once', async () => {
    await staff.click('#console-start');
    await staff.waitForSelector('#console-complete', { timeout: 15_000 });
    await staff.click('#console-complete');
    await staff.waitForSelector('#console-call-next', { timeout: 15_000 });

    await citizen.reload();
    await citizen.waitForSelector('[id$="-rate"]', { timeout: 20_000 });
    await citizen.locator('[id$="-rate"]').first().click();
    await citizen.waitForSelector('#grade-picker', { timeout: 15_000 });
    await citizen.click('#grade-5');
    await citizen.click('#rate-tags-办事快');
    await citizen.fill('#rate-comment textarea', '工作人员很耐心');
    await citizen.click('#rate-submit');
    await citizen.waitForSelector('#rate-done', { timeout: 15_000 });
    await settle(citizen);
    await citizen.screenshot({ path: join(SHOTS, 'hall-e2e-rated.png') });
    expect(devices.errors).toEqual([]);
  }, 60_000);
});
