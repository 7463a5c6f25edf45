import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import IndexPage from '../src/pages/index/index';
import ProfilePage from '../src/pages/profile/index';
import { ELDERLY_MODE_STORAGE_KEY, elderlyModeStore } from '../src/store/elderly-mode';
import { fakeServer, meAnswer, signedIn } from './helpers';

const ME = '/api/v1/me';

describe('profile page', () => {
  beforeEach(() => {
    signedIn();
    act(() => elderlyModeStore.set(false));
  });

  it('shows the masked identity and the roles in Chinese', async () => {
    fakeServer.on('GET', ME, fakeServer.json(200, meAnswer()));
    render(<ProfilePage />);

    expect((await screen.findByText('张*', { selector: '#profile-name' })).id).toBe('profile-name');
    expect(document.getElementById('profile-id-number')?.textContent).toBe('1101**********1234');
    const roles = Array.from(document.querySelectorAll('#profile-roles .role-tag')).map((el) => el.textContent);
    expect(roles).toEqual(['市民', '药店核销员']);
  });

  it('names the person, not the account: masked name, 已实名 and the roles in Chinese, and no UUID anywhere on the page', async () => {
    const uuid = '3f2b8c1e-9a4d-4e6f-8b1a-2c3d4e5f6a7b';
    const scope = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    const other = 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    fakeServer.on(
      'GET',
      ME,
      fakeServer.json(200, meAnswer({ account: { id: uuid, channel: 'h5', createdAt: '2024-01-01T00:00:00.000Z' }, roles: [{ role: 'citizen', scopeId: null }, { role: 'pharmacist', scopeId: scope }, { role: 'pharmacist', scopeId: other }] })),
    );
    render(<ProfilePage />);

    expect((await screen.findByText('已实名')).id).toBe('profile-verified');
    expect(document.getElementById('profile-who-name')?.textContent).toBe('张*');
    expect(document.getElementById('profile-who-roles')?.textContent).toBe('身份：市民、药店核销员（2处）');
    expect(document.body.textContent).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });

  it('says 未实名 for an account without an identity', async () => {
    fakeServer.on('GET', ME, fakeServer.json(200, meAnswer({ verified: false, identity: null, roles: [{ role: 'citizen', scopeId: null }] })));
    render(<ProfilePage />);

    expect((await screen.findByText('未实名')).id).toBe('profile-verified');
    expect(document.getElementById('profile-who-name')?.textContent).toBe('未实名用户');
  });

  it('offers 实名认证 when the account has no identity yet', async () => {
    fakeServer.on('GET', ME, fakeServer.json(200, meAnswer({ verified: false, identity: null })));
    render(<ProfilePage />);

    fireEvent.click(await screen.findByText('去实名认证'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/identity/index' });
  });

  it('leads to 家人管理, the family list every service uses', async () => {
    fakeServer.on('GET', ME, fakeServer.json(200, meAnswer()));
    render(<ProfilePage />);

    fireEvent.click(await screen.findByText('家人管理'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/family/index' });
  });

  it('shows a Chinese error when /me fails', async () => {
    fakeServer.on('GET', ME, { reject: { errMsg: 'request:fail' } });
    render(<ProfilePage />);

    expect((await screen.findByText('网络连接失败，请检查网络后重试')).id).toBe('profile-error');
  });

  it('lets H5 testers switch the dev account and logs in again as that account', async () => {
    fakeServer.on('GET', ME, fakeServer.json(200, meAnswer()));
    fakeServer.on('POST', '/api/v1/auth/login', (req) => ({
      statusCode: 200,
      data: { token: `t-${(req.data as { code: string }).code}`, expiresAt: '2030-01-01T00:00:00Z', user: { id: 'a', verified: true, roles: [] } },
    }));
    render(<ProfilePage />);
    await screen.findByText('张*', { selector: '#profile-name' });

    fireEvent.click(document.getElementById('dev-account-admin')!);

    await screen.findByText('当前：dev:admin');
    expect(fakeServer.requestsTo('/api/v1/auth/login')[0].data).toEqual({ channel: 'h5', code: 'dev:admin' });
    expect(Taro.getStorageSync('govpass.token')).toBe('t-dev:admin');
  });
});

describe('关怀模式 (elderly mode)', () => {
  beforeEach(() => {
    signedIn();
    act(() => elderlyModeStore.set(false));
    fakeServer.on('GET', ME, fakeServer.json(200, meAnswer()));
  });

  it('is switched on from the profile page, stored, and applied to the page root', async () => {
    render(<ProfilePage />);
    const root = document.getElementById('page-profile')!;
    expect(root.classList.contains('elderly')).toBe(false);

    fireEvent.click(document.getElementById('elderly-switch')!);

    expect(Taro.getStorageSync(ELDERLY_MODE_STORAGE_KEY)).toBe(true);
    expect(root.classList.contains('elderly')).toBe(true);
    await screen.findByText('张*', { selector: '#profile-name' });
  });

  it('is applied from storage when a page shows (e.g. after a relaunch), with a simpler grid', () => {
    // As left by an earlier session: stored on, nothing in memory yet.
    Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, true);
    render(<IndexPage />);

    expect(document.getElementById('page-index')!.classList.contains('elderly')).toBe(true);
    expect(document.getElementById('service-grid')!.classList.contains('service-grid--simple')).toBe(true);
  });

  it('switching off is remembered too', async () => {
    Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, true);
    render(<ProfilePage />);

    fireEvent.click(document.getElementById('elderly-switch')!);

    expect(Taro.getStorageSync(ELDERLY_MODE_STORAGE_KEY)).toBe(false);
    expect(document.getElementById('page-profile')!.classList.contains('elderly')).toBe(false);
    await screen.findByText('张*', { selector: '#profile-name' });
  });
});
