import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import PharmacyListPage from '../src/packageMasks/pages/pharmacies/index';
import { formatDistance, stockLevel } from '../src/packageMasks/lib/mask-format';
import { platform } from '../src/platform/platform';
import { consentStore } from '../src/store/consent';
import { ELDERLY_MODE_STORAGE_KEY, elderlyModeStore } from '../src/store/elderly-mode';
import { pageLifecycle } from '../test-doubles/taro';
import { fakeServer, signedIn } from './helpers';
import type { MaskRound } from '../src/api/mask-contract';
import { MASK, maskRound, pharmacy } from './mask-fixtures';

const byId = (id: string) => document.getElementById(id);

function serve(items = [pharmacy('ph-1')], nextCursor: string | null = null, round: MaskRound | null = maskRound()) {
  fakeServer.on('GET', MASK.round, fakeServer.json(200, { round }));
  fakeServer.on('GET', MASK.pharmacies, fakeServer.json(200, { items, nextCursor }));
  fakeServer.on('GET', MASK.stock, fakeServer.json(200, { roundId: round?.id ?? null, generatedAt: '2024-03-01T02:00:00Z', unitsPerBooking: round?.quantityPerPerson ?? null, items: [] }));
}

function queryOf(url: string): URLSearchParams {
  return new URL(url).searchParams;
}

describe('药店列表 (pharmacy list)', () => {
  beforeEach(() => {
    signedIn();
    act(() => elderlyModeStore.set(false));
  });
  afterEach(() => jest.restoreAllMocks());

  it('shows name, address and the bookings left with the masks in each, with 约满 at ≤10% left and 已约满 (button disabled) at 0', async () => {
    serve([
      pharmacy('ph-a', { name: '充足药房', quota: 100, remaining: 11 }),
      pharmacy('ph-b', { name: '紧张药房', quota: 100, remaining: 10 }),
      pharmacy('ph-c', { name: '售罄药房', quota: 100, remaining: 0 }),
    ]);
    render(<PharmacyListPage />);
    await screen.findByText('售罄药房');

    expect(byId('pharmacy-ph-a')?.textContent).toContain('黄浦区南京东路1号');
    expect(byId('pharmacy-ph-a-stock')?.textContent).toBe('剩余 11 份 · 每份 5 只');
    expect(byId('pharmacy-ph-a-badge')).toBeNull();
    expect(byId('pharmacy-ph-b-badge')?.textContent).toBe('约满');
    expect(byId('pharmacy-ph-c-badge')?.textContent).toBe('已约满');
    expect((byId('book-ph-a') as HTMLButtonElement).disabled).toBe(false);
    expect((byId('book-ph-b') as HTMLButtonElement).disabled).toBe(false);
    const soldOut = byId('book-ph-c') as HTMLButtonElement;
    expect(soldOut.disabled).toBe(true);
    expect(soldOut.textContent).toBe('已约满');
  });

  it('marks pharmacies outside this round (quota 0) and does not let them be booked', async () => {
    serve([pharmacy('ph-x', { quota: 0, remaining: 0 })]);
    render(<PharmacyListPage />);

    await waitFor(() => expect(byId('pharmacy-ph-x-stock')?.textContent).toBe('本轮未参与'));
    expect((byId('book-ph-x') as HTMLButtonElement).disabled).toBe(true);
    expect(byId('pharmacy-ph-x-badge')).toBeNull();
  });

  it('asks for the position only when 离我最近 is tapped, then shows distances in 米/公里', async () => {
    const locate = jest.spyOn(platform, 'getLocation').mockResolvedValue({ lat: 31.2, lng: 121.5 });
    serve([pharmacy('ph-near', { distanceM: 850 }), pharmacy('ph-far', { distanceM: 12_345 })]);
    render(<PharmacyListPage />);
    await screen.findByText('ph-near号药店');
    expect(locate).not.toHaveBeenCalled();
    expect(queryOf(fakeServer.requestsTo(MASK.pharmacies)[0].url).has('lat')).toBe(false);

    fireEvent.click(byId('pharmacy-nearest')!);
    await waitFor(() => expect(fakeServer.requestsTo(MASK.pharmacies)).toHaveLength(2));
    const query = queryOf(fakeServer.requestsTo(MASK.pharmacies)[1].url);
    expect([query.get('lat'), query.get('lng')]).toEqual(['31.2', '121.5']);
    await waitFor(() => expect(byId('pharmacy-nearest')?.textContent).toBe('已按离我最近排序'));
    expect(byId('pharmacy-ph-near-distance')?.textContent).toBe('距您 850米');
    expect(byId('pharmacy-ph-far-distance')?.textContent).toBe('距您 12公里');
  });

  it('asks for the privacy agreement first, and no position without it', async () => {
    consentStore.set({ status: { currentVersion: 'v1', agreedVersion: null, agreedAt: null, required: true }, popupOpen: false });
    const locate = jest.spyOn(platform, 'getLocation').mockResolvedValue({ lat: 31.2, lng: 121.5 });
    serve([pharmacy('ph-1')]);
    render(<PharmacyListPage />);
    await screen.findByText('ph-1号药店');
    fireEvent.click(byId('pharmacy-nearest')!);
    await waitFor(() => expect(byId('privacy-popup')).not.toBeNull());
    fireEvent.click(byId('privacy-decline')!);
    await waitFor(() => expect(byId('pharmacy-nearest-failed')).not.toBeNull());
    expect(locate).not.toHaveBeenCalled();
  });

  it('shows no distance when location is refused', async () => {
    jest.spyOn(platform, 'getLocation').mockResolvedValue(null);
    serve([pharmacy('ph-1')]);
    render(<PharmacyListPage />);

    await screen.findByText('ph-1号药店');
    fireEvent.click(byId('pharmacy-nearest')!);
    await waitFor(() => expect(byId('pharmacy-nearest-failed')?.textContent).toBe('没有拿到位置，可按地区查找'));
    expect(byId('pharmacy-ph-1-distance')).toBeNull();
    for (const r of fakeServer.requestsTo(MASK.pharmacies)) expect(queryOf(r.url).has('lat')).toBe(false);
  });

  it('loads the next page with the cursor (加载更多) and appends it', async () => {
    fakeServer.on('GET', MASK.round, fakeServer.json(200, { round: maskRound() }));
    fakeServer.on('GET', MASK.stock, fakeServer.json(200, { roundId: 'r', generatedAt: 'x', items: [] }));
    fakeServer.on('GET', MASK.pharmacies, (req) =>
      queryOf(req.url).get('cursor') === 'k-page-2'
        ? fakeServer.json(200, { items: [pharmacy('ph-3')], nextCursor: null })
        : fakeServer.json(200, { items: [pharmacy('ph-1'), pharmacy('ph-2')], nextCursor: 'k-page-2' }),
    );
    render(<PharmacyListPage />);

    fireEvent.click(await screen.findByText('加载更多'));

    await screen.findByText('ph-3号药店');
    expect(Array.from(document.querySelectorAll('.pharmacy-item')).map((el) => el.getAttribute('data-id'))).toEqual(['ph-1', 'ph-2', 'ph-3']);
    expect(byId('pharmacy-load-more')).toBeNull();
    expect(byId('pharmacy-end')?.textContent).toBe('已显示全部药店');
  });

  it('filters by district with chips taken from the open stock data', async () => {
    serve();
    fakeServer.on(
      'GET',
      MASK.stock,
      fakeServer.json(200, {
        roundId: 'r',
        generatedAt: 'x',
        unitsPerBooking: 5,
        items: [
          { pharmacyId: 'a', name: 'a', district: '浦东新区', remaining: 1, quota: 1 },
          { pharmacyId: 'b', name: 'b', district: '黄浦区', remaining: 1, quota: 1 },
          { pharmacyId: 'c', name: 'c', district: '浦东新区', remaining: 1, quota: 1 },
        ],
      }),
    );
    render(<PharmacyListPage />);
    const chips = await screen.findAllByText(/区$/, { selector: '.district-chip' });
    expect(chips.map((c) => c.getAttribute('data-district'))).toEqual(['浦东新区', '黄浦区']);

    fireEvent.click(screen.getByText('浦东新区'));

    await waitFor(() => expect(fakeServer.requestsTo(MASK.pharmacies)).toHaveLength(2));
    expect(queryOf(fakeServer.requestsTo(MASK.pharmacies)[1].url).get('district')).toBe('浦东新区');
    expect(screen.getByText('浦东新区').className).toContain('chip--selected');
    fireEvent.click(byId('district-all')!);
    await waitFor(() => expect(fakeServer.requestsTo(MASK.pharmacies)).toHaveLength(3));
    expect(queryOf(fakeServer.requestsTo(MASK.pharmacies)[2].url).has('district')).toBe(false);
  });

  it('opens 预约确认 with the pharmacy when 预约 is tapped', async () => {
    serve([pharmacy('ph-1', { name: '第一大药房', address: '南京东路1号' })]);
    render(<PharmacyListPage />);

    fireEvent.click(await screen.findByText('预约'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/packageMasks/pages/confirm/index?id=ph-1&name=${encodeURIComponent('第一大药房')}&address=${encodeURIComponent('南京东路1号')}`,
    });
  });

  describe('round banner', () => {
    it('预约中 with the closing time (China time)', async () => {
      serve();
      render(<PharmacyListPage />);
      await waitFor(() => expect(byId('round-status')?.textContent).toBe('预约中'));
      expect(byId('round-timing')?.textContent).toBe('截止时间：3月1日 21:00');
      expect(byId('round-pickup')?.textContent).toContain('2024年3月3日（周日）');
      expect(byId('round-lottery-note')).toBeNull();
    });

    it('未开始 with the opening time, and 预约 disabled', async () => {
      serve([pharmacy('ph-1')], null, maskRound({ status: 'upcoming', opensAt: '2024-03-02T00:00:00.000Z' }));
      render(<PharmacyListPage />);
      await waitFor(() => expect(byId('round-status')?.textContent).toBe('未开始'));
      expect(byId('round-timing')?.textContent).toBe('开放时间：3月2日 08:00');
      await screen.findByText('ph-1号药店');
      expect((byId('book-ph-1') as HTMLButtonElement).disabled).toBe(true);
      expect(byId('book-ph-1')?.textContent).toBe('未开始');
    });

    it('已结束', async () => {
      serve([pharmacy('ph-1')], null, maskRound({ status: 'closed' }));
      render(<PharmacyListPage />);
      await waitFor(() => expect(byId('round-status')?.textContent).toBe('已结束'));
      await screen.findByText('ph-1号药店');
      expect((byId('book-ph-1') as HTMLButtonElement).disabled).toBe(true);
    });

    it('explains 抽签 mode, where a full pharmacy still takes applications', async () => {
      serve([pharmacy('ph-1', { remaining: 0 })], null, maskRound({ mode: 'lottery' }));
      render(<PharmacyListPage />);
      await waitFor(() => expect(byId('round-lottery-note')?.textContent).toContain('抽签'));
      await screen.findByText('ph-1号药店');
      expect((byId('book-ph-1') as HTMLButtonElement).disabled).toBe(false);
      expect(byId('book-ph-1')?.textContent).toBe('申请');
    });

    it('says so when there is no round', async () => {
      serve([], null, null);
      render(<PharmacyListPage />);
      await waitFor(() => expect(byId('round-status')?.textContent).toBe('暂无预约轮次'));
    });
  });

  it('refreshes the round and the counts when the user comes back (e.g. after booking)', async () => {
    serve([pharmacy('ph-1', { remaining: 50 })]);
    render(<PharmacyListPage />);
    await waitFor(() => expect(byId('pharmacy-ph-1-stock')?.textContent).toBe('剩余 50 份 · 每份 5 只'));
    expect(fakeServer.requestsTo(MASK.pharmacies)).toHaveLength(1);
    fakeServer.on('GET', MASK.pharmacies, fakeServer.json(200, { items: [pharmacy('ph-1', { remaining: 49 })], nextCursor: null }));

    act(() => {
      pageLifecycle.hide();
      pageLifecycle.show();
    });

    await waitFor(() => expect(byId('pharmacy-ph-1-stock')?.textContent).toBe('剩余 49 份 · 每份 5 只'));
    expect(fakeServer.requestsTo(MASK.round)).toHaveLength(2);
  });

  it('shows a Chinese error with a retry when the list fails', async () => {
    serve();
    fakeServer.on('GET', MASK.pharmacies, { reject: { errMsg: 'request:fail' } }, fakeServer.json(200, { items: [pharmacy('ph-1')], nextCursor: null }));
    render(<PharmacyListPage />);

    await waitFor(() => expect(byId('pharmacy-error')?.textContent).toContain('网络连接失败'));
    fireEvent.click(byId('pharmacy-retry')!);

    await screen.findByText('ph-1号药店');
    expect(byId('pharmacy-error')).toBeNull();
  });

  it('applies 关怀模式 to the page root', async () => {
    Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, true);
    serve();
    render(<PharmacyListPage />);
    await screen.findByText('ph-1号药店');
    expect(byId('page-mask-pharmacies')?.classList.contains('elderly')).toBe(true);
  });
});

describe('list formatting', () => {
  it('formats distances', () => {
    expect(formatDistance(undefined)).toBeNull();
    expect(formatDistance(0)).toBe('0米');
    expect(formatDistance(999.4)).toBe('999米');
    expect(formatDistance(1000)).toBe('1.0公里');
    expect(formatDistance(1260)).toBe('1.3公里');
    expect(formatDistance(9_960)).toBe('10.0公里');
    expect(formatDistance(10_400)).toBe('10公里');
  });

  it('reads stock levels at the 10% line', () => {
    expect(stockLevel({ quota: 0, remaining: 0 })).toBe('notInRound');
    expect(stockLevel({ quota: 50, remaining: 0 })).toBe('soldOut');
    expect(stockLevel({ quota: 50, remaining: 5 })).toBe('low');
    expect(stockLevel({ quota: 50, remaining: 6 })).toBe('available');
    expect(stockLevel({ quota: 5, remaining: 1 })).toBe('available');
  });
});
