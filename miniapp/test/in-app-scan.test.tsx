import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import IndexPage from '../src/pages/index/index';
import { platform } from '../src/platform/platform';
import { scanCode as weappScan } from '../src/platform/scan-code.weapp';
import { SCAN_MESSAGES } from '../src/scan-entry/entry-targets';
import { entryOfScannedText } from '../src/scan-entry/scanned-text';
import { fakeServer, signedIn } from './helpers';

/*
 * 扫一扫 inside the app (issue 14): every kind the launch entry routes is routed by the same
 * router (open-entry.ts routeEntry) — the launch cases are in launch-entry.test.tsx. A code that is
 * not ours, forged, or for a place gone: a sentence on home and no navigation at all.
 */

const HOST = 'https://gov.example.cn';
const UUID = '0f8e2db5-6f67-4b46-a7e1-9655c219883c';
const VENUE = `GPV1.AAECAwQFBgcICQ.${'A'.repeat(86)}`;
const FORGED_VENUE = `GPV1.AAECAwQFBgcICQ.${'B'.repeat(86)}`;
const HALL_PAGE = '/packageHall/pages/hall/index';

function answer(kind: string, id: string, place: Record<string, string> | null): void {
  fakeServer.on('GET', `/api/v1/entries/${kind}/${id}`, fakeServer.json(200, { kind, id, url: `${HOST}/s/${kind}/${id}`, scene: null, place }));
}

beforeEach(() => {
  answer('pharmacy', 'ph-001', { name: '大药房', address: '长江路 1 号' });
  answer('pharmacy', UUID, { name: '二药房', address: '长江路 2 号' });
  answer('hall', 'hall-1', { name: '政务服务中心', address: '某路 1 号' });
  answer('window', 'win-3', { name: '政务服务中心 3号窗口', address: '某路 1 号', hallId: 'hall-1' });
  answer('venue', VENUE, { name: '菜市场', address: '某路 2 号' });
  fakeServer.on('GET', '/api/v1/entries/pharmacy/gone-9', fakeServer.error(404, 'NOT_FOUND'));
  // The BFF checks a venue code's signature: a forged one is "no such place".
  fakeServer.on('GET', `/api/v1/entries/venue/${FORGED_VENUE}`, fakeServer.error(404, 'NOT_FOUND'));
});

afterEach(() => jest.restoreAllMocks());

async function scan(text: string | null): Promise<void> {
  signedIn();
  jest.spyOn(platform, 'scanCode').mockResolvedValue(text);
  render(<IndexPage />);
  fireEvent.click(document.getElementById('service-scan')!);
  await waitFor(() => expect(platform.scanCode).toHaveBeenCalled());
}

const pharmacyPage = (id: string, name: string, address: string) =>
  `/packageMasks/pages/confirm/index?id=${id}&name=${encodeURIComponent(name)}&address=${encodeURIComponent(address)}`;

describe('in-app 扫一扫 routes every kind the launch entry routes', () => {
  it.each<[string, string, string]>([
    ['a pharmacy URL', `${HOST}/s/pharmacy/ph-001`, pharmacyPage('ph-001', '大药房', '长江路 1 号')],
    ['a pharmacy URL with a trailing slash and a query', `${HOST}/s/pharmacy/ph-001/?from=poster`, pharmacyPage('ph-001', '大药房', '长江路 1 号')],
    ['a hall URL', `${HOST}/s/hall/hall-1`, `${HALL_PAGE}?id=hall-1&action=take`],
    ['a window URL', `${HOST}/s/window/win-3`, `${HALL_PAGE}?id=hall-1&windowId=win-3&action=take`],
    ['a venue poster URL', `${HOST}/s/venue/${VENUE}`, `/packageVenues/pages/checkin/index?code=${encodeURIComponent(VENUE)}`],
    ['a venue’s bare code', VENUE, `/packageVenues/pages/checkin/index?code=${encodeURIComponent(VENUE)}`],
    ['our WeChat mini-program code of a pharmacy (its path)', 'pages/index/index?scene=p%2Fph-001', pharmacyPage('ph-001', '大药房', '长江路 1 号')],
    ['our mini-program code of a hall', 'pages/index/index?scene=h%2Fhall-1', `${HALL_PAGE}?id=hall-1&action=take`],
    ['our mini-program code of a window', '/pages/index/index?scene=w%2Fwin-3', `${HALL_PAGE}?id=hall-1&windowId=win-3&action=take`],
    ['a UUID pharmacy in the 32-character scene form', 'pages/index/index?scene=p.D44ttW9nS0an4ZZVwhmIPA', pharmacyPage(UUID, '二药房', '长江路 2 号')],
    ['the short form typed from under the code', 'w/win-3', `${HALL_PAGE}?id=hall-1&windowId=win-3&action=take`],
  ])('%s', async (_name, text, url) => {
    await scan(text);
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url }));
    expect(Taro.navigateTo).toHaveBeenCalledTimes(1);
    expect(document.getElementById('entry-notice')).toBeNull();
  });

  it('routes a code typed where there is no scanner (H5) the same way', async () => {
    await scan(null);
    fireEvent.change(await screen.findByPlaceholderText('请输入编码'), { target: { value: ` ${HOST}/s/hall/hall-1 ` } });
    fireEvent.click(document.getElementById('scan-manual-submit')!);
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${HALL_PAGE}?id=hall-1&action=take` }));
  });

  it('the home code stays on home, saying nothing', async () => {
    await scan(`${HOST}/s/home`);
    await waitFor(() => expect(entryOfScannedText(`${HOST}/s/home`).result).toEqual({ status: 'entry', entry: { kind: 'home' } }));
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
    expect(document.getElementById('entry-notice')).toBeNull();
  });
});

describe('foreign and forged codes: a sentence, no navigation', () => {
  it.each<[string, string, string]>([
    ['another site’s link', 'https://weixin.qq.com/r/abcdefg', SCAN_MESSAGES.invalid],
    ['our path on another host', `https://gov.example.evil.cn/s/pharmacy/ph-001`, SCAN_MESSAGES.invalid],
    ['a payment or product code', '6901234567892', SCAN_MESSAGES.invalid],
    ['plain text', 'GP-123', SCAN_MESSAGES.invalid],
    ['an unknown kind', `${HOST}/s/shop/1`, SCAN_MESSAGES.invalid],
    ['an id with odd characters', `${HOST}/s/pharmacy/ph<script>`, SCAN_MESSAGES.invalid],
    ['broken percent-encoding', `pages/index/index?scene=p%2`, SCAN_MESSAGES.invalid],
    ['a scene over 32 characters', `pages/index/index?scene=p%2F${'a'.repeat(31)}`, SCAN_MESSAGES.invalid],
    ['another mini-program’s path without a scene', 'pages/shop/index?id=3', SCAN_MESSAGES.invalid],
    ['a venue code of the wrong shape', 'GPV1.short.sig', SCAN_MESSAGES.invalid],
    ['a forged venue code (bad signature)', `${HOST}/s/venue/${FORGED_VENUE}`, SCAN_MESSAGES.notFound],
    ['a pharmacy that no longer exists', `${HOST}/s/pharmacy/gone-9`, SCAN_MESSAGES.notFound],
  ])('%s', async (_name, text, message) => {
    await scan(text);
    expect(await screen.findByText(message)).toBeTruthy();
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('a cancelled scan opens typed entry, not a sentence', async () => {
    await scan(null);
    expect(await screen.findByPlaceholderText('请输入编码')).toBeTruthy();
    expect(document.getElementById('entry-notice')).toBeNull();
  });
});

describe('WeChat’s scanner', () => {
  it('answers our mini-program code’s path (where its scene is), else the decoded text', async () => {
    (Taro.scanCode as jest.Mock).mockResolvedValueOnce({ result: '', path: 'pages/index/index?scene=h%2Fhall-1' });
    await expect(weappScan()).resolves.toBe('pages/index/index?scene=h%2Fhall-1');
    (Taro.scanCode as jest.Mock).mockResolvedValueOnce({ result: `${HOST}/s/hall/hall-1` });
    await expect(weappScan()).resolves.toBe(`${HOST}/s/hall/hall-1`);
  });
});
