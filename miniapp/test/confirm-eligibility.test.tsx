import { fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { setRouterParams } from '../test-doubles/taro';
import ConfirmPage from '../src/packageMasks/pages/confirm/index';
import { eligibilityNotice } from '../src/packageMasks/lib/eligibility-notice';
import { forgetRecentBookings } from '../src/packageMasks/lib/recent-bookings';
import { fakeServer, signedIn } from './helpers';
import { FAMILY, familyMember } from './family-fixtures';
import { eligibilityAnswer, MASK, maskRound, verifiedCitizen } from './mask-fixtures';

const byId = (id: string) => document.getElementById(id);
const button = () => byId('confirm-submit') as HTMLButtonElement;

async function openPage(answer: ReturnType<typeof eligibilityAnswer> | ((personId: string | null) => ReturnType<typeof eligibilityAnswer>)) {
  fakeServer.on('GET', MASK.round, fakeServer.json(200, { round: maskRound() }));
  fakeServer.on('GET', FAMILY.list, fakeServer.json(200, { items: [familyMember('f-1', { name: '李*', relation: 'parent' })], limit: 5 }));
  fakeServer.on('GET', MASK.eligibility, (req) => {
    const personId = new URL(req.url, 'http://x.invalid').searchParams.get('personId');
    return fakeServer.json(200, typeof answer === 'function' ? answer(personId) : answer);
  });
  render(<ConfirmPage />);
  await waitFor(() => expect(byId('confirm-pickup-date')?.textContent).toBe('2024年3月3日（周日）'));
}

describe('预约确认: says no before the button', () => {
  beforeEach(() => {
    signedIn(verifiedCitizen);
    forgetRecentBookings();
    setRouterParams({ id: 'ph-001', name: encodeURIComponent('第一大药房'), address: encodeURIComponent('南京东路1号') });
  });

  it('eligible: shows what is left in 份 and 只, and 确认预约 can be tapped', async () => {
    await openPage(eligibilityAnswer());
    await waitFor(() => expect(byId('confirm-stock')?.textContent).toBe('剩余 199 份 · 每份 5 只'));
    expect(byId('confirm-eligibility')).toBeNull();
    expect(button().disabled).toBe(false);
    expect(button().textContent).toBe('确认预约');
    expect(fakeServer.requestsTo(MASK.eligibility)[0].url).toContain('pharmacyId=ph-001');
  });

  it('not verified: the reason and 去实名认证 before anything is tapped; the button is disabled and says why', async () => {
    await openPage(eligibilityAnswer({ eligible: false, reason: 'IDENTITY_REQUIRED' }));
    await waitFor(() => expect(byId('confirm-eligibility')?.getAttribute('data-reason')).toBe('IDENTITY_REQUIRED'));
    expect(byId('confirm-eligibility-message')?.textContent).toContain('实名认证');
    expect(button().disabled).toBe(true);
    expect(button().textContent).toBe('请先实名认证');
    fireEvent.click(byId('eligibility-go-identity')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/identity/index' });
    expect(fakeServer.requestsTo(MASK.reservations)).toHaveLength(0);
  });

  it('repeat period: names the day to come back', async () => {
    await openPage(eligibilityAnswer({ eligible: false, reason: 'REPEAT_PERIOD', availableFrom: '2024-03-10', availableAt: '2024-03-10T01:00:00.000Z' }));
    await waitFor(() => expect(byId('confirm-eligibility-message')?.textContent).toBe('您刚领过口罩，请于 2024年3月10日 再来预约'));
    expect(button().textContent).toBe('2024年3月10日后可约');
    expect(button().disabled).toBe(true);
  });

  it('sold out: lists nearby pharmacies with stock, and a tap opens that pharmacy', async () => {
    await openPage(
      eligibilityAnswer({
        eligible: false,
        reason: 'SOLD_OUT',
        pharmacy: { id: 'ph-001', name: '第一大药房', remaining: 0, quota: 200 },
        nearby: [{ id: 'ph-002', name: '第二大药房', address: '南京东路9号', remaining: 12, distanceM: 850 }],
      }),
    );
    await waitFor(() => expect(byId('nearby-ph-002')?.textContent).toContain('第二大药房'));
    expect(byId('nearby-ph-002')?.textContent).toContain('距这里 850米 · 剩余 12 份 · 每份 5 只');
    expect(button().textContent).toBe('已约满');
    fireEvent.click(byId('nearby-ph-002')!);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/packageMasks\/pages\/confirm\/index\?id=ph-002&/) });
  });

  it('asks again for the family member chosen: a member who already holds one is named', async () => {
    await openPage((personId) => (personId ? eligibilityAnswer({ eligible: false, reason: 'FAMILY_ALREADY_RESERVED' }) : eligibilityAnswer()));
    await waitFor(() => expect(button().disabled).toBe(false));
    fireEvent.click(byId('confirm-person-person-of-f-1')!);
    await waitFor(() => expect(byId('confirm-eligibility-message')?.textContent).toBe('李*本轮已经有预约了，不用再约'));
    expect(button().disabled).toBe(true);
    expect(fakeServer.requestsTo(MASK.eligibility).some((r) => r.url.includes('personId=person-of-f-1'))).toBe(true);
  });

  it('already booked for oneself: points to the family members who may still be booked for', async () => {
    await openPage((personId) => (personId ? eligibilityAnswer() : eligibilityAnswer({ eligible: false, reason: 'ALREADY_RESERVED' })));
    await waitFor(() => expect(byId('confirm-eligibility-message')?.textContent).toContain('要为家人预约，请在下方「为谁预约」里选择家人'));
    expect(button().textContent).toBe('已有预约');
    fireEvent.click(byId('confirm-person-person-of-f-1')!);
    await waitFor(() => expect(byId('confirm-eligibility')).toBeNull());
    expect(button().disabled).toBe(false);
  });

  it('round not open yet: the opening time', async () => {
    await openPage(eligibilityAnswer({ eligible: false, reason: 'ROUND_NOT_OPEN', opensAt: '2024-03-02T01:00:00.000Z' }));
    await waitFor(() => expect(byId('confirm-eligibility-message')?.textContent).toBe('本轮预约还没开始，开放时间 3月2日 09:00，请到时再来'));
    expect(button().textContent).toBe('3月2日 09:00 开放');
  });
});

describe('eligibilityNotice: every reason says what to do', () => {
  it.each(['IDENTITY_REQUIRED', 'ROUND_NOT_OPEN', 'ROUND_CLOSED', 'SOLD_OUT', 'ALREADY_RESERVED', 'FAMILY_ALREADY_RESERVED', 'REPEAT_PERIOD'] as const)('%s', (reason) => {
    const notice = eligibilityNotice(eligibilityAnswer({ eligible: false, reason }));
    expect(notice?.message.length).toBeGreaterThan(8);
    expect(notice?.buttonLabel).toBeTruthy();
  });

  it('is null when eligible', () => {
    expect(eligibilityNotice(eligibilityAnswer())).toBeNull();
  });
});
