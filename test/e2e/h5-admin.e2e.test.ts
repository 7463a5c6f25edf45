import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { DESK, E2eDevices, PHONE, settle, type Viewport } from '../support/e2e-devices';
import { visibleTexts, waitForText } from '../support/page-text';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * 管理后台 in Chromium at desk size (1280×800) against the real BFF (MariaDB + Redis), as the demo
 * administrator (`?dev=admin`): find a pharmacy, import a CSV with one bad row and read the row's
 * error, grant a role (confirmed) and find the grant in the audit log. Then every console page as
 * screenshots at 1280×800 and at 375×812 with 关怀模式 off and on.
 */
const ROOT = resolve(__dirname, '../..');
const H5_DIST = join(ROOT, 'miniapp/dist/h5');
const SHOTS = join(ROOT, 'artifacts/screenshots');
const HEADER = 'id,name,address,district,latitude,longitude,phone,openingHours';
const NAMES = ['同仁堂大药房（长江中路店）', '益丰大药房（人民路店）', '老百姓大药房（解放大道店）', '九州通大药房（武珞路店）', '国大药房（中山大道店）'];

let t: TestApp;
let staffId = '';
let upcomingId = '';
const devices = new E2eDevices(() => t.baseUrl);
const open = (route: string, size: Viewport, elderly = false) => devices.page('admin', route, { size, elderly });

const rowsOf = (page: Page, table: string) => page.locator(`#${table} [data-row]`).count();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('real', { server: { staticDir: H5_DIST } });
  const admin = await t.loginDev('admin');
  await t.app.services.roles.grant('e2e', { accountId: admin.userId, role: 'admin', scopeId: null }, null);
  staffId = (await t.loginDev('e2e-console-staff')).userId;
  const rows = Array.from({ length: 15 }, (_, i) => `ph-${String(i + 1).padStart(3, '0')},${i < 5 ? NAMES[i] : `社区药房${i + 1}号`},中山大道${i + 1}号,江岸区,30.6,114.3,027-8${String(i).padStart(3, '0')},08:00-22:00`);
  const imported = await t.request('POST', '/api/v1/admin/pharmacies/import', { token: admin.token, body: { csv: [HEADER, ...rows].join('\n') } });
  expect(imported.status).toBe(200);
  const now = Date.now();
  const round = await t.request('POST', '/api/v1/admin/masks/rounds', { token: admin.token, body: { name: '第1轮', opensAt: new Date(now - 3_600_000).toISOString(), closesAt: new Date(now + 10 * 3_600_000).toISOString() } });
  const roundId = (round.body as { round: { id: string } }).round.id;
  await t.request('PUT', `/api/v1/admin/masks/rounds/${roundId}/quotas`, { token: admin.token, body: { items: [1, 2, 3].map((i) => ({ pharmacyId: `ph-00${i}`, quota: 100 * i })) } });
  const tomorrow = new Date(now + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const next = await t.request('POST', '/api/v1/admin/masks/rounds', { token: admin.token, body: { name: '第2轮', opensAt: `${tomorrow}T08:00:00+08:00`, closesAt: `${tomorrow}T20:00:00+08:00` } });
  upcomingId = (next.body as { round: { id: string } }).round.id;
}, 120_000);

afterAll(async () => {
  await devices.close();
  await t?.close();
});

describe('管理后台 end to end at 1280×800 (real BFF)', () => {
  let page: Page;

  it('finds a pharmacy by name', async () => {
    page = await open('/packageAdmin/pages/pharmacies/index', DESK);
    await page.waitForSelector('#pharmacy-pager', { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('#pharmacy-pager')?.textContent?.includes('共 15 条'), undefined, { timeout: 15_000 });
    expect(await rowsOf(page, 'pharmacy-table')).toBe(10);
    await page.fill('#pharmacy-search input', '益丰');
    await page.waitForFunction(() => document.querySelector('#pharmacy-pager')?.textContent?.includes('共 1 条'));
    expect(await visibleTexts(page, '#pharmacy-table .adm-pharmacy-name')).toEqual(['益丰大药房（人民路店）']);
    await settle(page);
    await page.screenshot({ path: join(SHOTS, 'admin-desk-pharmacy-search.png') });
  }, 60_000);

  it('imports a CSV with one bad row: the row is named in Chinese and nothing is imported', async () => {
    const csv = [HEADER, 'ph-101,新开药房,和平大道1号,青山区,30.62,114.38,027-1,08:00-20:00', 'ph-102,坏行药房,和平大道2号,青山区,北纬30度,114.38,027-2,08:00-20:00'].join('\n');
    await page.fill('#import-csv textarea', csv);
    await page.click('#import-submit');
    await waitForText(page, '#import-errors [data-line="3"]', '第3行：纬度(latitude)应填数字，例如 31.2304', 15_000);
    expect(await page.getAttribute('#import-progress', 'data-state')).toBe('failed');
    await page.fill('#pharmacy-search input', 'ph-101');
    await page.waitForFunction(() => document.querySelector('#pharmacy-pager')?.textContent?.includes('共 0 条'));
    await page.locator('#pharmacy-import').scrollIntoViewIfNeeded();
    await settle(page);
    await page.screenshot({ path: join(SHOTS, 'admin-desk-import-row-error.png') });
  }, 60_000);

  it('grants a role after confirming, and finds the grant in the audit log', async () => {
    await page.click('#admin-nav-roles');
    await page.waitForSelector('#grant-form', { timeout: 15_000 });
    // Found by login (the staff member has not verified a real name), then chosen.
    await page.fill('#account-search-q input', 'e2e-console');
    await page.click('#account-search-submit');
    await page.waitForSelector(`#account-pick-${staffId}`, { timeout: 15_000 });
    expect(await page.textContent(`#account-${staffId}`)).toContain('未实名 · 网页');
    await page.click(`#account-pick-${staffId}`);
    expect(await page.inputValue('#grant-account input')).toBe(staffId);
    await page.click('#grant-role-verifier');
    await page.click('#grant-submit');
    await page.waitForSelector('#role-confirm');
    await settle(page);
    await page.screenshot({ path: join(SHOTS, 'admin-desk-role-confirm.png') });
    await page.click('#role-confirm-ok');
    await waitForText(page, '#role-done', '已授权', 15_000);
    expect(await t.app.services.roles.rolesOf(staffId)).toContainEqual({ role: 'verifier', scopeId: null });

    await page.click('#admin-nav-audit');
    await page.waitForSelector('#audit-table', { timeout: 15_000 });
    await page.click('#audit-kind-role');
    await page.waitForFunction((id) => [...document.querySelectorAll('#audit-table [data-row]')].some((r) => r.textContent?.includes('授予角色') && r.textContent.includes(id)), staffId, { timeout: 15_000 });
    const rows = await visibleTexts(page, '#audit-table [data-row] .adm-audit-action');
    expect(rows.every((a) => a === '授予角色' || a === '撤销角色')).toBe(true);
    await settle(page);
    await page.screenshot({ path: join(SHOTS, 'admin-desk-audit.png') });
    expect(devices.errors).toEqual([]);
  }, 60_000);
});

describe('轮次与配额 at 1280×800 (real BFF)', () => {
  it('edits a round before it opens: prefilled, saved, the table shows the change; an open round offers no 修改', async () => {
    const page = await open('/packageAdmin/pages/rounds/index', DESK);
    await page.waitForSelector(`#round-edit-${upcomingId}`, { timeout: 20_000 });
    expect(await page.locator('#round-table [data-row]').count()).toBe(2);
    expect(await page.textContent('#round-pager')).toContain('共 2 条');
    await page.click(`#round-edit-${upcomingId}`);
    expect(await page.inputValue('#round-edit-opens input')).toMatch(/ 08:00$/);
    await page.fill('#round-edit-name input', '第2轮（改期）');
    await page.fill('#round-edit-closes input', (await page.inputValue('#round-edit-closes input')).replace('20:00', '21:00'));
    await settle(page);
    await page.screenshot({ path: join(SHOTS, 'admin-desk-round-edit.png') });
    await page.click('#round-edit-save');
    await waitForText(page, '#round-edit-saved', '“第2轮（改期）”已保存修改。', 15_000);
    await page.waitForFunction(() => document.querySelector('#round-table')?.textContent?.includes('第2轮（改期）'), undefined, { timeout: 15_000 });
    expect(await page.locator('[id^="round-edit-"][class*="adm-link"]').count()).toBe(1);
    expect(devices.errors).toEqual([]);
  }, 60_000);
});

describe('管理后台 screenshots', () => {
  const SECTIONS = [
    ['pharmacies', '#pharmacy-table [data-row]'],
    ['rounds', '#round-table [data-row]'],
    ['ledger', '#ledger-table [data-row]'],
    ['roles', '#grant-table [data-row]'],
    ['audit', '#audit-table [data-row]'],
  ] as const;
  const VARIANTS = [
    ['desk', DESK, false],
    ['phone', PHONE, false],
    ['phone-elderly', PHONE, true],
  ] as const;

  it.each(VARIANTS)('every section, %s', async (name, size, elderly) => {
    const page = await open('/packageAdmin/pages/pharmacies/index', size, elderly);
    for (const [section, row] of SECTIONS) {
      if (section !== 'pharmacies') await page.click(`#admin-nav-${section}`);
      await page.waitForSelector(row, { timeout: 20_000 });
      await settle(page);
      await page.screenshot({ path: join(SHOTS, `admin-${name}-${section}.png`), fullPage: name !== 'desk' });
    }
    expect(devices.errors).toEqual([]);
  }, 120_000);
});
