import { fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { setRouterParams } from '../test-doubles/taro';
import PosterPage from '../src/packageScan/pages/poster/index';
import PostersPage from '../src/packageScan/pages/posters/index';
import { posterTexts } from '../src/packageScan/poster-texts';
import { platform } from '../src/platform/platform';
import { citizen, fakeServer, signedIn } from './helpers';
import { decodeQrDataUrl } from './qr-decode';
import { SCAN_URL, VENUE_CODE } from './venue-fixtures';

const URL_PH = 'https://gov.example.cn/s/pharmacy/ph-001';
const admin = { ...citizen, roles: [...citizen.roles, { role: 'admin' as const, scopeId: null }] };
const text = (id: string) => document.getElementById(id)?.textContent;
const hallSummary = (id: string, name: string) => ({
  id, name, address: '天鹅湖路 1 号', district: '蜀山区', location: null, openingHours: [], closedDays: [], remoteTickets: true,
  services: [], openNow: true, todayHours: [], distanceMetres: null,
});
const hallWindow = (id: string, number: number, name: string) => ({ id, hallId: 'hall-1', number, name, serviceIds: ['s-1'], status: 'open' as const });

describe('poster page', () => {
  it('shows the name, address, QR of the printed URL, two lines and the large line for the elderly', async () => {
    signedIn();
    fakeServer.on('GET', '/api/v1/entries/pharmacy/ph-001', fakeServer.json(200, { kind: 'pharmacy', id: 'ph-001', url: URL_PH, scene: 'p/ph-001', place: { name: '同仁堂大药房', address: '长江中路 1 号' } }));
    setRouterParams({ kind: 'pharmacy', id: 'ph-001' });
    render(<PosterPage />);
    await waitFor(() => expect(text('poster-name')).toBe('同仁堂大药房'));
    expect(text('poster-address')).toBe('长江中路 1 号');
    expect([text('poster-line-1'), text('poster-line-2')]).toEqual(posterTexts.pharmacy.lines);
    expect(text('poster-elderly')).toBe(posterTexts.pharmacy.elderly);
    expect(text('poster-url')).toBe(URL_PH);
    expect(document.getElementById('poster-qr')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(document.getElementById('poster-print')).not.toBeNull();
  });

  it('is the venue poster too: named by the signed code, with the check-in steps and what the venue sees, printed on H5', async () => {
    signedIn();
    fakeServer.on('GET', `/api/v1/entries/venue/${VENUE_CODE}`, fakeServer.json(200, { kind: 'venue', id: VENUE_CODE, url: SCAN_URL, scene: null, place: { name: '幸福里菜市场', address: '长江路88号' } }));
    setRouterParams({ kind: 'venue', id: VENUE_CODE });
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    render(<PosterPage />);
    await waitFor(() => expect(text('poster-name')).toBe('幸福里菜市场'));
    expect(text('poster-address')).toBe('长江路88号');
    expect(decodeQrDataUrl(document.getElementById('poster-qr')?.getAttribute('src') ?? '')).toBe(SCAN_URL);
    expect([text('poster-line-1'), text('poster-line-2')]).toEqual(posterTexts.venue.lines);
    expect(text('poster-line-2')).toMatch(/登记/);
    expect(text('poster-note')).toBe(posterTexts.venue.note);
    fireEvent.click(document.getElementById('poster-print')!);
    expect(print).toHaveBeenCalled();
  });

  it('tells mini-program users, who cannot print, to save the poster as a picture', async () => {
    const noPrint = jest.replaceProperty(platform, 'canPrint', false);
    fakeServer.on('GET', `/api/v1/entries/venue/${VENUE_CODE}`, fakeServer.json(200, { kind: 'venue', id: VENUE_CODE, url: SCAN_URL, scene: null, place: { name: '幸福里菜市场', address: '长江路88号' } }));
    setRouterParams({ kind: 'venue', id: VENUE_CODE });
    render(<PosterPage />);
    await waitFor(() => expect(text('poster-save-hint')).toMatch(/截图保存.*A4/));
    expect(document.getElementById('poster-print')).toBeNull();
    noPrint.restore();
  });

  it('names a hall by its number while halls give no name, and says when the place is gone or the link is broken', async () => {
    fakeServer.on('GET', '/api/v1/entries/hall/hall-1', fakeServer.json(200, { kind: 'hall', id: 'hall-1', url: 'https://gov.example.cn/s/hall/hall-1', scene: 'h/hall-1', place: null }));
    setRouterParams({ kind: 'hall', id: 'hall-1' });
    const first = render(<PosterPage />);
    await waitFor(() => expect(text('poster-name')).toBe(`${posterTexts.hall.fallbackName} hall-1`));
    expect(text('poster-elderly')).toBe(posterTexts.hall.elderly);
    first.unmount();

    setRouterParams({ kind: 'shop', id: '1' });
    render(<PosterPage />);
    await waitFor(() => expect(text('poster-error')).toMatch(/海报地址不完整/));
    expect(document.getElementById('poster')).toBeNull();
  });
});

describe('场所码 (administrator)', () => {
  it('lists every pharmacy and every hall with its poster, and a hall’s windows one tap further', async () => {
    signedIn(admin);
    fakeServer.on('GET', '/api/v1/admin/pharmacies', fakeServer.json(200, { items: [{ id: 'ph-001', name: '同仁堂大药房', address: '长江中路 1 号', district: '庐阳区', lat: 31.8, lng: 117.2, phone: '1', openingHours: '8-20' }], total: 1, page: 1, pageSize: 1 }));
    fakeServer.on('GET', '/api/v1/halls', fakeServer.json(200, { items: [hallSummary('hall-1', '市民服务中心')] }));
    fakeServer.on('GET', '/api/v1/halls/hall-1', fakeServer.json(200, { hall: hallSummary('hall-1', '市民服务中心'), windows: [hallWindow('w-2', 2, '社保窗口'), hallWindow('w-1', 1, '户籍窗口')] }));
    render(<PostersPage />);
    await waitFor(() => expect(document.getElementById('poster-item-ph-001')).not.toBeNull());
    fireEvent.click(document.getElementById('poster-item-ph-001')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageScan/pages/poster/index?kind=pharmacy&id=ph-001' });

    await waitFor(() => expect(text('poster-item-hall-hall-1')).toContain('市民服务中心'));
    fireEvent.click(document.getElementById('poster-item-hall-hall-1')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageScan/pages/poster/index?kind=hall&id=hall-1' });
    // Windows are asked for only when the administrator opens the hall's windows.
    expect(fakeServer.requestsTo('/api/v1/halls/hall-1')).toHaveLength(0);
    fireEvent.click(document.getElementById('hall-windows-hall-1')!);
    await waitFor(() => expect(document.getElementById('poster-item-window-w-1')).not.toBeNull());
    const windowRows = Array.from(document.querySelectorAll('#hall-windows-list-hall-1 .poster-item-name')).map((e) => e.textContent);
    expect(windowRows).toEqual(['1号窗口', '2号窗口']);
    fireEvent.click(document.getElementById('poster-item-window-w-2')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageScan/pages/poster/index?kind=window&id=w-2' });
  });

  it('says when the halls cannot be listed', async () => {
    signedIn(admin);
    fakeServer.on('GET', '/api/v1/admin/pharmacies', fakeServer.json(200, { items: [], total: 0, page: 1, pageSize: 20 }));
    fakeServer.on('GET', '/api/v1/halls', fakeServer.json(503, { error: { code: 'STORE_UNAVAILABLE', message: 'down' } }));
    render(<PostersPage />);
    await waitFor(() => expect(document.querySelector('#hall-posters .form-error')).not.toBeNull());
    expect(document.querySelector('#hall-posters .poster-item')).toBeNull();
  });

  it('is for administrators only', () => {
    signedIn();
    render(<PostersPage />);
    expect(document.getElementById('role-required')).not.toBeNull();
    expect(fakeServer.requestsTo('/api/v1/admin/pharmacies')).toHaveLength(0);
    expect(fakeServer.requestsTo('/api/v1/halls')).toHaveLength(0);
  });
});
