import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { withCheckChar } from '@govpass/shared-types';
import { DESK, E2eDevices, PHONE, settle } from '../support/e2e-devices';
import { visibleTexts, waitForText } from '../support/page-text';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The hall's staff and manager pages end to end against the real BFF (MariaDB + Redis), in
 * Chromium: window staff sign in at a window (a colleague is refused and offered 接管), call a
 * chosen waiting number out of order with a reason, mark another as priority (孕妇); a 差评 of the
 * visit reaches the manager's 好差评跟进 (an overdue one in red), who closes it with a note; 统计,
 * 等候预估误差 and 预约时段 show as bars and forms. Screenshots as a phone (375×812, 关怀模式 off and
 * on) and at 1280×800 into artifacts/screenshots/hall-mgr-*.png.
 */
const ROOT = resolve(__dirname, '../..');
const SHOTS = join(ROOT, 'artifacts/screenshots');
const HALL = 'hall-mgr';
const CSV = [
  'kind,hallId,id,name,a,b,c,d,e',
  `hall,${HALL},,西城区政务服务中心,西长安街88号,西城区,,1-7 00:00-23:59,`,
  `service,${HALL},svc-mgr-hz,户籍业务,公安,A,8,allowed,居民身份证*|户口簿`,
  `service,${HALL},svc-mgr-sb,社保卡办理,人社,B,5,allowed,居民身份证*`,
  `window,${HALL},win-mgr-1,综合窗口,1,svc-mgr-hz svc-mgr-sb,open,,`,
  `window,${HALL},win-mgr-2,社保窗口,2,svc-mgr-sb,open,,`,
].join('\n');

let t: TestApp;
const devices = new E2eDevices(() => t.baseUrl);
const browserPage = (login: string, route: string, size = PHONE) => devices.open(login, route, { size });
const tickets: { id: string; number: string; token: string }[] = [];

async function elderly(page: Page, on: boolean, route: string): Promise<void> {
  await page.evaluate((value) => localStorage.setItem('govpass.elderlyMode', JSON.stringify({ data: value })), on);
  await page.goto(`${t.baseUrl}/#${route}?hallId=${HALL}`);
  await page.reload();
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `hall-mgr-${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('real', { server: { staticDir: join(ROOT, 'miniapp/dist/h5') } });
  const admin = await t.loginDev('e2e-mgr-admin');
  await t.app.services.roles.grant('e2e', { accountId: admin.userId, role: 'admin', scopeId: null }, null);
  expect((await t.request('POST', '/api/v1/admin/halls/import', { token: admin.token, body: { csv: CSV } })).status).toBe(200);
  for (const [login, role] of [['e2e-mgr-staff', 'window_staff'], ['e2e-mgr-staff-2', 'window_staff'], ['e2e-mgr-manager', 'hall_manager']] as const) {
    const c = await t.loginDev(login);
    await t.app.services.roles.grant('e2e', { accountId: c.userId, role, scopeId: HALL }, null);
  }
  const people = [
    { name: '钱一', idNumber: withCheckChar('11010219800101101') },
    { name: '孙二', idNumber: withCheckChar('11010219850202202') },
    { name: '李三', idNumber: withCheckChar('11010219900303303') },
  ];
  await t.app.services.registry.loadCsv(people.map((p) => `${p.name},${p.idNumber}`).join('\n') + '\n');
  for (const [i, p] of people.entries()) {
    const c = await t.loginDev(`e2e-mgr-citizen-${i}`);
    expect((await t.request('POST', '/api/v1/identity', { token: c.token, body: p })).status).toBe(200);
    const taken = await t.request('POST', `/api/v1/halls/${HALL}/tickets`, { token: c.token, headers: { 'idempotency-key': `e2e-mgr-${i}-${Date.now()}` }, body: { mode: 'remote', serviceId: 'svc-mgr-hz' } });
    expect(taken.status).toBe(201);
    tickets.push({ id: taken.body.ticket.id, number: taken.body.ticket.number, token: c.token });
  }
}, 90_000);

afterAll(async () => {
  await devices.close();
  await t?.close();
});

describe('hall staff and manager pages: H5 in Chromium against the real BFF', () => {
  let staff: Page;

  it('window staff sign in at a window; a colleague is refused there and offered 接管', async () => {
    ({ page: staff } = await browserPage('e2e-mgr-staff', '/packageHall/pages/console/index'));
    await staff.waitForSelector('#console-windows-win-mgr-1', { timeout: 20_000 });
    await staff.click('#console-windows-win-mgr-1');
    await waitForText(staff, '#console-window', '1号窗口 · 综合窗口', 15_000);

    const { page: other, browser } = await browserPage('e2e-mgr-staff-2', '/packageHall/pages/console/index');
    await other.waitForSelector('#console-windows-win-mgr-1', { timeout: 20_000 });
    await other.click('#console-windows-win-mgr-1');
    await other.waitForSelector('#console-take-over', { timeout: 15_000 });
    expect((await visibleTexts(other, '#console-blocked')).join('')).toContain('已有同事在岗');
    await settle(other);
    await shot(other, 'console-window-taken');
    await browser.close();
  }, 90_000);

  it('calls a chosen waiting number out of order after a confirmed reason, and marks another as priority', async () => {
    const [, second, third] = tickets;
    await staff.waitForSelector(`#console-queue-${third.number}`, { timeout: 15_000 });
    await staff.click(`#console-queue-${second.number}`);
    await staff.click('#console-chosen-priority');
    await staff.click('#console-priority-reasons-pregnant');
    await staff.click('#console-priority-save');
    await staff.waitForFunction((n) => document.querySelector(`#console-queue-${n}`)?.textContent?.includes('孕妇'), second.number, { timeout: 15_000 });

    await staff.click(`#console-queue-${third.number}`);
    await staff.click('#console-chosen-call');
    await waitForText(staff, '#console-chosen .card-subtitle', `确认不按顺序，先叫 ${third.number} 号？请选原因：`);
    await staff.click('#console-chosen-reason-群众有急事');
    await settle(staff);
    await shot(staff, 'console-chosen-confirm');
    await staff.click('#console-chosen-confirm');
    await waitForText(staff, '#console-number', third.number, 15_000);
    await settle(staff);
    await shot(staff, 'console-chosen-called');
    await staff.setViewportSize(DESK);
    await settle(staff);
    await shot(staff, 'console-chosen-called-1280');

    const audit = await t.app.services.audit.forTarget('hall_ticket', third.id);
    expect(audit.find((r) => r.action === 'hall.ticket.call_chosen')?.details).toMatchObject({ reason: '群众有急事', windowId: 'win-mgr-1' });
    expect((await t.app.services.audit.forTarget('hall_ticket', second.id)).find((r) => r.action === 'hall.ticket.priority')?.details).toMatchObject({ priority: ['pregnant'] });

    await staff.click('#console-start');
    await staff.waitForSelector('#console-complete', { timeout: 15_000 });
    await staff.click('#console-complete');
    await staff.waitForSelector('#console-call-next', { timeout: 15_000 });
  }, 90_000);

  it('the 差评 reaches 好差评跟进 (an overdue one in red); the manager closes it with a note', async () => {
    const [first, , third] = tickets;
    const rated = await t.request('POST', `/api/v1/tickets/${third.id}/rating`, { token: third.token, body: { grade: 'very_dissatisfied', tags: ['等候太久'], comment: '叫号太慢了' } });
    expect(rated.status).toBe(201);
    // A second, older 差评 whose deadline has passed: the same ticket flow, then its deadline moved back.
    const manager = await t.loginDev('e2e-mgr-manager');
    await t.request('POST', '/api/v1/windows/win-mgr-1/call', { token: manager.token, body: { ticketId: first.id, reason: '补叫' } });
    await t.request('POST', `/api/v1/tickets/${first.id}/complete`, { token: manager.token, body: { windowId: 'win-mgr-1' } });
    expect((await t.request('POST', `/api/v1/tickets/${first.id}/rating`, { token: first.token, body: { grade: 'dissatisfied', comment: '材料要求没说清楚' } })).status).toBe(201);
    const old = await t.app.database.db.selectFrom('hall_ratings').select('id').where('ticket_id', '=', first.id).executeTakeFirstOrThrow();
    await t.app.database.db.updateTable('hall_rating_follow_ups').set({ due_at: Date.now() - 86_400_000 }).where('rating_id', '=', old.id).execute();

    const { page } = await browserPage('e2e-mgr-manager', `/packageHall/pages/follow-ups/index`);
    await page.waitForSelector('.follow-up', { timeout: 20_000 });
    await page.waitForSelector('.follow-up--overdue', { timeout: 15_000 });
    expect(await page.locator('.follow-up').count()).toBe(2);
    expect((await visibleTexts(page, '#follow-ups-overdue')).join('')).toContain('1 条已超过回访期限');
    const overdueColour = await page.$eval('.follow-up--overdue', (el) => getComputedStyle(el).borderLeftColor);
    expect(overdueColour).toMatch(/rgb\((2[0-5]\d), \d{1,2}, \d{1,2}\)/); // red
    await settle(page);
    await shot(page, 'follow-ups');
    for (const on of [true, false]) {
      await elderly(page, on, '/packageHall/pages/follow-ups/index');
      await page.waitForSelector('.follow-up--overdue', { timeout: 15_000 });
      if (on) await page.waitForSelector('#page-hall-follow-ups.elderly');
      await settle(page);
      if (on) await shot(page, 'follow-ups-elderly');
    }

    const id = await page.$eval('.follow-up--overdue', (el) => el.id.replace('follow-up-', ''));
    await page.fill(`#follow-up-note-${id} textarea`, '已电话回访，说明材料清单并致歉');
    await page.click(`#follow-up-close-${id}`);
    await page.waitForFunction(() => document.querySelectorAll('.follow-up').length === 1, undefined, { timeout: 15_000 });
    await page.click('#follow-ups-filter-closed');
    await waitForText(page, `#follow-up-${id} .status-pill`, '已逾期', 15_000);
    expect((await visibleTexts(page, `#follow-up-${id}`)).join('')).toContain('已电话回访');
    await page.setViewportSize(DESK);
    await settle(page);
    await shot(page, 'follow-ups-closed-1280');
    await page.setViewportSize(PHONE);

    await page.click('#manager-nav-stats');
    await page.waitForSelector('#stats-services-bars-svc-mgr-hz .bar-fill', { timeout: 20_000 });
    expect((await visibleTexts(page, '#stats-services-bars-svc-mgr-hz')).join('')).toContain('2人');
    await page.click('#stats-metric-satisfaction');
    await page.waitForSelector('#stats-services-bars-svc-mgr-hz .bar-fill--warn');
    await settle(page);
    await shot(page, 'stats');
    await page.setViewportSize(DESK);
    await settle(page);
    await shot(page, 'stats-1280');
    await page.setViewportSize(PHONE);
    await elderly(page, true, '/packageHall/pages/stats/index');
    await page.waitForSelector('#page-hall-stats.elderly #stats-services-bars-svc-mgr-hz', { timeout: 20_000 });
    await settle(page);
    await shot(page, 'stats-elderly');

    await page.click('#manager-nav-eta');
    await page.waitForSelector('#eta-mean-bars-svc-mgr-hz', { timeout: 20_000 });
    await settle(page);
    await shot(page, 'eta-elderly');
    await elderly(page, false, '/packageHall/pages/eta/index');
    await page.waitForSelector('#eta-mean-bars-svc-mgr-hz', { timeout: 20_000 });
    await settle(page);
    await shot(page, 'eta');

    await page.click('#manager-nav-slots');
    await page.waitForSelector('#slot-setting-svc-mgr-hz', { timeout: 20_000 });
    await page.click('#slot-minutes-svc-mgr-hz-60');
    await page.fill('#slot-capacity-svc-mgr-hz input', '4');
    await page.click('#slot-save-svc-mgr-hz');
    await waitForText(page, '#slot-setting-svc-mgr-hz .muted', '现在：每 60 分钟一个时段，每个时段 4 人', 15_000);
    await settle(page);
    await shot(page, 'slots');
    await page.setViewportSize(DESK);
    await settle(page);
    await shot(page, 'slots-1280');
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10); // China time; the hall opens every day
    const slots = await t.request('GET', `/api/v1/halls/${HALL}/slots?serviceId=svc-mgr-hz&date=${tomorrow}`);
    expect(slots.body.slots[0]).toMatchObject({ start: '00:00', end: '01:00', capacity: 4 });
    expect(devices.errors).toEqual([]);
  }, 180_000);
});
