import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { formatShortCode, shortCodeOfValue, withCheckChar } from '@govpass/shared-types';
import RedeemPage from '../src/packageMasks/pages/redeem/index';
import { failureOf } from '../src/packageMasks/lib/redemption-outcome';
import { ApiError } from '../src/api/api-error';
import { platform } from '../src/platform/platform';
import Taro from '@tarojs/taro';
import { ELDERLY_MODE_STORAGE_KEY, elderlyModeStore } from '../src/store/elderly-mode';
import { fakeServer, signedIn } from './helpers';
import { MASK, pharmacist, redemption, summary, verifiedCitizen } from './mask-fixtures';

const VALID_ID = withCheckChar('11010519491231002');
const byId = (id: string) => document.getElementById(id);
const text = (id: string) => byId(id)?.textContent ?? null;

async function openPage() {
  fakeServer.on('GET', MASK.summary, fakeServer.json(200, summary()));
  render(<RedeemPage />);
  await waitFor(() => expect(text('summary-reserved')).toBe('120'));
}

function typeCode(code: string): void {
  fireEvent.change(byId('redeem-manual-input')!, { target: { value: code } });
  fireEvent.click(byId('redeem-submit')!);
}

describe('扫码核销 (pharmacy counter)', () => {
  beforeEach(() => {
    signedIn(pharmacist);
    act(() => elderlyModeStore.set(false));
  });
  afterEach(() => jest.restoreAllMocks());

  it('names the pharmacy the pharmacist works at', async () => {
    await openPage();
    expect(text('redeem-pharmacy-name')).toBe('第一大药房');
  });

  it('takes the short 取货码 typed with spaces, sends it as shortCode, and catches a typo before sending', async () => {
    fakeServer.on('POST', MASK.redeem, fakeServer.json(200, redemption({ holderName: '张*', quantity: 5 })));
    await openPage();
    const code = shortCodeOfValue(483_129_075);
    const typo = code.slice(0, 4) + String((Number(code[4]) + 1) % 10) + code.slice(5);

    typeCode(formatShortCode(typo));
    expect(text('redeem-code-error')).toBe('取货码有一位输错了，请核对后重新输入');
    expect(fakeServer.requestsTo(MASK.redeem)).toHaveLength(0);

    typeCode(` ${formatShortCode(code)} `);
    await waitFor(() => expect(byId('redeem-result')?.getAttribute('data-outcome')).toBe('success'));
    expect(fakeServer.requestsTo(MASK.redeem)[0].data).toEqual({ shortCode: code, pharmacyId: 'ph-001' });
  });

  it('puts the manual entry buttons in one row, each at least 48 px high (60 in 关怀模式)', async () => {
    await openPage();
    const submit = byId('redeem-submit')!;
    expect(submit.parentElement?.className).toContain('redeem-actions');
    expect(submit.className).toContain('redeem-action');
  });

  it("shows today's counts from the summary", async () => {
    await openPage();

    expect([text('summary-reserved'), text('summary-redeemed'), text('summary-outstanding')]).toEqual(['120', '45', '75']);
    expect(byId('redeem-summary')?.textContent).toContain('2024年3月3日');
  });

  it('offers typed entry on H5, where there is no scanner, and shows a clear success screen', async () => {
    fakeServer.on('POST', MASK.redeem, fakeServer.json(200, redemption({ holderName: '张*', quantity: 5 })));
    await openPage();
    expect(byId('redeem-scan')).toBeNull();

    typeCode('  GP1.abc  ');

    await waitFor(() => expect(byId('redeem-result')?.getAttribute('data-outcome')).toBe('success'));
    expect(text('redeem-result-title')).toBe('核销成功');
    expect(byId('redeem-result')?.textContent).toContain('✓');
    expect(text('redeem-holder')).toBe('持码人：张*');
    expect(text('redeem-person')).toBe('领取对象：李*');
    expect(text('redeem-quantity')).toBe('发放口罩 5 个');
    expect(fakeServer.requestsTo(MASK.redeem)[0].data).toEqual({ pickupCode: 'GP1.abc', pharmacyId: 'ph-001' });
    // The counts are fetched again after each redemption.
    expect(fakeServer.requestsTo(MASK.summary).length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['SHORT_CODE_NOT_FOUND', 404, { failures: 1 }, '没有这个取货码'],
    ['SHORT_CODE_LOCKED', 429, { retryAfterSeconds: 300 }, '输错次数太多'],
    ['INVALID_CODE', 400, undefined, '无效的取货码'],
    ['ALREADY_REDEEMED', 409, { redeemedAt: '2024-03-03T02:20:00.000Z' }, '已核销'],
    ['WRONG_PHARMACY', 403, { pharmacyId: 'ph-002' }, '不是本药店的取货码'],
    ['CODE_EXPIRED', 409, { pickupDate: '2024-03-01' }, '取货码已过期'],
  ])('shows a failure screen for %s', async (code, status, details, reason) => {
    fakeServer.on('POST', MASK.redeem, fakeServer.error(status, code, details));
    await openPage();

    typeCode('GP1.bad');

    await waitFor(() => expect(byId('redeem-result')?.getAttribute('data-outcome')).toBe('failure'));
    expect(text('redeem-result-title')).toBe('核销失败');
    expect(text('redeem-reason')).toBe(reason);
    expect(byId('redeem-result')?.getAttribute('data-code')).toBe(code);
  });

  it('says when an already redeemed code was used', async () => {
    fakeServer.on('POST', MASK.redeem, fakeServer.error(409, 'ALREADY_REDEEMED', { redeemedAt: '2024-03-03T02:20:00.000Z' }));
    await openPage();

    typeCode('GP1.used');

    await waitFor(() => expect(text('redeem-hint')).toBe('该取货码已于3月3日 10:20核销，请勿重复发放'));
  });

  it('继续核销 returns to the entry form', async () => {
    fakeServer.on('POST', MASK.redeem, fakeServer.error(400, 'INVALID_CODE'));
    await openPage();
    typeCode('x');
    await screen.findByText('无效的取货码');

    fireEvent.click(byId('redeem-next')!);

    expect(byId('redeem-result')).toBeNull();
    expect((byId('redeem-manual-input') as HTMLInputElement).value).toBe('');
  });

  it('redeems by ID number for people without a phone, validating it first', async () => {
    fakeServer.on('POST', MASK.redeemById, fakeServer.json(200, redemption()));
    await openPage();

    fireEvent.change(byId('redeem-id-number')!, { target: { value: '1234' } });
    fireEvent.click(byId('redeem-id-submit')!);
    expect(text('redeem-id-number-error')).toBeTruthy();
    expect(fakeServer.requestsTo(MASK.redeemById)).toHaveLength(0);

    fireEvent.change(byId('redeem-id-number')!, { target: { value: VALID_ID.toLowerCase() } });
    expect(byId('redeem-id-number-error')).toBeNull();
    fireEvent.click(byId('redeem-id-submit')!);

    await waitFor(() => expect(text('redeem-result-title')).toBe('核销成功'));
    expect(fakeServer.requestsTo(MASK.redeemById)[0].data).toEqual({ idNumber: VALID_ID, pharmacyId: 'ph-001' });
  });

  it('says when the ID number has nothing to collect here', async () => {
    fakeServer.on('POST', MASK.redeemById, fakeServer.error(404, 'RESERVATION_NOT_FOUND'));
    await openPage();
    fireEvent.change(byId('redeem-id-number')!, { target: { value: VALID_ID } });

    fireEvent.click(byId('redeem-id-submit')!);

    await waitFor(() => expect(text('redeem-reason')).toBe('未找到待取预约'));
  });

  it('scans with the camera where there is one and redeems what it read', async () => {
    jest.replaceProperty(platform, 'canScan', true);
    jest.spyOn(platform, 'scanCode').mockResolvedValue('GP1.scanned');
    fakeServer.on('POST', MASK.redeem, fakeServer.json(200, redemption()));
    await openPage();
    expect(byId('redeem-manual')).toBeNull();

    fireEvent.click(byId('redeem-scan')!);

    await waitFor(() => expect(text('redeem-result-title')).toBe('核销成功'));
    expect(fakeServer.requestsTo(MASK.redeem)[0].data).toEqual({ pickupCode: 'GP1.scanned', pharmacyId: 'ph-001' });
  });

  it('opens typed entry when a scan is cancelled', async () => {
    jest.replaceProperty(platform, 'canScan', true);
    jest.spyOn(platform, 'scanCode').mockResolvedValue(null);
    await openPage();

    fireEvent.click(byId('redeem-scan')!);

    await waitFor(() => expect(byId('redeem-manual-input')).not.toBeNull());
  });

  it('lets a pharmacist of several pharmacies choose the counter', async () => {
    signedIn({
      ...pharmacist,
      roles: [
        { role: 'pharmacist', scopeId: 'ph-001' },
        { role: 'pharmacist', scopeId: 'ph-002' },
      ],
    });
    fakeServer.on('POST', MASK.redeem, fakeServer.json(200, redemption()));
    await openPage();

    fireEvent.click(byId('redeem-pharmacy-ph-002')!);
    typeCode('GP1.x');

    await waitFor(() => expect(fakeServer.requestsTo(MASK.redeem)).toHaveLength(1));
    expect(fakeServer.requestsTo(MASK.redeem)[0].data).toEqual({ pickupCode: 'GP1.x', pharmacyId: 'ph-002' });
    await waitFor(() => expect(new URL(fakeServer.requestsTo(MASK.summary).at(-1)!.url).searchParams.get('pharmacyId')).toBe('ph-002'));
  });

  it('is closed to accounts without the pharmacist role', () => {
    signedIn(verifiedCitizen);
    render(<RedeemPage />);

    expect(text('redeem-forbidden')).toContain('仅药店核销员可使用此功能');
    expect(byId('redeem-manual-input')).toBeNull();
  });

  it('applies 关怀模式', async () => {
    Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, true);
    await openPage();
    expect(byId('page-pharmacy-redeem')?.classList.contains('elderly')).toBe(true);
  });
});

describe('redemption failure reasons', () => {
  it('explains cancelled/expired reservations and early pickups', () => {
    const err = (code: 'CODE_EXPIRED' | 'CONFLICT', details: unknown) => new ApiError({ code, status: 409, message: code, rawDetails: details });
    expect(failureOf(err('CODE_EXPIRED', { status: 'cancelled' }))).toMatchObject({ reason: '取货码已过期', hint: '该预约已被取消' });
    expect(failureOf(err('CONFLICT', { pickupDate: '2024-03-03' }))).toMatchObject({ reason: '未到取货日期', hint: '请于2024年3月3日（周日）起领取' });
    expect(failureOf(new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'x' }))).toMatchObject({ reason: '网络连接失败，请检查网络后重试' });
  });
});
