import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { BoardView, HallDetailResponse, HallListResponse, MyAppointmentsResponse, SlotsResponse, TicketResponse, WindowConsoleResponse } from '@govpass/shared-types';
import { E2eDevices, PHONE, settle, type Viewport } from '../support/e2e-devices';
import { visibleTexts, waitForText } from '../support/page-text';
import { startTestApp, type TestApp } from '../support/test-app';
import { boardView, CONSOLE, HALL, HALL_DETAIL, MY_APPOINTMENTS, slots, ticketView } from './hall-wire-fixtures';

/**
 * Every hall page in Chromium, as a phone (375×812, 关怀模式 off and on) and the board at 1920×1080,
 * for screenshots to look at. The hall API is answered in the browser with contract-shaped data
 * (each answer checked by its zod schema here), so these pages can be seen and checked whatever
 * state the hall backend is in; h5-hall.e2e.test.ts runs the same pages against the real BFF.
 */
const ROOT = resolve(__dirname, '../..');
const SHOTS = join(ROOT, 'artifacts/screenshots');

let t: TestApp;
const devices = new E2eDevices(() => t.baseUrl);

function json(route: Route, status: number, body: unknown) {
  return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
}

/** The hall API, answered here; everything else goes to the real BFF. */
async function answerHallApi(page: Page, ticketState: () => Parameters<typeof ticketView>[0]): Promise<void> {
  await page.route(/\/api\/v1\/(halls|appointments|tickets|windows)(\/|\?|$)/, (route) => {
    const url = new URL(route.request().url());
    const p = url.pathname;
    if (p === '/api/v1/halls') return json(route, 200, HallListResponse.parse({ items: [HALL] }));
    if (p === '/api/v1/halls/hall-1') return json(route, 200, HallDetailResponse.parse(HALL_DETAIL));
    if (p === '/api/v1/halls/hall-1/slots') return json(route, 200, SlotsResponse.parse(slots(url.searchParams.get('date') ?? '')));
    if (p === '/api/v1/halls/hall-1/board') return json(route, 200, BoardView.parse(boardView()));
    if (p === '/api/v1/halls/hall-1/board/events') {
      const board = JSON.stringify({ type: 'board', board: boardView() });
      return route.fulfill({ status: 200, contentType: 'text/event-stream', body: `retry: 60000\nevent: board\ndata: ${board}\n\n` });
    }
    if (p === '/api/v1/appointments') return json(route, 200, MyAppointmentsResponse.parse(MY_APPOINTMENTS));
    if (p === '/api/v1/tickets') return json(route, 200, { items: [ticketView(ticketState())] });
    if (p === '/api/v1/tickets/t-1') return json(route, 200, TicketResponse.parse({ ticket: ticketView(ticketState()) }));
    if (p === '/api/v1/windows/win-3/console') return json(route, 200, WindowConsoleResponse.parse(CONSOLE));
    if (p === '/api/v1/windows/win-3/sign-in' || p === '/api/v1/windows/win-3/sign-out') return json(route, 200, { shift: null });
    return json(route, 404, { error: { code: 'NOT_FOUND', message: 'not in the screenshot fixtures', requestId: 'shots' } });
  });
}

const open = (login: string, route: string, size: Viewport, elderly = false) => devices.page(login, route, { size, elderly, prepare: (page) => answerHallApi(page, () => state) });

let state: Parameters<typeof ticketView>[0] = 'waiting';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('embedded', { server: { staticDir: join(ROOT, 'miniapp/dist/h5') } });
  const staff = await t.loginDev('shots-hall-staff');
  await t.app.services.roles.grant('e2e', { accountId: staff.userId, role: 'window_staff', scopeId: 'hall-1' }, null);
}, 90_000);

afterAll(async () => {
  await devices.close();
  await t?.close();
});

describe('hall pages in Chromium (screenshots)', () => {
  it.each([false, true])('citizen pages, 关怀模式 %s', async (elderly) => {
    const suffix = elderly ? '-elderly' : '';
    const page = await open('shots-hall-citizen', '/packageHall/pages/halls/index', PHONE, elderly);
    await page.waitForSelector('#hall-hall-1', { timeout: 20_000 });
    if (elderly) await page.waitForSelector('#page-hall-list.elderly');
    await settle(page);
    await page.screenshot({ path: join(SHOTS, `hall-list${suffix}.png`) });

    await page.click('#hall-hall-1');
    await waitForText(page, '#hall-name', HALL.name, 15_000);
    await page.click('#service-svc-a-materials-toggle');
    await settle(page);
    await page.screenshot({ path: join(SHOTS, `hall-detail${suffix}.png`), fullPage: true });

    await page.click('#service-svc-a-book');
    await page.waitForSelector('.slot', { timeout: 15_000 });
    await page.locator('.slot').nth(1).click();
    await waitForText(page, '#book-submit', '排队候补');
    await settle(page);
    await page.screenshot({ path: join(SHOTS, `hall-book${suffix}.png`), fullPage: true });

    await page.goto(`${t.baseUrl}/#/packageHall/pages/appointments/index`);
    await page.waitForSelector('#appointment-ap-1', { timeout: 15_000 });
    expect((await visibleTexts(page, '#appointment-wl-1-waitlist')).join('')).toContain('候补第 2 位');
    await settle(page);
    await page.screenshot({ path: join(SHOTS, `hall-appointments${suffix}.png`), fullPage: true });

    state = 'waiting';
    await page.goto(`${t.baseUrl}/#/packageHall/pages/ticket/index?id=t-1`);
    await waitForText(page, '#queue-ahead', '前面还有 4 人', 15_000);
    await settle(page);
    await page.screenshot({ path: join(SHOTS, `hall-queue-waiting${suffix}.png`) });
    state = 'called';
    await waitForText(page, '#queue-window', '请到 3号窗口 办理', 15_000);
    await settle(page);
    await page.screenshot({ path: join(SHOTS, `hall-queue-called${suffix}.png`) });

    await page.goto(`${t.baseUrl}/#/packageHall/pages/rate/index?ticketId=t-1&service=${encodeURIComponent('户籍业务')}`);
    await page.waitForSelector('#grade-picker', { timeout: 15_000 });
    await page.click('#grade-5');
    await page.click('#rate-tags-办事快');
    await settle(page);
    await page.screenshot({ path: join(SHOTS, `hall-rate${suffix}.png`), fullPage: true });
  }, 120_000);

  it('window console', async () => {
    const page = await open('shots-hall-staff', '/packageHall/pages/console/index', PHONE);
    await page.waitForSelector('#console-windows-win-3', { timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: join(SHOTS, 'hall-console-windows.png') });
    await page.click('#console-windows-win-3');
    await waitForText(page, '#console-number', 'A012', 15_000);
    await settle(page);
    await page.screenshot({ path: join(SHOTS, 'hall-console.png'), fullPage: true });
  }, 60_000);

  it('display board at 1920×1080', async () => {
    const page = await open('shots-hall-board', '/packageHall/pages/board/index?hallId=hall-1', { width: 1920, height: 1080 });
    await page.waitForSelector('#board-call-A012', { timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: join(SHOTS, 'hall-board.png') });
    expect(devices.errors).toEqual([]);
  }, 60_000);
});
