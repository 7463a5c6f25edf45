import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { pageLifecycle, setLaunchOptions, type FakeLaunchOptions } from '../test-doubles/taro';
import App from '../src/app';
import IndexPage from '../src/pages/index/index';
import { launchEntry as alipayEntry, resetAlipayLaunchEntry } from '../src/platform/launch-entry.alipay';
import { launchEntry as h5Entry } from '../src/platform/launch-entry.h5';
import { launchEntry as weappEntry } from '../src/platform/launch-entry.weapp';
import { platform } from '../src/platform/platform';
import type { LaunchEntrySource } from '../src/platform/types';
import { ENTRY_MESSAGES, entryTargets } from '../src/scan-entry/entry-targets';
import { entryNoticeStore } from '../src/store/entry-notice';
import { sessionStore, TOKEN_STORAGE_KEY } from '../src/store/session';
import { citizen, fakeServer, loginAnswer, signedIn, signedOut } from './helpers';

const URL_PH = 'https://gov.example.cn/s/pharmacy/ph-001';
const PH_PLACE = { name: '同仁堂大药房（长江中路店）', address: '庐阳区长江中路 1 号' };
const CONFIRM = '/packageMasks/pages/confirm/index?id=ph-001&name=%E5%90%8C%E4%BB%81%E5%A0%82%E5%A4%A7%E8%8D%AF%E6%88%BF%EF%BC%88%E9%95%BF%E6%B1%9F%E4%B8%AD%E8%B7%AF%E5%BA%97%EF%BC%89&address=%E5%BA%90%E9%98%B3%E5%8C%BA%E9%95%BF%E6%B1%9F%E4%B8%AD%E8%B7%AF%201%20%E5%8F%B7';
const VENUE = `GPV1.AAECAwQFBgcICQ.${'A'.repeat(86)}`;
const originalEntry = platform.launchEntry;

/** The options each platform's onLaunch/onShow give for a scan of the same printed pharmacy code. */
const SCANS: Record<string, { source: LaunchEntrySource; url: FakeLaunchOptions; miniCode: FakeLaunchOptions }> = {
  weapp: {
    source: weappEntry,
    url: { path: 'pages/index/index', scene: 1011, query: { q: encodeURIComponent(URL_PH), scancode_time: '1733360000' } },
    miniCode: { path: 'pages/index/index', scene: 1047, query: { scene: encodeURIComponent('p/ph-001') } },
  },
  alipay: {
    source: alipayEntry,
    url: { path: 'pages/index/index', scene: '1011', query: { qrCode: URL_PH } },
    miniCode: { path: 'pages/index/index', scene: '1011', query: { scene: 'p/ph-001' } },
  },
};

function entryAnswers(): void {
  fakeServer.on('POST', '/api/v1/auth/login', fakeServer.json(200, loginAnswer('token-scan')));
  fakeServer.on('GET', '/api/v1/entries/pharmacy/ph-001', fakeServer.json(200, { kind: 'pharmacy', id: 'ph-001', url: URL_PH, scene: 'p/ph-001', place: PH_PLACE }));
  fakeServer.on('GET', '/api/v1/entries/pharmacy/gone-9', fakeServer.error(404, 'NOT_FOUND'));
}

function renderApp() {
  return render(
    <App>
      <IndexPage />
    </App>,
  );
}

beforeEach(() => {
  resetAlipayLaunchEntry();
  entryNoticeStore.set({ opening: false, message: null });
  signedOut();
  entryAnswers();
});

afterEach(() => {
  platform.launchEntry = originalEntry;
});

describe.each(Object.entries(SCANS))('%s', (_name, scans) => {
  beforeEach(() => {
    platform.launchEntry = scans.source;
  });

  it.each([
    ['a printed URL code', () => scans.url],
    ['a mini-program code', () => scans.miniCode],
  ])('cold start from %s: logs in first, then opens the pharmacy’s booking page with its name', async (_kind, options) => {
    setLaunchOptions(options());
    renderApp();
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: CONFIRM }));
    // The login answered before the booking page opened, so that page loads its data logged in.
    const order = fakeServer.requests.map((r) => new URL(r.url).pathname);
    expect(order.indexOf('/api/v1/auth/login')).toBeLessThan(order.indexOf('/api/v1/entries/pharmacy/ph-001'));
    expect(Taro.getStorageSync(TOKEN_STORAGE_KEY)).toBe('token-scan');
    expect(Taro.navigateTo).toHaveBeenCalledTimes(1);
  });

  it('warm start: a scan while the app was in the background opens the place; a plain return does not', async () => {
    setLaunchOptions({ path: 'pages/index/index', scene: 1001, query: {} });
    signedIn(citizen, 'token-old');
    renderApp();
    await waitFor(() => expect(sessionStore.get().status).toBe('ready'));
    const launchLogins = fakeServer.requestsTo('/api/v1/auth/login').length;
    await act(async () => {
      pageLifecycle.hide();
      pageLifecycle.show(scans.url);
    });
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: CONFIRM }));
    // Logged in since the launch: the scan does not log in again.
    expect(fakeServer.requestsTo('/api/v1/auth/login')).toHaveLength(launchLogins);
    (Taro.navigateTo as jest.Mock).mockClear();
    await act(async () => {
      pageLifecycle.hide();
      pageLifecycle.show({ ...scans.url, scene: 1089 });
    });
    const returnOnly = _name === 'weapp' ? 'weapp ignores a non-scan scene' : 'alipay ignores the same query again';
    expect({ returnOnly, calls: (Taro.navigateTo as jest.Mock).mock.calls.length }).toEqual({ returnOnly, calls: 0 });
  });

  it('warm start with a broken code: back to home with the sentence', async () => {
    signedIn();
    renderApp();
    await act(async () => {
      pageLifecycle.hide();
      pageLifecycle.show({ path: 'pages/index/index', scene: 1011, query: { q: encodeURIComponent('https://gov.example.cn/s/pharmacy/ph%2') } });
    });
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' }));
    expect(document.getElementById('entry-notice-text')?.textContent).toBe(ENTRY_MESSAGES.invalid);
  });
});

describe('routing', () => {
  beforeEach(() => {
    platform.launchEntry = weappEntry;
  });

  it.each<[string, FakeLaunchOptions['query'], string]>([
    ['an unknown kind', { q: encodeURIComponent('https://gov.example.cn/s/shop/1') }, ENTRY_MESSAGES.invalid],
    ['a scene over 32 characters', { scene: `p%2F${'a'.repeat(31)}` }, ENTRY_MESSAGES.invalid],
    ['a pharmacy that no longer exists', { q: encodeURIComponent('https://gov.example.cn/s/pharmacy/gone-9') }, ENTRY_MESSAGES.notFound],
  ])('%s lands on home with a clear sentence', async (_name, query, message) => {
    setLaunchOptions({ path: 'pages/index/index', scene: 1011, query });
    renderApp();
    await waitFor(() => expect(document.getElementById('entry-notice-text')?.textContent).toBe(message));
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    fireEvent.click(document.getElementById('entry-notice-dismiss')!);
    expect(document.getElementById('entry-notice')).toBeNull();
  });

  it.each<[string, FakeLaunchOptions['query'], string]>([
    ['a hall → its page, offering a number at once', { scene: 'h%2Fhall-1' }, '/packageHall/pages/hall/index?id=hall-1&action=take'],
    ['a window → its hall page', { scene: 'w%2Fwin-3' }, '/packageHall/pages/hall/index?id=hall-1&windowId=win-3&action=take'],
    ['a venue poster → the check-in', { q: encodeURIComponent(`https://gov.example.cn/s/venue/${VENUE}/`) }, `/packageVenues/pages/checkin/index?code=${encodeURIComponent(VENUE)}`],
  ])('%s', async (_name, query, url) => {
    fakeServer.on('GET', '/api/v1/entries/hall/hall-1', fakeServer.json(200, { kind: 'hall', id: 'hall-1', url: 'https://gov.example.cn/s/hall/hall-1', scene: 'h/hall-1', place: { name: '政务服务中心', address: '某路 1 号' } }));
    fakeServer.on('GET', '/api/v1/entries/window/win-3', fakeServer.json(200, { kind: 'window', id: 'win-3', url: 'https://gov.example.cn/s/window/win-3', scene: 'w/win-3', place: { name: '政务服务中心 3号窗口', address: '某路 1 号', hallId: 'hall-1' } }));
    fakeServer.on('GET', `/api/v1/entries/venue/${VENUE}`, fakeServer.json(200, { kind: 'venue', id: VENUE, url: `https://gov.example.cn/s/venue/${VENUE}`, scene: null, place: { name: '幸福里菜市场', address: '某路 2 号' } }));
    setLaunchOptions({ path: 'pages/index/index', scene: 1011, query });
    renderApp();
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url }));
    expect(document.getElementById('entry-notice')).toBeNull();
  });

  it('a kind whose page is not in this build lands on home with its sentence', async () => {
    entryTargets.hall.available = false;
    try {
      fakeServer.on('GET', '/api/v1/entries/hall/hall-1', fakeServer.json(200, { kind: 'hall', id: 'hall-1', url: 'https://gov.example.cn/s/hall/hall-1', scene: 'h/hall-1', place: null }));
      setLaunchOptions({ path: 'pages/index/index', scene: 1011, query: { scene: 'h%2Fhall-1' } });
      renderApp();
      await waitFor(() => expect(document.getElementById('entry-notice-text')?.textContent).toBe(entryTargets.hall.unavailable));
      expect(Taro.navigateTo).not.toHaveBeenCalled();
    } finally {
      entryTargets.hall.available = true;
    }
  });

  it('the home code opens home without a sentence; no code changes nothing', async () => {
    setLaunchOptions({ path: 'pages/index/index', scene: 1047, query: { scene: 'home' } });
    renderApp();
    await act(async () => undefined);
    expect(document.getElementById('entry-notice')).toBeNull();
    expect(Taro.navigateTo).not.toHaveBeenCalled();
  });

  it('says 正在打开… while it waits for the login and the place', async () => {
    setLaunchOptions(SCANS.weapp.url);
    renderApp();
    // Before the login has answered.
    expect(document.getElementById('entry-opening')).not.toBeNull();
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: CONFIRM }));
    expect(document.getElementById('entry-opening')).toBeNull();
    expect(sessionStore.get().status).toBe('ready');
  });

  it('opens the page anyway when the place cannot be looked up (offline), with the id only', async () => {
    fakeServer.on('GET', '/api/v1/entries/pharmacy/ph-001', { reject: { errMsg: 'request:fail timeout' } });
    setLaunchOptions(SCANS.weapp.url);
    renderApp();
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageMasks/pages/confirm/index?id=ph-001' }));
  });

  it('starts afresh on the page when the page stack is full', async () => {
    (Taro.navigateTo as jest.Mock).mockRejectedValueOnce({ errMsg: 'navigateTo:fail webview count limit exceed' });
    setLaunchOptions(SCANS.weapp.url);
    renderApp();
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: CONFIRM }));
  });
});

describe('H5 query', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('reads ?scene= once at launch and takes it out of the address bar, keeping the hash route', () => {
    window.history.replaceState(null, '', '/?scene=p%2Fph-001&dev=admin#/pages/index/index');
    expect(h5Entry.read(undefined, 'launch')).toEqual({ q: undefined, scene: 'p/ph-001' });
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe('/?dev=admin#/pages/index/index');
    expect(h5Entry.read(undefined, 'launch')).toBeNull();
  });

  it('reads ?q= too, and nothing on show', () => {
    window.history.replaceState(null, '', `/?q=${encodeURIComponent(URL_PH)}`);
    expect(h5Entry.read(undefined, 'show')).toBeNull();
    expect(h5Entry.read(undefined, 'launch')).toEqual({ q: URL_PH, scene: undefined });
  });

  it('routes the H5 app from its query like a mini-program (the default platform under jest)', async () => {
    window.history.replaceState(null, '', '/?scene=p%2Fph-001#/pages/index/index');
    renderApp();
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: CONFIRM }));
  });
});
