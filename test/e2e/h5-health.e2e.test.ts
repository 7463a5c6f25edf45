import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { parseCode, withCheckChar } from '@govpass/shared-types';
import { E2eDevices, settle } from '../support/e2e-devices';
import { decodeQr } from '../support/decode-qr';
import { visibleTexts, waitForText } from '../support/page-text';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The health code end to end, three people on three phones against the real BFF (MariaDB + Redis):
 * a citizen shows the code → a verifier checks it with the network cut in the browser → an official
 * imports a close-contact list → the citizen's code turns red with the reason → the citizen appeals
 * and the official decides.
 */
const ROOT = resolve(__dirname, '../..');
const H5_DIST = join(ROOT, 'miniapp/dist/h5');
const SHOTS = join(ROOT, 'artifacts/screenshots');
const CITIZEN = { name: '冯十一', idNumber: withCheckChar('34010319850505202') };

let t: TestApp;
const devices = new E2eDevices(() => t.baseUrl);
const phone = (login: string, route: string) => devices.page(login, route, { size: { width: 375, height: 667 } });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp('real', { server: { staticDir: H5_DIST } });
  await t.app.services.registry.loadCsv(`${CITIZEN.name},${CITIZEN.idNumber}\n`);
  const citizen = await t.loginDev('e2e-health-citizen');
  expect((await t.request('POST', '/api/v1/identity', { token: citizen.token, body: CITIZEN })).status).toBe(200);
  const verifier = await t.loginDev('e2e-health-verifier');
  await t.app.services.roles.grant('e2e', { accountId: verifier.userId, role: 'verifier', scopeId: null }, null);
  const official = await t.loginDev('e2e-health-official');
  await t.app.services.roles.grant('e2e', { accountId: official.userId, role: 'health_official', scopeId: '340100' }, null);
}, 90_000);

afterAll(async () => {
  await devices.close();
  await t?.close();
});

describe('health code end to end: H5 in Chromium against the real BFF (MariaDB + Redis)', () => {
  let citizen: Page;
  let shownCode = '';

  it('shows the citizen a green code whose QR, read from a screenshot, is a signed personal code', async () => {
    citizen = await phone('e2e-health-citizen', '/packageHealth/pages/code/index');
    await waitForText(citizen, '#health-code-colour', '绿码', 20_000);
    await waitForText(citizen, '#health-code-name', '冯**');
    await settle(citizen);
    await citizen.screenshot({ path: join(SHOTS, 'health-code-green.png') });
    shownCode = (await decodeQr(citizen, '#health-code-qr')) ?? '';
    expect(shownCode).toHaveLength(120);
    expect(parseCode(shownCode).payload).toMatchObject({ kind: 'live', colour: 'green' });
    // The live clock ticks: a screenshot is visibly stale.
    const before = await citizen.locator('#health-code-clock').textContent();
    await citizen.waitForTimeout(1200);
    expect(await citizen.locator('#health-code-clock').textContent()).not.toBe(before);
  }, 40_000);

  it('lets the verifier check it with the network cut, then online', async () => {
    const verifier = await phone('e2e-health-verifier', '/packageHealth/pages/verify/index');
    // H5 with a camera (getUserMedia) offers 扫码核验 first; typing is one tap away, as on the mini-programs.
    await verifier.waitForSelector('#verify-scan, #verify-manual', { timeout: 20_000 });
    if (await verifier.locator('#verify-manual-toggle').count()) await verifier.click('#verify-manual-toggle');
    await verifier.waitForSelector('#verify-manual', { timeout: 5_000 });
    // The page fetched the keys on show; wait until they are in its storage, then go offline.
    await verifier.waitForFunction(() => Object.keys(localStorage).some((k) => localStorage.getItem(k)?.includes('"Ed25519"')), undefined, { timeout: 10_000 });
    await verifier.context().setOffline(true);
    await verifier.fill('#verify-code-input input', shownCode);
    await verifier.click('#verify-code-submit');
    await waitForText(verifier, '#verify-title', '绿码');
    expect(await visibleTexts(verifier, '#verify-offline-badge')).toEqual(['无网络，离线核验']);
    await settle(verifier);
    await verifier.screenshot({ path: join(SHOTS, 'health-verify-offline.png') });

    // A forged code (one signature character changed) is refused offline with the reason.
    await verifier.click('#verify-next');
    const last = shownCode.at(-2) === 'A' ? 'B' : 'A';
    await verifier.fill('#verify-code-input input', `${shownCode.slice(0, -2)}${last}${shownCode.at(-1)}`);
    await verifier.click('#verify-code-submit');
    await waitForText(verifier, '#verify-title', '无效码');
    await verifier.screenshot({ path: join(SHOTS, 'health-verify-forged.png') });

    // Back online: the BFF adds the masked name and the colour now.
    await verifier.context().setOffline(false);
    await verifier.click('#verify-next');
    await verifier.fill('#verify-code-input input', shownCode);
    await verifier.click('#verify-code-submit');
    await waitForText(verifier, '#verify-name', '冯**');
    expect(await visibleTexts(verifier, '#verify-offline-badge')).toEqual([]);

    // Someone without a phone or card: the verifier types the ID number from the card.
    await verifier.click('#verify-next');
    await verifier.fill('#verify-id-number input', '34010319850505');
    await verifier.click('#verify-id-submit');
    await verifier.waitForSelector('#verify-id-number-error', { timeout: 5_000 });
    await verifier.locator('#verify-by-id').scrollIntoViewIfNeeded();
    await verifier.screenshot({ path: join(SHOTS, 'health-verify-id-number-error.png') });
    await verifier.fill('#verify-id-number input', CITIZEN.idNumber);
    expect(await visibleTexts(verifier, '#verify-id-number-error')).toEqual([]);
    await verifier.click('#verify-id-submit');
    await waitForText(verifier, '#verify-name', '冯**');
    await settle(verifier);
    await verifier.screenshot({ path: join(SHOTS, 'health-verify-by-id-number.png') });

    // A citizen opening the staff page is told it is for verifiers, with a way home.
    const citizenAtDoor = await phone('e2e-health-citizen', '/packageHealth/pages/verify/index');
    await waitForText(citizenAtDoor, '#role-required .form-error', '仅核验人员可使用此功能', 20_000);
  }, 90_000);

  it('lets an official import a close-contact list, which turns the citizen red with the reason', async () => {
    const official = await phone('e2e-health-official', '/packageHealth/pages/import/index');
    await official.waitForSelector('#import-target-close_contact', { timeout: 20_000 });
    await official.click('#import-target-close_contact');
    await official.fill('#import-csv textarea', `idNumber,date,releasedOn\n${CITIZEN.idNumber},${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)},\n`);
    await official.click('#import-submit');
    await official.waitForSelector('#import-done', { timeout: 15_000 });
    await settle(official);
    await official.screenshot({ path: join(SHOTS, 'health-import-done.png') });

    await citizen.reload();
    await waitForText(citizen, '#health-code-colour', '红码', 20_000);
    expect((await visibleTexts(citizen, '#health-reasons')).join('')).toContain('密切接触者');
    expect(await visibleTexts(citizen, '#health-green-from')).not.toEqual([]);
    await settle(citizen);
    await citizen.screenshot({ path: join(SHOTS, 'health-code-red.png') });
    const red = await decodeQr(citizen, '#health-code-qr');
    expect(parseCode(red ?? '').payload.colour).toBe('red');

    // 关怀模式 (set on 我的, remembered in storage): larger type, the code still reads from a screenshot.
    const setElderly = (on: boolean) => citizen.evaluate((v) => localStorage.setItem('govpass.elderlyMode', JSON.stringify({ data: v })), on);
    await setElderly(true);
    await citizen.reload();
    await citizen.waitForSelector('#page-health-code.elderly', { timeout: 20_000 });
    await waitForText(citizen, '#health-code-colour', '红码');
    await settle(citizen);
    await citizen.screenshot({ path: join(SHOTS, 'health-code-red-elderly.png') });
    expect(parseCode((await decodeQr(citizen, '#health-code-qr')) ?? '').payload.colour).toBe('red');
    await setElderly(false);
    await citizen.reload();
    await waitForText(citizen, '#health-code-colour', '红码', 20_000);
  }, 60_000);

  it('lets the citizen appeal and the official decide; the citizen sees the outcome', async () => {
    await citizen.click('#health-go-appeal');
    await citizen.waitForSelector('#appeal-reason', { timeout: 10_000 });
    await citizen.fill('#appeal-reason textarea', '我当天不在该场所，请核实行程记录');
    await citizen.click('#appeal-submit');
    await citizen.waitForSelector('#appeal-list [id^="appeal-"]', { timeout: 10_000 });
    await settle(citizen);
    await citizen.screenshot({ path: join(SHOTS, 'health-appeal-filed.png') });

    const official = await phone('e2e-health-official', '/packageHealth/pages/appeals-admin/index');
    const form = official.locator('[id^="decide-"][id$="-note"]').first();
    await form.waitFor({ timeout: 20_000 });
    await official.fill('[id^="decide-"][id$="-note"] input', '已核实行程，维持原判定');
    await settle(official);
    await official.screenshot({ path: join(SHOTS, 'health-appeals-admin.png') });
    await official.click('[id^="decide-"][id$="-uphold"]');
    await official.waitForSelector('#queue-empty', { timeout: 10_000 });

    await citizen.reload();
    await citizen.waitForFunction(() => document.querySelector('#appeal-list')?.textContent?.includes('已核实行程'), undefined, { timeout: 15_000 });
    const appeal = (await t.app.database.db.selectFrom('health_appeals').selectAll().execute())[0];
    expect(appeal.status).toBe('upheld');
    expect(devices.errors).toEqual([]);
  }, 60_000);
});
