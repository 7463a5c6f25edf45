import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { pageLifecycle, setRouterParams } from '../test-doubles/taro';
import ConfirmPage from '../src/packageMasks/pages/confirm/index';
import { bookingErrorMessage } from '../src/packageMasks/lib/booking-errors';
import { forgetRecentBookings } from '../src/packageMasks/lib/recent-bookings';
import { ApiError } from '../src/api/api-error';
import { IdempotencyKeyHeader } from '../src/api/mask-contract';
import { fakeServer, signedIn } from './helpers';
import { FAMILY, familyMember } from './family-fixtures';
import { MASK, maskRound, myReservation, verifiedCitizen } from './mask-fixtures';

const byId = (id: string) => document.getElementById(id);

function booked(id = 'res-new') {
  const { pickupCode, shortCode, ...reservation } = myReservation(id);
  return fakeServer.json(201, { reservation, pickupCode, shortCode });
}

async function openPage(family = [familyMember('f-1', { name: '李*', relation: 'parent' })]) {
  fakeServer.on('GET', MASK.round, fakeServer.json(200, { round: maskRound() }));
  fakeServer.on('GET', FAMILY.list, fakeServer.json(200, { items: family, limit: 5 }));
  render(<ConfirmPage />);
  await waitFor(() => expect(byId('confirm-pickup-date')?.textContent).toBe('2024年3月3日（周日）'));
}

function submit(): void {
  fireEvent.click(byId('confirm-submit')!);
}

async function errorShown(): Promise<string> {
  return (await screen.findByText((_, el) => el?.id === 'confirm-error')).textContent ?? '';
}

describe('预约确认 (confirm)', () => {
  beforeEach(() => {
    signedIn(verifiedCitizen);
    forgetRecentBookings();
    setRouterParams({ id: 'ph-001', name: encodeURIComponent('第一大药房'), address: encodeURIComponent('南京东路1号') });
  });

  it('shows the pharmacy, pickup date, quantity and who it is for', async () => {
    await openPage();

    expect(byId('confirm-pharmacy-name')?.textContent).toBe('第一大药房');
    expect(byId('confirm-pharmacy-address')?.textContent).toBe('南京东路1号');
    expect(byId('confirm-quantity')?.textContent).toBe('1 份（5 只）');
    expect(byId('confirm-person-self')?.className).toContain('person-option--selected');
    expect(byId('confirm-person-person-of-f-1')?.textContent).toBe('李*（父母） · 尾号 0021');
  });

  it('books for oneself with an Idempotency-Key and opens 我的预约 on the new reservation', async () => {
    fakeServer.on('POST', MASK.reservations, booked('res-new'));
    await openPage();

    submit();

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageMasks/pages/reservations/index?highlight=res-new' }));
    const [req] = fakeServer.requestsTo(MASK.reservations);
    expect(req.data).toEqual({ pharmacyId: 'ph-001' });
    expect(IdempotencyKeyHeader.safeParse(req.header['Idempotency-Key']).success).toBe(true);
  });

  it('offers a family member added meanwhile on 家人管理 when the user comes back', async () => {
    await openPage([]);
    fireEvent.click(byId('confirm-manage-family')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/family/index' });
    fakeServer.on('GET', FAMILY.list, fakeServer.json(200, { items: [familyMember('f-9', { name: '赵*' })], limit: 5 }));

    act(() => {
      pageLifecycle.hide();
      pageLifecycle.show();
    });

    await waitFor(() => expect(byId('confirm-person-person-of-f-9')?.textContent).toContain('赵*'));
  });

  it('books for the chosen family member', async () => {
    fakeServer.on('POST', MASK.reservations, booked());
    await openPage();

    fireEvent.click(byId('confirm-person-person-of-f-1')!);
    submit();

    await waitFor(() => expect(fakeServer.requestsTo(MASK.reservations)).toHaveLength(1));
    expect(fakeServer.requestsTo(MASK.reservations)[0].data).toEqual({ pharmacyId: 'ph-001', personId: 'person-of-f-1' });
  });

  it('after a lost answer, a SOLD_OUT on the retry opens the booking the lost attempt made', async () => {
    fakeServer.on('POST', MASK.reservations, { reject: { errMsg: 'request:fail timeout' } }, fakeServer.error(409, 'SOLD_OUT'));
    fakeServer.on('GET', MASK.reservations, fakeServer.json(200, { items: [myReservation('res-lost')], applications: [] }));
    await openPage();

    submit();
    expect(await errorShown()).toBe('网络连接失败，请检查网络后重试');
    submit();

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageMasks/pages/reservations/index?highlight=res-lost' }));
  });

  it('shows SOLD_OUT as it is when no earlier answer was lost (and does not go looking)', async () => {
    fakeServer.on('POST', MASK.reservations, fakeServer.error(409, 'SOLD_OUT'));
    await openPage();

    submit();

    expect(await errorShown()).not.toBe('');
    expect(fakeServer.requestsTo(MASK.reservations).filter((r) => r.method === 'GET')).toHaveLength(0);
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('reuses the Idempotency-Key when the same booking is retried, and uses a new one for another person', async () => {
    fakeServer.on('POST', MASK.reservations, { reject: { errMsg: 'request:fail timeout' } }, { reject: { errMsg: 'request:fail timeout' } }, booked());
    await openPage();

    submit();
    expect(await errorShown()).toBe('网络连接失败，请检查网络后重试');
    submit(); // the user taps again: same intent
    await waitFor(() => expect(fakeServer.requestsTo(MASK.reservations)).toHaveLength(2));
    await screen.findByText('网络连接失败，请检查网络后重试');
    fireEvent.click(byId('confirm-person-person-of-f-1')!); // another intent
    submit();
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());

    const keys = fakeServer.requestsTo(MASK.reservations).map((r) => r.header['Idempotency-Key']);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('REPEAT_PERIOD names the day from which the person may book again', async () => {
    fakeServer.on('POST', MASK.reservations, fakeServer.error(409, 'REPEAT_PERIOD', { availableFrom: '2024-03-12' }));
    await openPage();

    submit();

    expect(await errorShown()).toBe('距上次领取时间过短，2024年3月12日之后可再次预约');
  });

  it.each([
    ['SOLD_OUT', 409, '该药店本轮已约满，请选择其他药店或关注下一轮'],
    ['ALREADY_RESERVED', 409, '您在本轮已有预约，无需重复预约'],
    ['ROUND_NOT_OPEN', 409, '现在不在预约时间内，请在页面显示的开放时间再来'],
    ['RATE_LIMITED', 429, '操作过于频繁，请稍后再试'],
  ])('shows %s in Chinese', async (code, status, message) => {
    fakeServer.on('POST', MASK.reservations, fakeServer.error(status, code));
    await openPage();

    submit();

    expect(await errorShown()).toBe(message);
    expect(byId('confirm-go-identity')).toBeNull();
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('names the family member in ALREADY_RESERVED', async () => {
    fakeServer.on('POST', MASK.reservations, fakeServer.error(409, 'ALREADY_RESERVED'));
    await openPage();
    fireEvent.click(byId('confirm-person-person-of-f-1')!);

    submit();

    expect(await errorShown()).toBe('李*本轮已有预约或抽签申请，无需重复预约');
  });

  it('IDENTITY_REQUIRED links to 实名认证', async () => {
    fakeServer.on('POST', MASK.reservations, fakeServer.error(403, 'IDENTITY_REQUIRED'));
    await openPage();

    submit();

    expect(await errorShown()).toBe('请先完成实名认证');
    fireEvent.click(byId('confirm-go-identity')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/identity/index' });
  });

  it('says 实名 is needed up front when the family list answers IDENTITY_REQUIRED', async () => {
    fakeServer.on('GET', MASK.round, fakeServer.json(200, { round: maskRound() }));
    fakeServer.on('GET', FAMILY.list, fakeServer.error(403, 'IDENTITY_REQUIRED'));
    render(<ConfirmPage />);

    expect(await errorShown()).toBe('请先完成实名认证');
    expect(byId('confirm-go-identity')).not.toBeNull();
  });

  it('does not submit while the round is not open', async () => {
    fakeServer.on('GET', MASK.round, fakeServer.json(200, { round: maskRound({ status: 'upcoming' }) }));
    fakeServer.on('GET', FAMILY.list, fakeServer.json(200, { items: [], limit: 5 }));
    render(<ConfirmPage />);

    await screen.findByText('本轮预约尚未开始，请在开放后提交');
    expect((byId('confirm-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('submits an application in a lottery round and shows it in 我的预约', async () => {
    fakeServer.on('GET', MASK.round, fakeServer.json(200, { round: maskRound({ mode: 'lottery' }) }));
    fakeServer.on('GET', FAMILY.list, fakeServer.json(200, { items: [], limit: 5 }));
    fakeServer.on(
      'POST',
      MASK.reservations,
      fakeServer.json(202, {
        application: { id: 'app-1', roundId: 'round-3', pharmacyId: 'ph-001', pharmacyName: '第一大药房', personId: 'p', personName: '张*', status: 'pending', createdAt: '2024-03-01T02:00:00Z' },
      }),
    );
    render(<ConfirmPage />);

    fireEvent.click(await screen.findByText('提交抽签申请'));

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageMasks/pages/reservations/index?highlight=app-1' }));
  });
});

describe('booking error messages', () => {
  const err = (code: 'REPEAT_PERIOD' | 'ROUND_NOT_OPEN', details: unknown) =>
    new ApiError({ code, status: 409, message: code, rawDetails: details });

  it('reads availableFrom as an instant too (China date)', () => {
    expect(bookingErrorMessage(err('REPEAT_PERIOD', { availableFrom: '2024-03-11T20:00:00.000Z' }))).toBe(
      '距上次领取时间过短，2024年3月12日之后可再次预约',
    );
  });

  it('falls back to the plain message without a usable date', () => {
    expect(bookingErrorMessage(err('REPEAT_PERIOD', undefined))).toBe('距上次预约时间过短，暂不能再次预约');
  });

  it('names the opening time of a round that has not opened', () => {
    expect(bookingErrorMessage(err('ROUND_NOT_OPEN', { opensAt: '2024-03-02T00:00:00.000Z' }))).toBe('本轮预约尚未开始，将于3月2日 08:00开放');
  });
});
