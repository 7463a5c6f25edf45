import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import EtaPage from '../src/packageHall/pages/eta/index';
import FollowUpsPage from '../src/packageHall/pages/follow-ups/index';
import SlotSettingsPage from '../src/packageHall/pages/slot-settings/index';
import StatsPage from '../src/packageHall/pages/stats/index';
import { setHallManagerGateway } from '../src/packageHall/gateway';
import type { FollowUp, HallManagerGateway, StatsRow } from '../src/packageHall/lib/hall-manager-gateway';
import { ELDERLY_MODE_STORAGE_KEY } from '../src/store/elderly-mode';
import { setRouterParams } from '../test-doubles/taro';
import { sessionStore } from '../src/store/session';
import { citizen, signedIn } from './helpers';

const byId = (id: string) => document.getElementById(id);
const tap = (id: string) => fireEvent.click(byId(id)!);

const followUp = (id: string, over: Partial<FollowUp> = {}): FollowUp => ({
  id,
  status: 'open',
  dueAt: '2030-01-14T01:00:00.000Z',
  overdue: false,
  note: null,
  closedAt: null,
  createdAt: '2030-01-07T01:00:00.000Z',
  grade: 2,
  gradeLabel: '不满意',
  tags: ['等候太久'],
  comment: '排了一个小时',
  serviceName: '户籍办理',
  windowLabel: '3',
  ...over,
});
const row = (id: string, name: string, over: Partial<StatsRow> = {}): StatsRow => ({ id, name, served: 10, avgWaitMin: 12, avgServiceMin: 6, noShows: 1, ratings: 4, satisfaction: 0.9, etaErrorP50Min: 3, etaErrorP90Min: 8, ...over });

function fakeManager() {
  return {
    hallName: jest.fn(async () => '市民中心办事大厅'),
    followUps: jest.fn(async () => [followUp('f-1', { overdue: true }), followUp('f-2')]),
    closeFollowUp: jest.fn(async () => undefined),
    stats: jest.fn(async (_h: string, from: string, to: string) => ({
      from,
      to,
      services: [row('svc-a', '户籍办理'), row('svc-b', '社保卡', { served: 5, satisfaction: 0.5 })],
      windows: [row('win-1', '1号窗口', { served: 15 })],
      followUps: { open: 2, overdue: 1 },
    })),
    etaError: jest.fn(async () => [{ serviceId: 'svc-a', serviceName: '户籍办理', samples: 40, meanAbsErrorMin: 3.2, p90AbsErrorMin: 7.5, withinP90Share: 0.7 }]),
    slotSettings: jest.fn(async () => [{ serviceId: 'svc-a', serviceName: '户籍办理', slotMinutes: null, capacity: null, effectiveSlotMinutes: 30, effectiveCapacity: 10 }]),
    setSlotSettings: jest.fn(async (_h: string, serviceId: string, v: { slotMinutes: number | null; capacity: number | null }) => ({
      serviceId,
      serviceName: '户籍办理',
      slotMinutes: v.slotMinutes,
      capacity: v.capacity,
      effectiveSlotMinutes: v.slotMinutes ?? 30,
      effectiveCapacity: v.capacity ?? 10,
    })),
  } satisfies HallManagerGateway;
}

let m: ReturnType<typeof fakeManager>;

beforeEach(() => {
  m = fakeManager();
  setHallManagerGateway(m);
  signedIn({ ...citizen, roles: [{ role: 'hall_manager', scopeId: 'hall-1' }] });
  setRouterParams({});
});

describe('大厅管理', () => {
  it('好差评跟进: overdue in red, closing needs a note, then reloads', async () => {
    render(<FollowUpsPage />);
    await waitFor(() => expect(byId('follow-up-f-1')).not.toBeNull());
    expect(m.followUps).toHaveBeenCalledWith('hall-1', 'open');
    expect(byId('follow-up-f-1')?.className).toContain('follow-up--overdue');
    expect(byId('follow-up-f-1')?.textContent).toContain('已逾期');
    expect(byId('follow-up-f-2')?.className).not.toContain('follow-up--overdue');
    expect(byId('follow-ups-overdue')?.textContent).toContain('1 条已超过回访期限');
    expect(byId('follow-up-close-f-1')?.getAttribute('disabled')).not.toBeNull();
    fireEvent.input(byId('follow-up-note-f-1')!, { target: { value: '已电话回访致歉' } });
    await act(async () => tap('follow-up-close-f-1'));
    expect(m.closeFollowUp).toHaveBeenCalledWith('hall-1', 'f-1', '已电话回访致歉');
    expect(m.followUps).toHaveBeenCalledTimes(3); // first show, the filter effect, after closing
    await act(async () => tap('follow-ups-filter-closed'));
    expect(m.followUps).toHaveBeenLastCalledWith('hall-1', 'closed');
  });

  it('统计: bars per service and per window for the chosen figure; low satisfaction in red', async () => {
    render(<StatsPage />);
    await waitFor(() => expect(byId('stats-services-bars-svc-a')).not.toBeNull());
    expect(byId('stats-summary')?.textContent).toContain('15');
    expect(byId('stats-services-bars-svc-a')?.textContent).toContain('10人');
    const fill = (id: string) => (byId(id)?.querySelector('.bar-fill') as HTMLElement | null)?.style.width;
    expect(fill('stats-services-bars-svc-a')).toBe('100%');
    expect(fill('stats-services-bars-svc-b')).toBe('50%');
    tap('stats-metric-satisfaction');
    expect(byId('stats-services-bars-svc-b')?.textContent).toContain('50%');
    expect(byId('stats-services-bars-svc-b')?.querySelector('.bar-fill--warn')).not.toBeNull();
    expect(byId('stats-windows-bars-win-1')).not.toBeNull();
    await act(async () => tap('stats-range-30'));
    const [, from, to] = m.stats.mock.calls.at(-1)!;
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(29);
  });

  it('等候预估误差: mean, worst and coverage as bars; coverage under 80 % in red', async () => {
    render(<EtaPage />);
    await waitFor(() => expect(byId('eta-mean-bars-svc-a')).not.toBeNull());
    expect(byId('eta-mean-bars-svc-a')?.textContent).toContain('3.2分钟');
    expect(byId('eta-p90-bars-svc-a')?.textContent).toContain('7.5分钟');
    expect(byId('eta-coverage-bars-svc-a')?.querySelector('.bar-fill--warn')).not.toBeNull();
    await act(async () => tap('eta-days-30'));
    expect(m.etaError).toHaveBeenLastCalledWith('hall-1', 30);
  });

  it('预约时段: saves a length and places, resets to the default', async () => {
    render(<SlotSettingsPage />);
    await waitFor(() => expect(byId('slot-setting-svc-a')).not.toBeNull());
    tap('slot-minutes-svc-a-60');
    fireEvent.input(byId('slot-capacity-svc-a')!, { target: { value: '4' } });
    await act(async () => tap('slot-save-svc-a'));
    expect(m.setSlotSettings).toHaveBeenCalledWith('hall-1', 'svc-a', { slotMinutes: 60, capacity: 4 });
    await waitFor(() => expect(byId('slot-setting-svc-a')?.textContent).toContain('每 60 分钟一个时段，每个时段 4 人'));
    await act(async () => tap('slot-reset-svc-a'));
    expect(m.setSlotSettings).toHaveBeenLastCalledWith('hall-1', 'svc-a', { slotMinutes: null, capacity: null });
  });

  it('loads once the session (and so the hall) arrives after the first paint, as on H5', async () => {
    sessionStore.set({ status: 'loading', user: null, error: null });
    render(<FollowUpsPage />);
    expect(m.followUps).not.toHaveBeenCalledWith('hall-1', 'open');
    act(() => signedIn({ ...citizen, roles: [{ role: 'hall_manager', scopeId: 'hall-1' }] }));
    await waitFor(() => expect(byId('follow-up-f-1')).not.toBeNull());
    expect(m.followUps).toHaveBeenCalledWith('hall-1', 'open');
  });

  it('tells accounts without a hall to manage that the pages are for hall managers', () => {
    signedIn(citizen);
    render(<StatsPage />);
    expect(byId('manager-no-role')).not.toBeNull();
  });

  it.each([
    ['page-hall-follow-ups', FollowUpsPage],
    ['page-hall-stats', StatsPage],
    ['page-hall-eta', EtaPage],
    ['page-hall-slots', SlotSettingsPage],
  ])('%s carries .elderly in 关怀模式 and switches tabs in place', async (id, Page) => {
    Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, true);
    render(<Page />);
    await waitFor(() => expect(byId('manager-hall')?.textContent).toBe('市民中心办事大厅'));
    expect(byId(id)?.className).toContain('elderly');
    tap(id === 'page-hall-stats' ? 'manager-nav-eta' : 'manager-nav-stats');
    expect(Taro.redirectTo).toHaveBeenLastCalledWith({ url: expect.stringMatching(/^\/packageHall\/pages\/(stats|eta)\/index\?hallId=hall-1$/) });
    Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, false);
  });
});
