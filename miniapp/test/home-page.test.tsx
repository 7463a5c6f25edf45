import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import IndexPage from '../src/pages/index/index';
import { SCAN_MESSAGES } from '../src/scan-entry/entry-targets';
import { sessionStore } from '../src/store/session';
import { citizen, fakeServer, loginAnswer, signedIn, signedOut } from './helpers';

function tap(id: string): void {
  fireEvent.click(document.getElementById(id)!);
}

describe('home page', () => {
  it('shows the header and a 未实名 banner that leads to 实名认证', () => {
    signedIn();
    render(<IndexPage />);

    expect(screen.getByText('政务通 govpass')).toBeTruthy();
    tap('verify-banner');

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/identity/index' });
  });

  it('does not nag an operator (pharmacist, administrator) to verify for operator work; names the role instead', () => {
    signedIn({ ...citizen, verified: false, roles: [{ role: 'citizen', scopeId: null }, { role: 'pharmacist', scopeId: 'ph-001' }] });
    render(<IndexPage />);

    expect(document.getElementById('verify-banner')).toBeNull();
    expect(document.getElementById('operator-status')?.textContent).toContain('药店核销员');
  });

  it('shows the verified status instead of the banner once verified', () => {
    signedIn({ ...citizen, verified: true });
    render(<IndexPage />);

    expect(document.getElementById('verify-status')).not.toBeNull();
    expect(document.getElementById('verify-banner')).toBeNull();
  });

  it('opens 办事大厅 (hall subpackage), and 窗口叫号 for hall staff only', () => {
    signedIn();
    const { unmount } = render(<IndexPage />);
    tap('service-queue');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHall/pages/halls/index' });
    expect(Taro.showToast).not.toHaveBeenCalled();
    expect(document.getElementById('service-hall-console')).toBeNull();
    unmount();

    signedIn({ ...citizen, roles: [...citizen.roles, { role: 'window_staff', scopeId: 'hall-1' }] });
    render(<IndexPage />);
    tap('service-hall-console');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHall/pages/console/index' });
    expect(document.getElementById('service-hall-manage')).toBeNull();
  });

  it('opens 大厅管理 (好差评跟进 first) for hall managers only', () => {
    signedIn({ ...citizen, roles: [...citizen.roles, { role: 'hall_manager', scopeId: 'hall-1' }] });
    render(<IndexPage />);
    tap('service-hall-manage');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHall/pages/follow-ups/index' });
  });

  it('opens the health code (health subpackage) from 健康码', () => {
    signedIn();
    render(<IndexPage />);

    tap('service-health-code');

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHealth/pages/code/index' });
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('shows 健康码核验 to staff who verify codes, and the officials\' pages to health officials only', () => {
    signedIn();
    const { unmount } = render(<IndexPage />);
    for (const id of ['service-verify', 'service-health-import', 'service-health-appeals']) expect(document.getElementById(id)).toBeNull();
    unmount();

    signedIn({ ...citizen, roles: [...citizen.roles, { role: 'venue_manager', scopeId: 'v-1' }] });
    const second = render(<IndexPage />);
    expect(document.getElementById('service-health-import')).toBeNull();
    tap('service-verify');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHealth/pages/verify/index' });
    second.unmount();

    signedIn({ ...citizen, roles: [...citizen.roles, { role: 'health_official', scopeId: null }] });
    render(<IndexPage />);
    tap('service-health-import');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHealth/pages/import/index' });
    tap('service-health-appeals');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHealth/pages/appeals-admin/index' });
  });

  it('opens 扫场所码 for everyone, 我的场所 for venue managers and 流调 for health officials', () => {
    signedIn();
    const first = render(<IndexPage />);
    expect(document.getElementById('service-my-venues')).toBeNull();
    expect(document.getElementById('service-venue-trace')).toBeNull();
    tap('service-venue-checkin');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageVenues/pages/checkin/index' });
    first.unmount();

    signedIn({ ...citizen, roles: [...citizen.roles, { role: 'venue_manager', scopeId: 'v-1' }] });
    const second = render(<IndexPage />);
    expect(document.getElementById('service-venue-trace')).toBeNull();
    tap('service-my-venues');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageVenues/pages/venues/index' });
    second.unmount();

    signedIn({ ...citizen, roles: [...citizen.roles, { role: 'health_official', scopeId: null }] });
    render(<IndexPage />);
    tap('service-venue-trace');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageVenues/pages/trace/index' });
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('sends a venue poster typed into 扫一扫 to the check-in page', async () => {
    signedIn();
    render(<IndexPage />);
    tap('service-scan');
    const code = `GPV1.AQAAAABnUmVkLXYtMDAx.${'s'.repeat(86)}`;
    const url = `https://govpass.example.cn/s/venue/${code}`;
    fakeServer.on('GET', `/api/v1/entries/venue/${code}`, fakeServer.json(200, { kind: 'venue', id: code, url, scene: null, place: { name: '菜市场', address: '某路 2 号' } }));
    fireEvent.change(await screen.findByPlaceholderText('请输入编码'), { target: { value: url } });
    tap('scan-manual-submit');

    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packageVenues/pages/checkin/index?code=${encodeURIComponent(code)}` }));
  });

  it('opens the pharmacy list (mask subpackage) from 口罩预约', () => {
    signedIn();
    render(<IndexPage />);

    tap('service-mask');

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageMasks/pages/pharmacies/index' });
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('shows 扫码核销 to pharmacists only', () => {
    signedIn();
    const { unmount } = render(<IndexPage />);
    expect(document.getElementById('service-redeem')).toBeNull();
    unmount();

    signedIn({ ...citizen, roles: [...citizen.roles, { role: 'pharmacist', scopeId: 'ph-001' }] });
    render(<IndexPage />);
    tap('service-redeem');

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageMasks/pages/redeem/index' });
  });

  it('opens the profile page from 我的', () => {
    signedIn();
    render(<IndexPage />);

    tap('service-profile');

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/profile/index' });
  });

  it('offers manual entry for 扫一扫 on H5, where there is no scanner; a code that is not ours says so', async () => {
    signedIn();
    render(<IndexPage />);

    tap('service-scan');
    const input = await screen.findByPlaceholderText('请输入编码');
    fireEvent.change(input, { target: { value: ' GP-123 ' } });
    tap('scan-manual-submit');

    expect(await screen.findByText(SCAN_MESSAGES.invalid)).toBeTruthy();
    expect(document.getElementById('scan-manual')).toBeNull();
    expect(Taro.navigateTo).not.toHaveBeenCalled();
  });

  it('shows a login failure with a retry that logs in again', async () => {
    signedOut();
    sessionStore.set({ status: 'failed', user: null, error: new Error('offline') });
    fakeServer.on('POST', '/api/v1/auth/login', fakeServer.json(200, loginAnswer('t')));
    render(<IndexPage />);

    tap('session-retry');

    expect(await screen.findByText('未实名')).toBeTruthy();
  });
});
