import { Buffer } from 'node:buffer';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import jsQR from 'jsqr';
import { pageLifecycle, setRouterParams } from '../test-doubles/taro';
import ReservationsPage from '../src/packageMasks/pages/reservations/index';
import { canCancel } from '../src/packageMasks/lib/mask-format';
import { forgetRecentBookings, rememberBooking } from '../src/packageMasks/lib/recent-bookings';
import { fakeServer, signedIn } from './helpers';
import { application, MASK, myReservation, verifiedCitizen } from './mask-fixtures';

const byId = (id: string) => document.getElementById(id);

function serve(items = [myReservation('res-1')], applications = [application('app-1')]) {
  fakeServer.on('GET', MASK.reservations, fakeServer.json(200, { items, applications }));
}

/** Decodes the QR <Image>: SVG data URL → module grid → pixels → jsQR. */
function qrText(img: HTMLImageElement): string | null {
  const svg = Buffer.from(img.src.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8');
  const total = Number(/viewBox="0 0 (\d+)/.exec(svg)![1]);
  const dark = new Set<string>();
  for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    for (let x = Number(m[1]); x < Number(m[1]) + Number(m[3]); x += 1) dark.add(`${x},${m[2]}`);
  }
  const scale = 4;
  const px = total * scale;
  const rgba = new Uint8ClampedArray(px * px * 4).fill(255);
  for (let y = 0; y < px; y += 1) {
    for (let x = 0; x < px; x += 1) {
      if (dark.has(`${Math.floor(x / scale)},${Math.floor(y / scale)}`)) rgba.fill(0, (y * px + x) * 4, (y * px + x) * 4 + 3);
    }
  }
  return jsQR(rgba, px, px)?.data ?? null;
}

describe('我的预约 (my reservations)', () => {
  beforeEach(() => {
    signedIn(verifiedCitizen);
    forgetRecentBookings();
  });

  it('labels every status in Chinese', async () => {
    serve(
      [
        myReservation('r-reserved'),
        myReservation('r-redeemed', { status: 'redeemed', pickupCode: null }),
        myReservation('r-expired', { status: 'expired', pickupCode: null }),
        myReservation('r-cancelled', { status: 'cancelled', pickupCode: null }),
      ],
      [application('a-pending'), application('a-won', { status: 'won' }), application('a-lost', { status: 'lost' })],
    );
    render(<ReservationsPage />);
    await screen.findByText('已核销');

    const label = (id: string) => byId(`${id}-status`)?.textContent;
    expect(['r-reserved', 'r-redeemed', 'r-expired', 'r-cancelled'].map((id) => label(`reservation-${id}`))).toEqual(['待取', '已核销', '已过期', '已取消']);
    expect(['a-pending', 'a-won', 'a-lost'].map((id) => label(`application-${id}`))).toEqual(['待抽签', '已中签', '未中签']);
    expect(byId('reservation-r-reserved')?.getAttribute('data-status')).toBe('reserved');
  });

  it('shows pharmacy, masked person and pickup date', async () => {
    serve([myReservation('res-1', { pharmacyName: '第一大药房', personName: '李*', pickupDate: '2099-01-01' })], []);
    render(<ReservationsPage />);

    await screen.findByText('第一大药房');
    expect(byId('reservation-res-1-person')?.textContent).toBe('李*');
    expect(byId('reservation-res-1-pickup-date')?.textContent).toBe('2099年1月1日（周四）');
  });

  it('shows the pickup code as a QR image (SVG data URL that decodes to the code) with the code text underneath, for 待取 only', async () => {
    const code = 'GP1.AZ3x8Qm2TnqWJ4aJcX0u0-sAAnBoLTAwMRK7cWpX3V9kZk2bC0u7Yg_1a9';
    serve([myReservation('res-1', { pickupCode: code }), myReservation('res-2', { status: 'redeemed', pickupCode: null })], []);
    render(<ReservationsPage />);
    await screen.findByText('已核销');

    const img = byId('reservation-res-1-qr') as HTMLImageElement;
    expect(img.tagName).toBe('IMG');
    expect(img.src).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    expect(qrText(img)).toBe(code);
    expect(byId('reservation-res-1-code-text')?.textContent).toBe(code);
    expect(byId('reservation-res-2-qr')).toBeNull();
    expect(byId('reservation-res-2-code-text')).toBeNull();
  });

  it('cancels after the user confirms, and shows it as 已取消', async () => {
    serve([myReservation('res-1')], []);
    const { pickupCode: _c, ...cancelled } = myReservation('res-1', { status: 'cancelled' });
    fakeServer.on('DELETE', '/api/v1/masks/reservations/res-1', fakeServer.json(200, { reservation: cancelled, unitReturned: true }));
    render(<ReservationsPage />);

    fireEvent.click(await screen.findByText('取消预约'));

    await waitFor(() => expect(byId('reservation-res-1-status')?.textContent).toBe('已取消'));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消预约' }));
    expect(byId('reservation-res-1-qr')).toBeNull();
    expect(byId('reservation-res-1-cancel')).toBeNull();
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已取消预约', icon: 'success' });
  });

  it('keeps the reservation when the user declines the dialog', async () => {
    serve([myReservation('res-1')], []);
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<ReservationsPage />);

    fireEvent.click(await screen.findByText('取消预约'));

    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(fakeServer.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    expect(byId('reservation-res-1-status')?.textContent).toBe('待取');
  });

  it('shows a refused cancellation in Chinese', async () => {
    serve([myReservation('res-1')], []);
    fakeServer.on('DELETE', '/api/v1/masks/reservations/res-1', fakeServer.error(409, 'CONFLICT', { pickupDate: '2099-01-01' }));
    render(<ReservationsPage />);

    fireEvent.click(await screen.findByText('取消预约'));

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '取货当天及之后不能取消预约', icon: 'none' }));
  });

  it('offers 取消预约 only for 待取 before the pickup day', () => {
    const now = Date.parse('2024-03-02T15:00:00Z'); // 23:00 on 2 March in China
    expect(canCancel({ status: 'reserved', pickupDate: '2024-03-04' }, now)).toBe(true);
    expect(canCancel({ status: 'reserved', pickupDate: '2024-03-03' }, Date.parse('2024-03-02T15:59:59Z'))).toBe(true);
    expect(canCancel({ status: 'reserved', pickupDate: '2024-03-03' }, now + 3_600_000)).toBe(false);
    expect(canCancel({ status: 'redeemed', pickupDate: '2099-01-01' }, now)).toBe(false);
  });

  it('shows the booking just made, highlighted, even before the server lists it', async () => {
    const { pickupCode, shortCode, ...reservation } = myReservation('res-new', { pickupCode: 'GP1.fresh', shortCode: '0070001238' });
    rememberBooking({ reservation, pickupCode: pickupCode!, shortCode });
    setRouterParams({ highlight: 'res-new' });
    serve([myReservation('res-old', { status: 'redeemed', pickupCode: null, createdAt: '2024-01-01T00:00:00Z' })], []);
    render(<ReservationsPage />);

    await screen.findByText('预约成功');
    const ids = Array.from(document.querySelectorAll('#reservation-list .reservation-item')).map((el) => el.id);
    expect(ids).toEqual(['reservation-res-new', 'reservation-res-old']);
    // The short 取货码 of the answer, grouped 3-3-4 for reading aloud.
    expect(document.querySelector('#reservation-res-new-short-code')?.textContent).toBe('007 000 1238');
    expect(byId('reservation-res-new')?.className).toContain('reservation-item--new');
    expect(byId('reservation-res-new-code-text')?.textContent).toBe('GP1.fresh');
  });

  it('shows an empty state that leads to booking', async () => {
    serve([], []);
    render(<ReservationsPage />);

    fireEvent.click(await screen.findByText('去预约'));

    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageMasks/pages/pharmacies/index' });
  });

  it('loads once on opening and again when shown after another page was on top', async () => {
    serve([myReservation('res-1')], []);
    render(<ReservationsPage />);
    await screen.findByText('待取');
    expect(fakeServer.requestsTo(MASK.reservations)).toHaveLength(1);

    act(() => pageLifecycle.show()); // a show without a hide first (the page's own first show)
    expect(fakeServer.requestsTo(MASK.reservations)).toHaveLength(1);
    act(() => {
      pageLifecycle.hide();
      pageLifecycle.show();
    });

    await waitFor(() => expect(fakeServer.requestsTo(MASK.reservations)).toHaveLength(2));
  });
});
