import { act, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import MyVenuesPage from '../src/packageVenues/pages/venues/index';
import VenueRegisterPage from '../src/packageVenues/pages/register/index';
import VenueCountsPage from '../src/packageVenues/pages/counts/index';
import { COUNTS_REFRESH_MS } from '../src/packageVenues/pages/counts/use-venue-counts';
import { setRouterParams } from '../test-doubles/taro';
import { citizen, fakeServer, signedIn } from './helpers';
import { counts, manager, SCAN_URL, VENUE_CODE, venue, VENUES } from './venue-fixtures';

const byId = (id: string) => document.getElementById(id);
const text = (id: string) => byId(id)?.textContent ?? null;
const tap = (id: string) => fireEvent.click(byId(id)!);
const type = (id: string, value: string) => fireEvent.change(byId(id)!, { target: { value } });

async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 6; i += 1) await Promise.resolve();
  });
}

describe('我的场所 (venue managers)', () => {
  beforeEach(() => signedIn(manager));

  it('lists my venues with their poster and counts', async () => {
    fakeServer.on('GET', VENUES.list, fakeServer.json(200, { items: [venue('v-001'), venue('v-002', { name: '社区图书馆', type: 'other' })] }));
    render(<MyVenuesPage />);
    await flush();

    expect(byId('venue-v-001')?.textContent).toContain('幸福里菜市场');
    expect(byId('venue-v-001')?.textContent).toContain('农贸市场 · 庐阳区 · 长江路88号');
    // The list knows ids; the one poster page of printed codes is named by the venue's signed code.
    fakeServer.on('GET', VENUES.poster('v-002'), fakeServer.json(200, { venue: venue('v-002'), poster: { venueCode: VENUE_CODE, scanUrl: SCAN_URL, instructions: [], issuedAt: 'x' } }));
    tap('venue-v-002-poster');
    await flush();
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packageScan/pages/poster/index?kind=venue&id=${VENUE_CODE}` });
    tap('venue-v-001-counts');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageVenues/pages/counts/index?id=v-001' });
    tap('venues-register');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageVenues/pages/register/index' });
  });

  it('says why when a venue’s poster code cannot be had, and opens nothing', async () => {
    fakeServer.on('GET', VENUES.list, fakeServer.json(200, { items: [venue('v-003')] }));
    fakeServer.on('GET', VENUES.poster('v-003'), fakeServer.json(404, { error: { code: 'VENUE_NOT_FOUND', message: 'gone' } }));
    render(<MyVenuesPage />);
    await flush();
    tap('venue-v-003-poster');
    await flush();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ icon: 'none' }));
    expect(Taro.navigateTo).not.toHaveBeenCalled();
  });

  it('tells a citizen the page is for venue managers, and asks the BFF nothing', async () => {
    signedIn(citizen);
    render(<MyVenuesPage />);
    await flush();
    expect(text('role-required')).toContain('仅场所管理员可使用此功能');
    expect(fakeServer.requests).toHaveLength(0);
  });

  it('registers a venue after checking the form with the shared schema, then opens its poster', async () => {
    fakeServer.on('POST', VENUES.list, fakeServer.json(201, { venue: venue('v-009'), poster: { venueCode: VENUE_CODE, scanUrl: SCAN_URL, instructions: [], issuedAt: 'x' } }));
    render(<VenueRegisterPage />);

    tap('venue-submit');
    await flush();
    expect(text('venue-name-error')).toBe('场所名称至少2个字');
    expect(text('venue-type-error')).toBe('请选择场所类型');
    expect(fakeServer.requests).toHaveLength(0);

    type('venue-name-input', '幸福里菜市场');
    type('venue-address-input', '长江路88号');
    type('venue-district-input', '庐阳区');
    tap('venue-type-market');
    // H5 asks the browser; a refusal leaves typing the coordinates in.
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: (ok: (p: { coords: { latitude: number; longitude: number } }) => void) => ok({ coords: { latitude: 31.23, longitude: 121.47 } }) },
    });
    tap('venue-locate');
    await flush();
    expect((byId('venue-lat-input') as HTMLInputElement).value).toBe('31.230000');
    tap('venue-submit');
    await flush();

    expect(fakeServer.requestsTo(VENUES.list)[0].data).toEqual({ name: '幸福里菜市场', address: '长江路88号', district: '庐阳区', type: 'market', lat: 31.23, lng: 121.47 });
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packageScan/pages/poster/index?kind=venue&id=${VENUE_CODE}` });
  });

  it('shows counts (today, now, by hour) and refreshes them every minute', async () => {
    jest.useFakeTimers();
    setRouterParams({ id: 'v-001' });
    fakeServer.on('GET', VENUES.counts('v-001'), fakeServer.json(200, counts()), fakeServer.json(200, counts({ today: 43 })));
    render(<VenueCountsPage />);
    await flush();

    expect(text('counts-today')).toBe('42');
    expect(text('counts-now')).toBe('7');
    expect(text('counts-busiest')).toBe('9时');
    expect(byId('counts-hour-9')?.getAttribute('data-count')).toBe('20');
    expect((byId('counts-hour-9')?.lastElementChild as HTMLElement).style.height).toBe('100%');
    expect((byId('counts-hour-10')?.lastElementChild as HTMLElement).style.height).toBe('60%');

    await act(async () => {
      jest.advanceTimersByTime(COUNTS_REFRESH_MS);
      await Promise.resolve();
    });
    await flush();
    expect(text('counts-today')).toBe('43');
    jest.useRealTimers();
  });
});
