import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import HealthCodePage from '../src/packageHealth/pages/code/index';
import { refreshDelayMs } from '../src/packageHealth/lib/code-refresh';
import { elderlyModeStore, setElderlyMode } from '../src/store/elderly-mode';
import { pageLifecycle } from '../test-doubles/taro';
import { fakeServer, signedIn } from './helpers';
import { HEALTH, healthCode } from './health-fixtures';

const byId = (id: string) => document.getElementById(id);
const text = (id: string) => byId(id)?.textContent ?? null;
const NOW = Date.parse('2026-12-04T08:00:05.000Z');

async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  });
}

describe('健康码 page', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    signedIn();
    act(() => elderlyModeStore.set(false));
    fakeServer.on('GET', HEALTH.family, fakeServer.json(200, { items: [], limit: 5 }));
  });
  afterEach(() => jest.useRealTimers());

  it('refreshes at three quarters of a code\'s life, measured by its own times', () => {
    expect(refreshDelayMs('2026-12-04T08:00:00.000Z', '2026-12-04T08:01:00.000Z')).toBe(45_000);
    expect(refreshDelayMs('2026-12-04T08:00:00.000Z', '2026-12-04T08:00:02.000Z')).toBe(5_000);
    expect(refreshDelayMs('bad', 'worse')).toBe(5_000);
  });

  it('shows the masked name, the colour block with the QR, a ticking clock, reasons and the green-from date', async () => {
    fakeServer.on('GET', HEALTH.code, fakeServer.json(200, healthCode()));
    render(<HealthCodePage />);
    await flush();

    expect(text('health-code-name')).toBe('李*');
    expect(byId('health-code-card')?.getAttribute('data-colour')).toBe('yellow');
    expect(text('health-code-colour')).toBe('黄码');
    expect(byId('health-code-qr')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(byId('health-code-qr')?.getAttribute('data-code')).toBe('GPC1.test-code-1');
    expect(text('health-code-clock')).toBe('2026-12-04 16:00:05');
    act(() => jest.advanceTimersByTime(2000));
    expect(text('health-code-clock')).toBe('2026-12-04 16:00:07');

    const reasons = byId('health-reasons')?.textContent ?? '';
    expect(reasons).toContain('赋码原因');
    expect(reasons).toContain('14天内到过中风险地区');
    expect(reasons).toContain('转码条件：核酸检测阴性后转绿');
    expect(text('health-green-from')).toBe('预计转绿日期：2026年12月10日');
  });

  it('fetches a new code at 45 s of 60, not before, and again when the page is shown', async () => {
    fakeServer.on(
      'GET',
      HEALTH.code,
      fakeServer.json(200, healthCode()),
      fakeServer.json(200, healthCode({ code: 'GPC1.second', colour: 'green', reasons: [], greenFrom: null })),
    );
    render(<HealthCodePage />);
    await flush();
    expect(fakeServer.requestsTo(HEALTH.code)).toHaveLength(1);

    act(() => jest.advanceTimersByTime(44_000));
    await flush();
    expect(fakeServer.requestsTo(HEALTH.code)).toHaveLength(1);

    act(() => jest.advanceTimersByTime(1_000));
    await flush();
    expect(fakeServer.requestsTo(HEALTH.code)).toHaveLength(2);
    expect(byId('health-code-qr')?.getAttribute('data-code')).toBe('GPC1.second');
    expect(text('health-code-colour')).toBe('绿码');
    expect(byId('health-reasons')).toBeNull();

    // Hidden (another page on top): no refreshes; shown again: a fresh code at once.
    act(() => pageLifecycle.hide());
    act(() => jest.advanceTimersByTime(120_000));
    await flush();
    expect(fakeServer.requestsTo(HEALTH.code)).toHaveLength(2);
    act(() => pageLifecycle.show());
    await flush();
    expect(fakeServer.requestsTo(HEALTH.code)).toHaveLength(3);
  });

  it('greys the code out once it has expired and the refresh failed, then retries', async () => {
    fakeServer.on('GET', HEALTH.code, fakeServer.json(200, healthCode()), { reject: { errMsg: 'request:fail timeout' } });
    render(<HealthCodePage />);
    await flush();

    act(() => jest.advanceTimersByTime(45_000));
    await flush();
    expect(byId('health-code-card')?.className).not.toContain('code-card--stale');
    act(() => jest.advanceTimersByTime(10_000));
    await flush();
    expect(byId('health-code-card')?.className).toContain('code-card--stale');
    expect(text('health-code-colour')).toBe('码已过期，正在刷新');
    expect(fakeServer.requestsTo(HEALTH.code).length).toBeGreaterThanOrEqual(3);
  });

  it("shows a family member's code (代亮码) and passes the person on to 申报", async () => {
    fakeServer.on('GET', HEALTH.family, fakeServer.json(200, { items: [{ id: 'f-1', personId: 'p-mum', name: '王*', idNumber: '3401**********0042', idLast4: '0042', relation: 'mother' }], limit: 5 }));
    fakeServer.on('GET', HEALTH.code, (req) =>
      fakeServer.json(200, req.url.includes('p-mum') ? healthCode({ person: { personId: 'p-mum', maskedName: '王*' }, colour: 'green' }) : healthCode()),
    );
    render(<HealthCodePage />);
    await flush();

    fireEvent.click(byId('person-p-mum')!);
    await flush();

    expect(text('health-code-name')).toBe('王*');
    expect(fakeServer.requests.at(-1)?.url).toBe(`http://api.test${HEALTH.code}?personId=p-mum`);
    fireEvent.click(byId('health-go-declare')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageHealth/pages/declare/index?personId=p-mum' });
  });

  it('follows 关怀模式 (larger text and QR through the page root class)', async () => {
    fakeServer.on('GET', HEALTH.code, fakeServer.json(200, healthCode()));
    act(() => setElderlyMode(true));
    render(<HealthCodePage />);
    await flush();
    expect(byId('page-health-code')?.className).toContain('elderly');
    act(() => setElderlyMode(false));
    expect(byId('page-health-code')?.className).not.toContain('elderly');
  });

  it('sends people without a verified identity to 实名认证', async () => {
    fakeServer.on('GET', HEALTH.code, fakeServer.error(403, 'IDENTITY_REQUIRED'));
    render(<HealthCodePage />);
    await flush();
    await waitFor(() => expect(byId('health-code-error')?.getAttribute('data-code')).toBe('IDENTITY_REQUIRED'));

    fireEvent.click(byId('health-go-identity')!);

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/identity/index' });
  });
});
